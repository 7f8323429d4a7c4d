"""Event definitions: stored as the imported file's content, replaced on re-import."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, select, union

from trackside.core.records import EventDef
from trackside.store.journal import now_us
from trackside.store.schema import decisions, entries, events, flags, passings


@dataclass(frozen=True, slots=True)
class EventSummary:
    id: str
    name: str
    date: str
    entries: int
    passings: int


def save_event(conn: Connection, event: EventDef, definition: dict[str, Any]) -> bool:
    """Insert or replace an event's definition; True when the event is new."""
    values = {"name": event.name, "date": event.date, "definition": definition,
              "updated_us": now_us()}
    exists = conn.execute(select(events.c.id).where(events.c.id == event.id)).first()
    if exists:
        conn.execute(events.update().where(events.c.id == event.id).values(values))
    else:
        conn.execute(events.insert().values(id=event.id, **values))
    return exists is None


def event_exists(conn: Connection, event_id: str) -> bool:
    return conn.execute(select(events.c.id).where(events.c.id == event_id)).first() is not None


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
