"""Importing event files (TOML) and showing what is stored."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

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
from trackside.timing.event_file import normalize_definition, parse_event_definition
from trackside.timing.toml_lines import field_line


def import_event(engine: Engine, path: Path | str, *, by: str | None = None) -> EventDef:
    """Store the event file's definition, by `by` (default the OS user); a known id is
    updated (a new version when the definition changed), its facts are kept."""
    path = Path(path)
    text = _read_file(path)
    definition = normalize_definition(_parse_toml(text, str(path)))
    try:
        event = parse_event_definition(definition, source=str(path))
    except InputError as err:
        err.line = field_line(text, err.field) if err.field else None
        raise
    with writing(engine) as conn:
        _check_sessions_still_defined(conn, event, str(path))
        save_event(conn, event, definition, author_or_user(by))
    return event


def _check_sessions_still_defined(conn: Connection, event: EventDef, source: str) -> None:
    """A re-import may not drop a session that stored flags, passings or decisions name."""
    dropped = sorted(sessions_with_facts(conn, event.id) - {s.id for s in event.sessions})
    if dropped:
        raise InputError(f"session {dropped[0]!r} has stored flags, passings or decisions; "
                         "keep it in the file", source=source, field="session")


def _read_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except OSError as err:
        raise InputError(f"cannot read file: {err.strerror}", source=str(path)) from None


def _parse_toml(text: str, source: str) -> dict[str, Any]:
    """The parsed file; a syntax error names the file and line."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        found = re.search(r"\(at line (\d+)", str(err))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(err))
        line = int(found.group(1)) if found else None
        raise InputError(f"not valid TOML: {message}", source=source, line=line) from None


def list_events(engine: Engine) -> list[EventSummary]:
    with engine.connect() as conn:
        return event_summaries(conn)
