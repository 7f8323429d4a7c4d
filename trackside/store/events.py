"""Event definitions: stored as the imported file's content; a changed one replaces it in
`events` and is appended to its history (`event_versions`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, select, union

from trackside.core.records import EventDef
from trackside.store.event_versions import append_event_version
from trackside.store.facts import event_exists
from trackside.store.journal import now_us
from trackside.store.schema import decisions, entries, events, flags, passings

__all__ = ["EventSummary", "event_exists", "event_summaries", "save_event",
           "sessions_with_facts", "stored_definition"]  # event_exists: facts.py (plain SQL)


@dataclass(frozen=True, slots=True)
class EventSummary:
    id: str
    name: str
    date: str
    entries: int
    passings: int


def save_event(
    conn: Connection, event: EventDef, definition: dict[str, Any], author: str
) -> bool:
    """Store the event's definition as its newest version, by `author`; True when the event
    is new. The same definition again writes nothing."""
    stored = stored_definition(conn, event.id)
    if stored == definition:
        return False
    recorded = now_us()
    values = {"name": event.name, "date": event.date, "definition": definition,
              "updated_us": recorded}
    if stored is None:
        conn.execute(events.insert().values(id=event.id, **values))
    else:
        conn.execute(events.update().where(events.c.id == event.id).values(values))
    append_event_version(conn, event.id, definition, author, recorded)
    return stored is None


def stored_definition(conn: Connection, event_id: str) -> dict[str, Any] | None:
    """The event's stored definition (the imported file's content), or None."""
    query = select(events.c.definition).where(events.c.id == event_id)
    return conn.execute(query).scalar_one_or_none()


def event_summaries(conn: Connection) -> list[EventSummary]:
    """Every event with its entry and passing counts, newest date first."""
    entry_count = (
        select(func.count()).where(entries.c.event_id == events.c.id).scalar_subquery()
    )
    passing_count = (
        select(func.count()).where(passings.c.event_id == events.c.id).scalar_subquery()
    )
    query = select(events.c.id, events.c.name, events.c.date, entry_count, passing_count)
    rows = conn.execute(query.order_by(events.c.date.desc(), events.c.id))
    return [EventSummary(*row) for row in rows]


def sessions_with_facts(conn: Connection, event_id: str) -> set[str]:
    """Session ids that stored flags, passings or decisions of the event name."""
    named = union(*(
        select(table.c.session_id).where(table.c.event_id == event_id,
                                         table.c.session_id.is_not(None))
        for table in (flags, passings, decisions)
    ))
    return set(conn.execute(named).scalars())
