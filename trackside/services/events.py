"""Importing event files (TOML) and showing what is stored."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, Engine

from trackside.core.records import EventDef
from trackside.errors import InputError
from trackside.services.author import author_or_user
from trackside.store.database import writing
from trackside.store.events import (
    EventSummary,
    event_summaries,
    save_event,
    sessions_with_facts,
)
from trackside.store.imported_results import imported_events
from trackside.timing.event_toml import read_event_file
from trackside.timing.toml_lines import field_line


def import_event(engine: Engine, path: Path | str, *, by: str | None = None) -> EventDef:
    """Store the event file's definition, by `by` (default the OS user); a known id is
    updated (a new version when the definition changed), its facts are kept."""
    path = Path(path)
    file = read_event_file(path)
    event = file.event
    with writing(engine) as conn:
        _check_not_results_only(conn, event, path)
        _check_sessions_still_defined(conn, event, str(path))
        save_event(conn, event, file.definition, author_or_user(by))
    return event


def _check_not_results_only(conn: Connection, event: EventDef, path: Path) -> None:
    """An id whose results were imported from another timing system (`results import`) is a
    results-only event: trackside does not score it too (championship.md)."""
    if event.id in imported_events(conn, [event.id]):
        text = path.read_text(encoding="utf-8-sig")
        raise InputError(f"event {event.id!r} is a results-only event (its results were "
                         "imported with `trackside results import`); choose another id",
                         source=str(path), line=field_line(text, "event.id"),
                         field="event.id")  # fmt: skip


def _check_sessions_still_defined(conn: Connection, event: EventDef, source: str) -> None:
    """A re-import may not drop a session that stored flags, passings or decisions name."""
    dropped = sorted(sessions_with_facts(conn, event.id) - {s.id for s in event.sessions})
    if dropped:
        raise InputError(f"session {dropped[0]!r} has stored flags, passings or decisions; "
                         "keep it in the file", source=source, field="session")


def list_events(engine: Engine) -> list[EventSummary]:
    with engine.connect() as conn:
        return event_summaries(conn)
