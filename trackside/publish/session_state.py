"""Where a session stands at a track time: its flag, its green-flag clock, running or finished.

The flag shown is the session's latest flag at that time (the track clock moves on with every
flag and passing that arrives, so a flag just recorded shows at once). The clock counts
green-flag time only: a red flag stops it and the restart runs the remaining time, as the
demo's sessions and most club Time Trials do (RMD 1.6; SCCA TT VI.1.1.5).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from trackside.core.periods import SessionWindow, ordered
from trackside.core.records import EventDef, Flag, FlagState

FLAG_LABELS = {
    FlagState.GREEN: "Green flag",
    FlagState.YELLOW: "Yellow flag",
    FlagState.RED: "Red flag",
    FlagState.BLACK_ALL: "Black flag all",
    FlagState.CHECKERED: "Checkered flag",
}
NO_FLAG = "Not started"
PHASES = {
    None: "upcoming",
    FlagState.GREEN: "running",
    FlagState.YELLOW: "running",
    FlagState.RED: "stopped",
    FlagState.BLACK_ALL: "finished",
    FlagState.CHECKERED: "finished",
}


@dataclass(frozen=True, slots=True)
class SessionState:
    """A session as a live page shows it at one track time."""

    session_id: str
    flag: FlagState | None
    green_elapsed_us: int
    duration_us: int | None
    running: bool
    phase: str
    """`upcoming` (no flag yet), `running` (green or yellow), `stopped` (red), `finished`."""

    @property
    def flag_label(self) -> str:
        return NO_FLAG if self.flag is None else FLAG_LABELS[self.flag]

    @property
    def remaining_us(self) -> int | None:
        if self.duration_us is None:
            return None
        return max(0, self.duration_us - self.green_elapsed_us)


def current_session(
    event: EventDef, windows: Sequence[SessionWindow], track_us: int | None
) -> str | None:
    """The last session to go green by `track_us` (any, when the time is unknown); before
    any green, the event's first session."""
    started = [w for w in windows if track_us is None or w.first_green_us <= track_us]
    if started:
        return started[-1].session_id
    return event.sessions[0].id if event.sessions else None


def session_state(
    event: EventDef,
    session_id: str,
    flags: Sequence[Flag],
    windows: Sequence[SessionWindow],
    track_us: int | None,
) -> SessionState:
    """The session's flag and clock at `track_us` (None: after every recorded flag)."""
    shown = [f for f in ordered(flags) if f.session_id == session_id
             and (track_us is None or f.time_us <= track_us)]  # fmt: skip
    latest = shown[-1] if shown else None
    now = track_us if track_us is not None else (latest.time_us if latest else 0)
    window = next((w for w in windows if w.session_id == session_id), None)
    definition = event.session(session_id)
    minutes = definition.duration_min if definition else None
    duration = None if minutes is None else round(minutes * 60_000_000)
    elapsed = _green_elapsed(window, now) if window else 0
    flag = latest.state if latest else None
    phase = PHASES[flag]
    return SessionState(session_id, flag, elapsed, duration, phase == "running", phase)


def _green_elapsed(window: SessionWindow, now_us: int) -> int:
    total = 0
    for period in window.periods:
        end = now_us if period.closes_us is None else min(period.closes_us, now_us)
        total += max(0, end - period.opens_us)
    return total
