"""Checks every service makes on the event and session named in a command (light: the
one-fact commands `flag` and `penalty add` import it, `tests/test_cli_one_fact.py`; the entry
checks against the drivers are `services/entry_checks.py`)."""

from __future__ import annotations

from trackside.core.records import EventDef
from trackside.errors import InputError
from trackside.store.facts import event_exists, unknown_event
from trackside.store.plain_sql import Connection


def require_event(conn: Connection, event_id: str) -> None:
    """InputError naming the EVENT argument when no such event is stored."""
    if not event_exists(conn, event_id):
        raise unknown_event(event_id)


def require_session(
    event: EventDef, session_id: str, *, source: str, line: int | None = None,
    field: str | None = None,
) -> None:
    """InputError when the event has no session with this id (listing the ones it has)."""
    if event.session(session_id) is None:
        known = ", ".join(s.id for s in event.sessions) or "none"
        raise InputError(f"no session {session_id!r} in event {event.id!r} (sessions: {known})",
                         source=source, line=line, field=field)
