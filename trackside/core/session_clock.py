"""The session clock: where a session stands at a track time, the one clock every display shows.

Green-flag time (RMD 1.6; SCCA TT VI.1.1.5; time-attack.md rule 5): the clock runs while a
scoring period is open; a red flag (or black flag all, or the checkered) stops it and the
restart runs the remaining time. Time remaining is the session's `duration_min` less the green
time run. Session elapsed time (RMonitor's race time, the base of its `$J`/`$G` totals) is track
time since the first green, stopped while the session is closed (rule 4).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from trackside.core.periods import SessionWindow, closing_time, ordered
from trackside.core.records import EventDef, Flag, FlagState

Phase = Literal["upcoming", "running", "stopped", "finished"]
PHASES: dict[FlagState | None, Phase] = {
    None: "upcoming",
    FlagState.GREEN: "running",
    FlagState.YELLOW: "running",
    FlagState.RED: "stopped",
    FlagState.BLACK_ALL: "finished",
    FlagState.CHECKERED: "finished",
}


@dataclass(frozen=True, slots=True)
class SessionClock:
    """A session at one track time: its flag, phase and clock."""

    session_id: str
    flag: FlagState | None
    """The session's latest flag by then (None: not started)."""
    phase: Phase
    """`upcoming` (no flag yet), `running` (green or yellow), `stopped` (red), `finished`."""
    green_elapsed_us: int
    """Green-flag time run."""
    elapsed_us: int
    """Track time since the first green, stopped while the session is closed."""
    duration_us: int | None

    @property
    def running(self) -> bool:
        return self.phase == "running"

    @property
    def remaining_us(self) -> int | None:
        """Green-flag time still to run (None: the session has no `duration_min`)."""
        if self.duration_us is None:
            return None
        return max(0, self.duration_us - self.green_elapsed_us)


def session_clock(
    event: EventDef,
    session_id: str,
    flags: Sequence[Flag],
    windows: Sequence[SessionWindow],
    track_us: int | None,
) -> SessionClock:
    """The clock of `session_id` at `track_us` (None: at its latest recorded flag)."""
    window = next((w for w in windows if w.session_id == session_id), None)
    return clock_of(session_id, flags, window, duration_us(event, session_id), track_us)


def clock_of(
    session_id: str,
    flags: Sequence[Flag],
    window: SessionWindow | None,
    duration: int | None,
    track_us: int | None,
) -> SessionClock:
    """The clock of a session whose window and duration are known already."""
    shown = [f for f in ordered(flags) if f.session_id == session_id
             and (track_us is None or f.time_us <= track_us)]  # fmt: skip
    now = track_us if track_us is not None else (shown[-1].time_us if shown else 0)
    flag = shown[-1].state if shown else None
    return SessionClock(
        session_id,
        flag,
        PHASES[flag],
        green_elapsed_us(window, now) if window else 0,
        _elapsed_us(window, shown, now) if window else 0,
        duration,
    )


def green_elapsed_us(window: SessionWindow, now_us: int) -> int:
    """Rule 5: the time the session's scoring periods have been open by `now_us`."""
    total = 0
    for period in window.periods:
        end = now_us if period.closes_us is None else min(period.closes_us, now_us)
        total += max(0, end - period.opens_us)
    return total


def _elapsed_us(window: SessionWindow, shown: list[Flag], now_us: int) -> int:
    closed = closing_time(shown)
    end = now_us if closed is None else min(closed, now_us)
    return max(0, end - window.first_green_us)


def duration_us(event: EventDef, session_id: str) -> int | None:
    """The session's `duration_min` in microseconds, if it has one."""
    definition = event.session(session_id)
    minutes = definition.duration_min if definition else None
    return None if minutes is None else round(minutes * 60_000_000)


def current_session(
    event: EventDef, windows: Sequence[SessionWindow], track_us: int | None
) -> str | None:
    """The session running now: of the event's sessions, the last to go green by `track_us`
    (None: by any time; at the same instant, the first defined); before any green, the first."""
    order = {s.id: i for i, s in enumerate(event.sessions)}
    started = [w for w in windows if w.session_id in order
               and (track_us is None or w.first_green_us <= track_us)]  # fmt: skip
    if started:
        latest = max(w.first_green_us for w in started)
        last = [w.session_id for w in started if w.first_green_us == latest]
        return min(last, key=order.__getitem__)
    return event.sessions[0].id if event.sessions else None
