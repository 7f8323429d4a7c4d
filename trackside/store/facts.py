"""Reading what results are computed from: one event's definition and facts, fast.

`read_passings` is the floor of `load_facts`: a plain select of tuples turned straight into
`Passing` named tuples (30,000 rows in about 45 ms on SQLite).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

from sqlalchemy import Connection, Engine, select

from trackside.core.records import (
    Decision,
    DecisionKind,
    Entry,
    EventDef,
    EventFacts,
    Flag,
    FlagState,
    Passing,
)
from trackside.errors import InputError
from trackside.store.fast_read import collector_paused, fetch_tuples
from trackside.store.race_facts import driver_changes_in, pit_stops_in, roster_in
from trackside.store.run_facts import releases_in, trips_in
from trackside.store.schema import decisions, entries, events, flags, passings
from trackside.timing.csv_entries import OPTIONAL
from trackside.timing.event_file import parse_event_definition

_PASSING_COLUMNS = (
    passings.c.time_us,
    passings.c.transponder,
    passings.c.loop,
    passings.c.decoder,
    passings.c.passing_number,
    passings.c.source,
)


def load_facts(engine: Engine, event_id: str) -> EventFacts:
    """The event's definition, entries, passings, flags and decisions, in one read transaction."""
    with engine.connect() as conn, collector_paused():
        return facts_in(conn, event_id)


def facts_in(conn: Connection, event_id: str) -> EventFacts:
    """`load_facts` on an open connection (inside a service's transaction)."""
    return EventFacts(
        event=event_in(conn, event_id),
        entries=entries_in(conn, event_id),
        passings=passings_in(conn, event_id),
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
    query = (
        select(*_PASSING_COLUMNS)
        .where(passings.c.event_id == event_id, passings.c.transponder == transponder)
        .order_by(passings.c.time_us, passings.c.id)
    )
    return tuple(map(as_passing, fetch_tuples(conn, query)))


def read_passings(engine: Engine, event_id: str) -> tuple[Passing, ...]:
    """Only the passings of an event, in time order (the bench's floor for `load_facts`)."""
    with engine.connect() as conn, collector_paused():
        return passings_in(conn, event_id)


def event_in(conn: Connection, event_id: str) -> EventDef:
    """The stored definition of an event; InputError naming the EVENT argument if unknown."""
    row = conn.execute(select(events.c.definition).where(events.c.id == event_id)).first()
    if row is None:
        raise unknown_event(event_id)
    return parse_event_definition(row.definition, source=f"event {event_id}")


def unknown_event(event_id: str) -> InputError:
    return InputError(
        f"no event {event_id!r} (import it with `trackside event import FILE.toml`)",
        source="argument EVENT",
    )


def passings_in(conn: Connection, event_id: str) -> tuple[Passing, ...]:
    query = (
        select(*_PASSING_COLUMNS)
        .where(passings.c.event_id == event_id)
        .order_by(passings.c.time_us, passings.c.id)
    )
    return tuple(map(as_passing, fetch_tuples(conn, query)))


as_passing = partial(tuple.__new__, Passing)
"""A fetched row (in `Passing` field order) as a `Passing`, without per-field arguments."""


def entries_in(conn: Connection, event_id: str) -> tuple[Entry, ...]:
    query = select(entries).where(entries.c.event_id == event_id).order_by(entries.c.number)
    return tuple(_entry(row._mapping) for row in conn.execute(query))


def _entry(row) -> Entry:  # type: ignore[no-untyped-def]
    extra = {name: row[name] for name in OPTIONAL if row[name]}
    extra.update(row["extra"] or {})
    return Entry(
        number=row["number"],
        first_name=row["first_name"],
        last_name=row["last_name"],
        car_class=row["car_class"],
        group=row["run_group"],
        transponder=row["transponder"],
        extra=extra,
    )


def flags_in(conn: Connection, event_id: str) -> tuple[Flag, ...]:
    """Every recorded flag of the event, revoked ones too, with its id, author and time."""
    query = (
        select(*FLAG_COLUMNS)
        .where(flags.c.event_id == event_id)
        .order_by(flags.c.time_us, flags.c.id)
    )
    return tuple(flag_of(*row) for row in conn.execute(query))


FLAG_COLUMNS = (flags.c.session_id, flags.c.state, flags.c.time_us, flags.c.id,
                flags.c.author, flags.c.recorded_us)  # fmt: skip
"""A flag row's columns in `Flag` field order."""


def flag_of(
    session_id: str, state: str, time_us: int, flag_id: int, author: str, recorded_us: int
) -> Flag:
    return Flag(session_id, FlagState(state), time_us, flag_id, author, recorded_us)


def decisions_in(conn: Connection, event_id: str) -> tuple[Decision, ...]:
    query = select(decisions).where(decisions.c.event_id == event_id).order_by(decisions.c.id)
    return tuple(decision_of(row._mapping) for row in conn.execute(query))


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
    )
