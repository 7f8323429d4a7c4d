"""Recording flags, one at a time or from a CSV file (interfaces.md, Flags).

A flag outside the event's days or a checkered before its session's first green is refused
with the reason (`flag_checks.py`), and nothing is stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from trackside.core.flags_in_force import flags_in_force
from trackside.core.records import Flag, FlagState
from trackside.errors import InputError
from trackside.services.checks import require_session
from trackside.services.flag_checks import flag_refusal
from trackside.store.database import writing
from trackside.store.facts import definitions_in
from trackside.store.official_facts import append_flags
from trackside.timing.csv_flags import STATES, read_flags_csv

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from trackside.store.sqlite_file import SqliteFile


@dataclass(frozen=True, slots=True)
class FlagsReport:
    added: int
    duplicates: int


def record_flag(
    engine: Engine | SqliteFile, event_id: str, session_id: str, state: str, at_us: int,
    author: str = "",
) -> bool:
    """Record one flag; False when the identical flag (session, state, time) was already there."""
    flag = Flag(session_id, parse_state(state), at_us)
    with writing(engine) as conn:
        facts = definitions_in(conn, event_id)
        require_session(facts.event, session_id, source="argument SESSION")
        refusal = flag_refusal(facts.event, flag, flags_in_force(facts))
        if refusal:
            raise InputError(refusal, source="option --at")
        return append_flags(conn, event_id, [flag], author) == 1


def parse_state(state: str) -> FlagState:
    try:
        return FlagState(state.lower())
    except ValueError:
        raise InputError(f"unknown flag state {state!r}; expected one of {STATES}",
                         source="argument STATE") from None


def import_flags(engine: Engine, event_id: str, path: Path | str, author: str = "") -> FlagsReport:
    """Record every flag of a `session,state,time` CSV file, all or nothing."""
    path = Path(path)
    with writing(engine) as conn:
        facts = definitions_in(conn, event_id)
        rows = read_flags_csv(path, facts.event.date)
        flags = [Flag(row.session_id, row.state, row.time_us) for row in rows]
        known = (*flags_in_force(facts), *flags)
        for row, flag in zip(rows, flags, strict=True):
            require_session(facts.event, row.session_id, source=str(path), line=row.line,
                            field="session")
            refusal = flag_refusal(facts.event, flag, known)
            if refusal:
                raise InputError(refusal, source=str(path), line=row.line, field="time")
        added = append_flags(conn, event_id, flags, author or f"file {path.name}")
    return FlagsReport(added, len(rows) - added)
