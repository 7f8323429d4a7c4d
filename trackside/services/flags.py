"""Recording flags, one at a time or from a CSV file (interfaces.md, Flags)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from trackside.core.records import Flag, FlagState
from trackside.errors import InputError
from trackside.services.checks import require_session
from trackside.store.database import writing
from trackside.store.facts import event_in
from trackside.store.journal import append_flags
from trackside.timing.csv_flags import STATES, read_flags_csv


@dataclass(frozen=True, slots=True)
class FlagsReport:
    added: int
    duplicates: int


def record_flag(
    engine: Engine, event_id: str, session_id: str, state: str, at_us: int, author: str = ""
) -> bool:
    """Record one flag; False when the identical flag (session, state, time) was already there."""
    flag_state = parse_state(state)
    with writing(engine) as conn:
        event = event_in(conn, event_id)
        require_session(event, session_id, source="argument SESSION")
        return append_flags(conn, event_id, [Flag(session_id, flag_state, at_us)], author) == 1


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
        event = event_in(conn, event_id)
        rows = read_flags_csv(path, event.date)
        for row in rows:
            require_session(event, row.session_id, source=str(path), line=row.line,
                            field="session")
        flags = [Flag(row.session_id, row.state, row.time_us) for row in rows]
        added = append_flags(conn, event_id, flags, author or f"file {path.name}")
    return FlagsReport(added, len(rows) - added)
