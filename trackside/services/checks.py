"""Checks every service makes on the event and session named in a command."""

from __future__ import annotations

from trackside.core.entry_checks import CheckedEntry, Problem, entry_problems
from trackside.core.records import EventDef
from trackside.errors import InputError
from trackside.store.drivers import any_drivers, forms_of, stored_drivers
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


def entry_check_problems(
    conn: Connection, event: EventDef, entries: list[CheckedEntry]
) -> list[Problem]:
    """The entries' problems against their drivers and the minors' forms of the event's year
    (`core/entry_checks.py`). With no driver stored at all, member ids link to nothing and are
    not reported (an entries file may carry member numbers without trackside's drivers)."""
    members = [e.member_id for e in entries if e.member_id]
    drivers = stored_drivers(conn, members) if members else {}
    forms = forms_of(conn, members, int(event.date[:4])) if members else {}
    return entry_problems(event, entries, drivers, forms, unknown_members=any_drivers(conn))


def enforce_entry_checks(event: EventDef, source: str, problems: list[Problem]) -> tuple[str, ...]:
    """Warnings naming file and line (`entry_checks = "warn"`, the default), or the first
    problem as an InputError (`"error"`: nothing is stored)."""
    if problems and event.entry_checks == "error":
        first = problems[0]
        raise InputError(first.message(), source=source, line=first.line, field=first.field)
    return tuple(f"{source}:{p.line}: {p.message()}" for p in problems)
