"""The session of `penalty add`: the one named, else the one of the car's group running at
`--at` (`core/decision_session.py`); a time in none of them, or a time outside the session
named, is refused listing the sessions and their windows (first green - close)."""

from __future__ import annotations

from trackside.core.clock import format_local_time
from trackside.core.decision_session import (
    group_session_at,
    group_sessions,
    window_end,
    window_holds,
)
from trackside.core.flags_in_force import flags_in_force
from trackside.core.periods import SessionWindow, session_windows
from trackside.core.records import SESSION_KINDS, DecisionKind, Entry, EventFacts
from trackside.errors import InputError
from trackside.services.checks import require_session
from trackside.services.race_checks import RACE_KINDS


def session_for(
    facts: EventFacts, entry: Entry, kind: DecisionKind, session_id: str | None,
    at_us: int | None,
) -> str | None:
    """The session named (checked against `--at` when both are given), else the one of the
    car's group whose window holds `--at`, for kinds that act on a session."""
    if session_id is not None:
        require_session(facts.event, session_id, source="option --session")
        if at_us is not None:
            _require_inside(facts, session_id, at_us)
        return session_id
    if kind not in SESSION_KINDS and kind not in RACE_KINDS:
        return None
    if at_us is None:
        raise InputError(f"{kind} acts on one session: give --session (or --at)",
                         source="option --session")
    return _group_session(facts, entry, at_us)


def _windows(facts: EventFacts) -> dict[str, SessionWindow]:
    return {w.session_id: w for w in session_windows(flags_in_force(facts))}


def _group_session(facts: EventFacts, entry: Entry, at_us: int) -> str:
    windows = _windows(facts)
    found = group_session_at(facts.event, list(windows.values()), entry.group, at_us)
    if found is not None:
        return found
    listed = "; ".join(f"{s.id} {_window_text(windows.get(s.id))}"
                       for s in group_sessions(facts.event, entry.group)) or "none"  # fmt: skip
    raise InputError(f"no session of car {entry.number}'s group {entry.group} was running at "
                     f"{format_local_time(at_us)} (its sessions: {listed}); give --session",
                     source="option --at")


def _require_inside(facts: EventFacts, session_id: str, at_us: int) -> None:
    window = _windows(facts).get(session_id)
    if window is not None and window_holds(window, at_us):
        return
    raise InputError(f"--at {format_local_time(at_us)} is not inside session {session_id} "
                     f"({_window_text(window)}); correct --at or --session",
                     source="option --at")


def _window_text(window: SessionWindow | None) -> str:
    """`first green - close` as times of day, `not started` before a green."""
    if window is None:
        return "not started"
    end = window_end(window)
    return (f"{format_local_time(window.first_green_us)} - "
            f"{'open' if end is None else format_local_time(end)}")
