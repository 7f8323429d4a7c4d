"""Importing event files (TOML) and showing what is stored."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, func, select

from trackside.core.records import EventDef
from trackside.errors import InputError
from trackside.store.database import writing
from trackside.store.events import (
    EventSummary,
    event_summaries,
    save_event,
    sessions_with_facts,
)
from trackside.store.facts import event_in
from trackside.store.schema import entries
from trackside.timing.event_toml import read_event_file


@dataclass(frozen=True, slots=True)
class EventOverview:
    event: EventDef
    entries: int


def import_event(engine: Engine, path: Path | str) -> EventDef:
    """Store the event file's definition; a known id is updated, its facts are kept."""
    path = Path(path)
    file = read_event_file(path)
    event = file.event
    with writing(engine) as conn:
        _check_sessions_still_defined(conn, event, str(path))
        save_event(conn, event, file.definition)
    return event


def _check_sessions_still_defined(conn: Connection, event: EventDef, source: str) -> None:
    """A re-import may not drop a session that stored flags, passings or decisions name."""
    dropped = sorted(sessions_with_facts(conn, event.id) - {s.id for s in event.sessions})
    if dropped:
        raise InputError(f"session {dropped[0]!r} has stored flags, passings or decisions; "
                         "keep it in the file", source=source, field="session")


def list_events(engine: Engine) -> list[EventSummary]:
    with engine.connect() as conn:
        return event_summaries(conn)


def event_overview(engine: Engine, event_id: str) -> EventOverview:
    """The stored definition and how many entries the event has."""
    with engine.connect() as conn:
        event = event_in(conn, event_id)
        query = select(func.count()).select_from(entries).where(entries.c.event_id == event_id)
        return EventOverview(event, conn.execute(query).scalar_one())
