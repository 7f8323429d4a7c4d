"""The entry checks of an entries file or a registration desk change against the stored
drivers and minors' forms (officials.md, "Entry checks")."""

from __future__ import annotations

from trackside.core.entry_checks import CheckedEntry, Problem, entry_problems
from trackside.core.records import EventDef
from trackside.errors import InputError
from trackside.store.drivers import any_drivers, forms_of, stored_drivers
from trackside.store.plain_sql import Connection


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
