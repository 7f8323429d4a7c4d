"""Session windows and green-flag scoring periods (time-attack.md rules 4-6).

SCCA TT Rules VI.1.1.5: a session ends with the checkered (the lap taking it counts, later laps
are cool-down) or with a black flag all or red flag (no lap is scored once it is shown).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from trackside.core.records import HARD_CLOSE, Flag, FlagState

_FLAG_ORDER = {state: rank for rank, state in enumerate(FlagState)}
_CLOSING = HARD_CLOSE | {FlagState.CHECKERED}
_OPEN = 1 << 62

REASON_AFTER = {
    FlagState.RED: "after red flag",
    FlagState.BLACK_ALL: "after black flag all",
    FlagState.CHECKERED: "after checkered",
}


@dataclass(frozen=True, slots=True)
class Period:
    """A scoring period: opened by a green, closed by red/black-all (hard) or checkered (soft)."""

    opens_us: int
    closes_us: int | None = None
    closed_by: FlagState | None = None

    def holds(self, start_us: int, end_us: int) -> bool:
        """Rule 6: is a lap from `start_us` to `end_us` scored in this period?"""
        if start_us < self.opens_us:
            return False
        if self.closes_us is None or self.closed_by is None:
            return True
        if self.closed_by in HARD_CLOSE:
            return end_us <= self.closes_us
        return start_us < self.closes_us


@dataclass(frozen=True, slots=True)
class SessionWindow:
    """Where a session's laps may lie: from its first green to its close and the next green."""

    session_id: str
    first_green_us: int
    closes_us: int | None
    next_green_us: int | None
    periods: tuple[Period, ...]

    spans: tuple[tuple[int, int, bool], ...] = field(init=False, repr=False, compare=False)
    """The periods as (opens, closes, hard) with an open period closing softly at infinity:
    the form the lap loop tests fastest (rule 6). Derived once, at construction."""

    def __post_init__(self) -> None:
        spans = tuple(
            (p.opens_us, _OPEN if p.closes_us is None else p.closes_us, p.closed_by in HARD_CLOSE)
            for p in self.periods
        )
        object.__setattr__(self, "spans", spans)

    def invalid_reason(self, start_us: int, end_us: int) -> str | None:
        """Rules 5-6: None for a lap inside a green period, else why it is not scored."""
        for period in self.periods:
            if period.holds(start_us, end_us):
                return None
        started_in = [p for p in self.periods if p.opens_us <= start_us]
        closing = started_in[-1].closed_by if started_in else None
        return REASON_AFTER[closing] if closing else "outside green flag"


def ordered(flags: Iterable[Flag]) -> list[Flag]:
    """Flags in time order; flags at the same instant in a fixed order, whatever the input order."""
    return sorted(flags, key=lambda f: (f.time_us, _FLAG_ORDER[f.state]))


def scoring_periods(session_flags: list[Flag]) -> tuple[Period, ...]:
    """Rule 5: each green opens a period unless one is open; red/black-all/checkered close it."""
    periods: list[Period] = []
    open_since: int | None = None
    for flag in session_flags:
        if flag.state is FlagState.GREEN and open_since is None:
            open_since = flag.time_us
        elif flag.state in _CLOSING and open_since is not None:
            periods.append(Period(open_since, flag.time_us, flag.state))
            open_since = None
    if open_since is not None:
        periods.append(Period(open_since))
    return tuple(periods)


def closing_time(session_flags: list[Flag]) -> int | None:
    """Rule 4: the session is closed when its last green/red/black-all/checkered closes it."""
    decisive = [f for f in session_flags if f.state is FlagState.GREEN or f.state in _CLOSING]
    if decisive and decisive[-1].state in _CLOSING:
        return decisive[-1].time_us
    return None


def session_windows(flags: Iterable[Flag]) -> list[SessionWindow]:
    """The window of every session that has gone green, in order of first green."""
    by_session: dict[str, list[Flag]] = defaultdict(list)
    for flag in ordered(flags):
        by_session[flag.session_id].append(flag)
    greens = {
        sid: next(f.time_us for f in fl if f.state is FlagState.GREEN)
        for sid, fl in by_session.items()
        if any(f.state is FlagState.GREEN for f in fl)
    }
    starts = sorted(set(greens.values()))
    windows = []
    for sid, green in sorted(greens.items(), key=lambda item: (item[1], item[0])):
        later = bisect_right(starts, green)
        next_green = starts[later] if later < len(starts) else None
        session_flags = by_session[sid]
        windows.append(
            SessionWindow(
                sid, green, closing_time(session_flags), next_green, scoring_periods(session_flags)
            )
        )
    return windows

