"""Reading what results are computed from: one event's definition and facts, fast.

Plain SQL on the DB-API cursor (`plain_sql.py`), so the same reads serve a SQLAlchemy
connection (SQLite or PostgreSQL) and a standard-library `sqlite3` one (`sqlite_file.py`: the
one-fact commands, without importing SQLAlchemy). Passing rows are fetched as tuples in
`Passing` field order and turned straight into `Passing` named tuples; a day's passings come
from its snapshot as an `IndexedPassings` (their read times at once, the records when looked
at: `passing_snapshots.py`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from trackside.core.records import (
    Decision,
    DecisionKind,
    Entry,
    EventDef,
    EventFacts,
    Flag,
    FlagState,
    LightChannel,
    Passing,
    Release,
    Trip,
)
from trackside.errors import InputError
from trackside.store.fast_read import collector_paused
from trackside.store.passing_snapshots import (
    PASSING_COLUMNS,
    as_passing,
    read_passings_in,
    refresh_quietly,
)
from trackside.store.plain_sql import Connection, first, json_value, rows
from trackside.store.race_reads import driver_changes_in, pit_stops_in, roster_in
from trackside.timing.csv_entries import OPTIONAL
from trackside.timing.event_file import parse_event_definition

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from trackside.store.sqlite_file import SqliteFile

__all__ = ["PASSING_COLUMNS", "as_passing"]  # and the readers below
_TRANSPONDER_PASSINGS = (f"SELECT {PASSING_COLUMNS} FROM passings WHERE event_id = :event_id "
                         "AND transponder = :transponder ORDER BY time_us, id")

def load_facts(engine: Engine | SqliteFile, event_id: str) -> EventFacts:
    """The event's definition, entries, passings, flags and decisions, in one read transaction;
    the passings from their snapshot, written again afterwards when it missed many
    (`passing_snapshots.py`)."""
    with engine.connect() as conn, collector_paused():
        read = read_passings_in(conn, event_id)
        facts = facts_in(conn, event_id, read.passings)
    refresh_quietly(engine, event_id, read)
    return facts


def facts_in(
    conn: Connection, event_id: str, passings: Sequence[Passing] | None = None
) -> EventFacts:
    """`load_facts` on an open connection (inside a service's transaction); `passings` when
    they were read already."""
    return EventFacts(
        event=event_in(conn, event_id),
        entries=entries_in(conn, event_id),
        passings=passings_in(conn, event_id) if passings is None else passings,
        flags=flags_in(conn, event_id),
        decisions=decisions_in(conn, event_id),
        trips=trips_in(conn, event_id),
        releases=releases_in(conn, event_id),
        roster=roster_in(conn, event_id),
        pit_stops=pit_stops_in(conn, event_id),
        driver_changes=driver_changes_in(conn, event_id),
    )


def definitions_in(conn: Connection, event_id: str) -> EventFacts:
    """The event's facts but its passings (`passings` is empty): what every result reads besides
    the laps, a few hundred rows however long the day."""
    return EventFacts(
        event=event_in(conn, event_id),
        entries=entries_in(conn, event_id),
        passings=(),
        flags=flags_in(conn, event_id),
        decisions=decisions_in(conn, event_id),
        trips=trips_in(conn, event_id),
        releases=releases_in(conn, event_id),
        roster=roster_in(conn, event_id),
        pit_stops=pit_stops_in(conn, event_id),
        driver_changes=driver_changes_in(conn, event_id),
    )


def transponder_passings_in(
    conn: Connection, event_id: str, transponder: str
) -> tuple[Passing, ...]:
    """One transponder's passings of the event, in time order."""
    found = rows(conn, _TRANSPONDER_PASSINGS, {"event_id": event_id, "transponder": transponder})
    return tuple(map(as_passing, found))


def read_passings(engine: Engine | SqliteFile, event_id: str) -> Sequence[Passing]:
    """Only the passings of an event, in time order (the bench's floor for `load_facts`)."""
    with engine.connect() as conn, collector_paused():
        return passings_in(conn, event_id)


def event_in(conn: Connection, event_id: str) -> EventDef:
    """The stored definition of an event; InputError naming the EVENT argument if unknown."""
    row = first(conn, "SELECT definition FROM events WHERE id = :id", {"id": event_id})
    if row is None:
        raise unknown_event(event_id)
    return parse_event_definition(json_value(row[0]), source=f"event {event_id}")


def event_exists(conn: Connection, event_id: str) -> bool:
    return first(conn, "SELECT id FROM events WHERE id = :id", {"id": event_id}) is not None


def unknown_event(event_id: str) -> InputError:
    return InputError(
        f"no event {event_id!r} (import it with `trackside event import FILE.toml`)",
        source="argument EVENT",
    )


def passings_in(conn: Connection, event_id: str) -> Sequence[Passing]:
    """Every passing of the event in time order (then id): `passing_snapshots.py`."""
    return read_passings_in(conn, event_id).passings


_ENTRY_COLUMNS = ("number", "first_name", "last_name", "car_class", "run_group", "transponder",
                  *OPTIONAL, "extra")  # fmt: skip
_ENTRIES = (f"SELECT {', '.join(_ENTRY_COLUMNS)} FROM entries WHERE event_id = :event_id "
            "ORDER BY number")


def entries_in(conn: Connection, event_id: str) -> tuple[Entry, ...]:
    return tuple(map(_entry, rows(conn, _ENTRIES, {"event_id": event_id})))


def _entry(row: tuple[Any, ...]) -> Entry:
    """An entry row (`_ENTRY_COLUMNS`) as an `Entry`: the optional columns that hold a value,
    then the `extra` JSON, in `extra`."""
    number, first_name, last_name, car_class, group, transponder, *optional, more = row
    extra = {name: value for name, value in zip(OPTIONAL, optional, strict=True) if value}
    if more and more != "{}":  # most entries have no more: no JSON to decode
        extra.update(json_value(more) or {})
    return Entry(number=number, first_name=first_name, last_name=last_name,
                 car_class=car_class, group=group, transponder=transponder, extra=extra)


def flags_in(conn: Connection, event_id: str) -> tuple[Flag, ...]:
    """Every recorded flag of the event, revoked ones too, with its id, author and time."""
    return tuple(flag_of(*row) for row in rows(conn, _FLAGS, {"event_id": event_id}))


_FLAGS = ("SELECT session_id, state, time_us, id, author, recorded_us FROM flags "
          "WHERE event_id = :event_id ORDER BY time_us, id")
"""A flag row's columns in `Flag` field order."""


def flag_of(
    session_id: str, state: str, time_us: int, flag_id: int, author: str, recorded_us: int
) -> Flag:
    return Flag(session_id, FlagState(state), time_us, flag_id, author, recorded_us)


def decisions_in(conn: Connection, event_id: str) -> tuple[Decision, ...]:
    found = rows(conn, _DECISIONS, {"event_id": event_id})
    return tuple(decision_of(dict(zip(DECISION_COLUMNS, row, strict=True))) for row in found)


DECISION_COLUMNS = ("id", "kind", "number", "session_id", "lap", "at_us", "seconds", "reason",
                    "author", "created_us", "revokes", "flag_id", "run", "count", "other_number",
                    "served_us", "serves", "query_id", "car_class")  # fmt: skip
"""The columns of a decision row `decision_of` reads."""
_DECISIONS = (f"SELECT {', '.join(DECISION_COLUMNS)} FROM decisions WHERE event_id = :event_id "
              "ORDER BY id")


def decision_of(row: Mapping[str, Any]) -> Decision:
    """A stored decision row (column values by name) as a `Decision`; the journal keeps a time
    penalty in seconds, the core in microseconds."""
    seconds = row["seconds"]
    return Decision(
        id=row["id"],
        kind=DecisionKind(row["kind"]),
        number=row["number"],
        session_id=row["session_id"],
        lap=row["lap"],
        at_us=row["at_us"],
        penalty_us=None if seconds is None else round(seconds * 1_000_000),
        reason=row["reason"],
        author=row["author"],
        created_us=row["created_us"],
        revokes=row["revokes"],
        flag_id=row["flag_id"],
        run=row["run"],
        count=row["count"],
        other_number=row["other_number"],
        served_us=row["served_us"],
        serves=row["serves"],
        query_id=row["query_id"],
        car_class=row["car_class"],
    )


def trips_in(conn: Connection, event_id: str) -> tuple[Trip, ...]:
    """Every trip of the event in time order (equal times: start before finish, tracksprint.md
    "Lights"), then in the order stored."""
    found = rows(conn, "SELECT session_id, channel, time_us, id, line_id FROM trips "
                       "WHERE event_id = :event_id ORDER BY time_us, channel DESC, id",
                 {"event_id": event_id})  # fmt: skip
    return tuple(Trip(s, LightChannel(c), t, i, line) for s, c, t, i, line in found)


def releases_in(conn: Connection, event_id: str) -> tuple[Release, ...]:
    """Every release of the event in time order."""
    found = rows(conn, "SELECT session_id, number, time_us, id, author FROM releases "
                       "WHERE event_id = :event_id ORDER BY time_us, id",
                 {"event_id": event_id})  # fmt: skip
    return tuple(Release(*row) for row in found)
