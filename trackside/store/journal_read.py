"""The journal read by id, as the live watcher follows it: rows after a position (and late ones
that filled holes), the highest ids, and the rows as records (passings, flags, decisions, and
the timing lights' trips and the starter's releases, officials' pit stops and driver
changes)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Select, Table, func, select

from trackside.core.records import (
    Decision,
    DriverChange,
    Flag,
    LightChannel,
    Passing,
    PitStopRecord,
    Release,
    Trip,
)
from trackside.store.facts import decision_of, flag_of
from trackside.store.schema import (
    decisions,
    driver_changes,
    flags,
    passings,
    pit_stops,
    race_record_revokes,
    releases,
    trips,
)

FLAG_COLUMNS = (flags.c.session_id, flags.c.state, flags.c.time_us, flags.c.id,
                flags.c.author, flags.c.recorded_us)  # fmt: skip
"""A flag row's columns in `Flag` field order."""


def rows_after(conn: Connection, table: Table, last: int, holes: list[int]) -> list[Any]:
    """Rows with `id > last`, and those of `holes` that have appeared, in id order."""
    columns = _COLUMNS[table.name]
    query: Select = select(table.c.id, table.c.event_id, *columns).where(table.c.id > last)
    found = list(conn.execute(query.order_by(table.c.id)))
    if holes:
        late = select(table.c.id, table.c.event_id, *columns).where(table.c.id.in_(holes))
        found = sorted([*conn.execute(late), *found], key=lambda row: row[0])
    return found


JOURNAL_TABLES = (passings, flags, decisions, trips, releases, pit_stops, driver_changes,
                  race_record_revokes)  # fmt: skip
"""The tables the live watcher follows."""

_LAST_IDS = select(*(select(func.coalesce(func.max(table.c.id), 0)).scalar_subquery()
                     for table in JOURNAL_TABLES))  # fmt: skip


def last_ids(conn: Connection) -> dict[str, int]:
    """The highest id of each journal table (0 when empty), in one query: the watcher asks it
    on every poll and reads only the tables that gained rows (an idle poll is one query, not
    one per table; the highest id of a primary key is read from its index end)."""
    row = conn.execute(_LAST_IDS).one()
    return {table.name: last for table, last in zip(JOURNAL_TABLES, row, strict=True)}


_COLUMNS = {
    "passings": (passings.c.time_us, passings.c.transponder, passings.c.loop,
                 passings.c.decoder, passings.c.passing_number, passings.c.source),
    "flags": tuple(c for c in FLAG_COLUMNS if c.name != "id"),
    "decisions": tuple(c for c in decisions.c if c.name not in ("id", "event_id")),
    "trips": (trips.c.session_id, trips.c.channel, trips.c.time_us, trips.c.line_id),
    "releases": (releases.c.session_id, releases.c.number, releases.c.time_us,
                 releases.c.author),
    "pit_stops": (pit_stops.c.session_id, pit_stops.c.number, pit_stops.c.in_us,
                  pit_stops.c.out_us, pit_stops.c.author),
    "driver_changes": (driver_changes.c.session_id, driver_changes.c.number,
                       driver_changes.c.driver, driver_changes.c.at_us, driver_changes.c.author),
    "race_record_revokes": (race_record_revokes.c.record, race_record_revokes.c.record_id),
}  # fmt: skip


def as_passing(row: Any) -> Passing:
    return Passing(*row[2:])


def as_flag(row: Any) -> Flag:
    session_id, state, time_us, author, recorded_us = row[2:]
    return flag_of(session_id, state, time_us, row[0], author, recorded_us)


def as_decision(row: Any) -> Decision:
    values = dict(zip((c.name for c in _COLUMNS["decisions"]), row[2:], strict=True))
    return decision_of({**values, "id": row[0]})


def as_trip(row: Any) -> Trip:
    session_id, channel, time_us, line_id = row[2:]
    return Trip(session_id, LightChannel(channel), time_us, row[0], line_id)


def as_release(row: Any) -> Release:
    session_id, number, time_us, author = row[2:]
    return Release(session_id, number, time_us, row[0], author)


def as_pit_stop(row: Any) -> PitStopRecord:
    session_id, number, in_us, out_us, author = row[2:]
    return PitStopRecord(session_id, number, in_us, out_us, row[0], author)


def as_driver_change(row: Any) -> DriverChange:
    session_id, number, driver, at_us, author = row[2:]
    return DriverChange(session_id, number, driver, at_us, row[0], author)


def as_race_revoke(row: Any) -> tuple[str, int]:
    """A revoked pit stop or driver change: (`pit-stop` | `driver-change`, its row id)."""
    record, record_id = row[2:]
    return record, record_id
