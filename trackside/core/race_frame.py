"""A race session's frame: the green that starts it, the time it is scheduled to end, and the
window its passings are read from (endurance.md, "Laps in a race", "The finish").

G is the session's first green flag (flags in force). T is G + `duration_min`, or the time of
a `checkered` flag recorded after G and before that (an early end). The race's passings are
those from G up to the next session's first green (time-attack.md rule 4), every loop alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from trackside.core.periods import session_windows
from trackside.core.records import EventDef, Flag, FlagState, SessionDef


class RaceFrame(NamedTuple):
    """When one part of a race runs; times in microseconds."""

    green_us: int
    """G: the session's first green."""
    until_us: int | None
    """The next session's first green: passings from then on belong to another session."""
    finish_at_us: int | None
    """T: the scheduled end or an earlier checkered; None with neither (the race runs on)."""
    flag_fallback: bool
    """A checkered flag is recorded at or after T: should the leader at T never cross the line
    again, the first car to cross at or after T takes the checkered (docs/race.md)."""
    min_lap_us: int


def scheduled_us(session: SessionDef) -> int | None:
    """The session's `duration_min` in microseconds."""
    minutes = session.duration_min
    return None if minutes is None else round(minutes * 60_000_000)


def race_frame(event: EventDef, session: SessionDef, flags: Iterable[Flag]) -> RaceFrame | None:
    """The race part's frame from the flags in force; None before the session's first green."""
    flags = tuple(flags)
    window = next((w for w in session_windows(flags) if w.session_id == session.id), None)
    if window is None:
        return None
    green = window.first_green_us
    checkered = sorted(f.time_us for f in flags if f.session_id == session.id
                       and f.state is FlagState.CHECKERED and f.time_us >= green)  # fmt: skip
    length = scheduled_us(session)
    finish = None if length is None else green + length
    if checkered and (finish is None or checkered[0] < finish):
        finish = checkered[0]
    fallback = finish is not None and bool(checkered) and checkered[-1] >= finish
    return RaceFrame(green, window.next_green_us, finish, fallback, event.min_lap_us)


def sprint_frame(race: RaceFrame, sprint_us: int, race_decided: bool) -> RaceFrame:
    """SprintDuro: the same race with T = G + `sprint_min` (or the race's own earlier end).
    Its fallback holds once the race part's checkered has been taken."""
    finish = race.green_us + sprint_us
    if race.finish_at_us is not None:
        finish = min(finish, race.finish_at_us)
    return race._replace(finish_at_us=finish, flag_fallback=race_decided)
