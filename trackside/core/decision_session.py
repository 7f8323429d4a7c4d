"""Which session a decision made at a time of day belongs to (`penalty add --at`).

A session's window runs from its first green to its close, or, while it is not closed, to the
next session's first green (time-attack.md rule 4). The session for a car at a time is the one
of the car's group whose window holds the time; a session naming no groups is every group's.
"""

from __future__ import annotations

from collections.abc import Sequence

from trackside.core.periods import SessionWindow
from trackside.core.records import EventDef, SessionDef


def window_end(window: SessionWindow) -> int | None:
    """The close, else the next session's first green, else None (still open)."""
    return window.closes_us if window.closes_us is not None else window.next_green_us


def window_holds(window: SessionWindow, time_us: int) -> bool:
    """Is `time_us` from the first green to the close (the next green, exclusive, if open)?"""
    if time_us < window.first_green_us:
        return False
    if window.closes_us is not None:
        return time_us <= window.closes_us
    return window.next_green_us is None or time_us < window.next_green_us


def group_sessions(event: EventDef, group: str) -> list[SessionDef]:
    """The event's sessions a car of `group` drives, in the event file's order."""
    return [s for s in event.sessions if not s.groups or group in s.groups]


def group_session_at(
    event: EventDef, windows: Sequence[SessionWindow], group: str, time_us: int
) -> str | None:
    """The group's session whose window holds `time_us` (the latest to go green), or None."""
    ids = {s.id for s in group_sessions(event, group)}
    holding = [w for w in windows if w.session_id in ids and window_holds(w, time_us)]
    return max(holding, key=lambda w: w.first_green_us).session_id if holding else None
