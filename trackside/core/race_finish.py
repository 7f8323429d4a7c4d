"""The finish of a race (endurance.md, "The finish").

The leader at T is the car with the most laps completed by T (a lap ending at T is completed
by T), ties to whoever completed them first (then the car number). It takes the checkered at
its first crossing at or after T: C. Every car's race ends at its first crossing at or after C;
laps completed after that do not count, and a car with no crossing at or after C keeps the
laps it completed before C.

Convention (docs/race.md): should the leader at T have no crossing at or after T (it stopped
on the last lap) and a checkered flag be recorded at or after T, the first car to cross the
line at or after T takes the checkered. Without that flag C stays unknown (the race runs on).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from typing import NamedTuple

from trackside.core.race_frame import RaceFrame
from trackside.core.results import natural_key


class CarLine(NamedTuple):
    """A car's accepted crossings and whether the first is its start (1) or a lap end (0)."""

    crossings: list[int]
    off: int


class CarFinish(NamedTuple):
    laps: int
    """Laps counted."""
    last_us: int | None
    """The crossing that completed the last counted lap."""
    finished: bool
    """It crossed at or after C (took the checkered)."""


def laps_by(line: CarLine, time_us: int) -> tuple[int, int]:
    """Laps completed by `time_us`, and when the last of them was (0 with none)."""
    done = bisect_right(line.crossings, time_us, lo=line.off) - line.off
    return done, line.crossings[line.off + done - 1] if done > 0 else 0


def leader_at(lines: Mapping[str, CarLine], finish_at_us: int) -> str | None:
    """The car with most laps by T, ties to the first to complete them; None: no lap by T."""
    best: tuple | None = None
    leader = None
    for number, line in lines.items():
        done, when = laps_by(line, finish_at_us)
        if done == 0:
            continue
        key = (-done, when, natural_key(number))
        if best is None or key < best:
            best, leader = key, number
    return leader


def first_at_or_after(line: CarLine, time_us: int) -> int | None:
    i = bisect_left(line.crossings, time_us, lo=line.off)
    return line.crossings[i] if i < len(line.crossings) else None


def checkered_us(lines: Mapping[str, CarLine], frame: RaceFrame) -> int | None:
    """C: the leader at T's first crossing at or after T (see the module's convention)."""
    if frame.finish_at_us is None:
        return None
    finish = frame.finish_at_us
    leader = leader_at(lines, finish)
    if leader is not None:
        crossing = first_at_or_after(lines[leader], finish)
        if crossing is not None:
            return crossing
    if not frame.flag_fallback:
        return None
    after = [c for line in lines.values() if (c := first_at_or_after(line, finish)) is not None]
    return min(after, default=None)


def car_finish(line: CarLine, checkered: int | None) -> CarFinish:
    """The laps a car's race counts, up to its first crossing at or after C."""
    total = len(line.crossings) - line.off
    if checkered is None:
        laps, finished = total, False
    else:
        i = bisect_left(line.crossings, checkered, lo=line.off)
        finished = i < len(line.crossings)
        laps = i - line.off + 1 if finished else total
    last = line.crossings[line.off + laps - 1] if laps > 0 else None
    return CarFinish(laps, last, finished)
