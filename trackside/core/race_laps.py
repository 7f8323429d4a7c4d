"""A race's passings sorted into each car's crossings, pit-loop reads and driver reads, and the
laps the crossings make (endurance.md, "Laps in a race"; time-attack.md rules 1-2).

- Only the track's start/finish loop makes laps (every loop but the pit loops when none is
  named; a passing with no loop name is the timing line's, as in `core/laps.py`).
- A car's transponders (its own and its drivers') are one car: their crossings are merged and a
  crossing under `min_lap_s` after the car's last accepted one is a duplicate read. The same
  holds for each pit loop.
- The race keeps the accepted crossings from G up to the next session's green.
- Crossings less than `min_lap_s` after G are the car's start, not a lap; every later crossing
  completes a lap, lap 1 from the start crossing or from G (a pit-lane start).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from trackside.core.laps import accepted_crossings
from trackside.core.race_frame import RaceFrame
from trackside.core.race_results import RaceLap
from trackside.core.records import Passing

PIT_IN = 0
PIT_OUT = 1


class LoopRoles(NamedTuple):
    """What each loop name does in a race."""

    start_finish: str | None
    pit_in: str | None
    pit_out: str | None

    def role(self, loop: str | None) -> str | None:
        """`sf`, `in`, `out`, or None for a loop that makes nothing (a sector loop)."""
        if loop and loop == self.pit_in:
            return "in"
        if loop and loop == self.pit_out:
            return "out"
        if not loop or not self.start_finish or loop == self.start_finish:
            return "sf"
        return None


class CarPassings(NamedTuple):
    """One car's race passings, each list in time order."""

    crossings: list[int]
    """Accepted start/finish crossings from G on."""
    pit: list[tuple[int, int]]
    """Accepted pit-loop reads as (time, PIT_IN or PIT_OUT)."""
    drivers: list[tuple[int, str]]
    """Driver-transponder reads that name another driver than the read before (time, name)."""


class RacePassings(NamedTuple):
    cars: dict[str, CarPassings]
    unknown: Counter[str]
    """Passings in the race of transponders no car claims, by transponder."""


def in_frame(frame: RaceFrame, times: list[int]) -> list[int]:
    """The times from G up to the next session's green (sorted in, sorted out)."""
    lo = bisect_left(times, frame.green_us)
    hi = len(times) if frame.until_us is None else bisect_left(times, frame.until_us)
    return times[lo:hi]


def compress_reads(reads: Iterable[tuple[int, str]]) -> list[tuple[int, str]]:
    """Driver reads in time order, keeping only those that name a new driver."""
    kept: list[tuple[int, str]] = []
    for read in sorted(reads):
        if not kept or kept[-1][1] != read[1]:
            kept.append(read)
    return kept


def race_passings(
    passings: Iterable[Passing], frame: RaceFrame, loops: LoopRoles,
    owner: Mapping[str, str], driver_of: Mapping[str, str],
) -> RacePassings:  # fmt: skip
    """Every car's crossings, pit reads and driver reads of the race, from the day's passings."""
    sf: dict[str, list[int]] = defaultdict(list)
    pit: dict[tuple[str, int], list[int]] = defaultdict(list)
    reads: dict[str, list[tuple[int, str]]] = defaultdict(list)
    unknown: Counter[str] = Counter()
    green, until = frame.green_us, frame.until_us
    for time_us, transponder, loop, *_ in passings:
        number = owner.get(transponder)
        inside = time_us >= green and (until is None or time_us < until)
        if number is None:
            if inside:
                unknown[transponder] += 1
            continue
        role = loops.role(loop)
        if role == "sf":
            sf[number].append(time_us)
        elif role is not None:
            pit[(number, PIT_IN if role == "in" else PIT_OUT)].append(time_us)
        name = driver_of.get(transponder)
        if name is not None and inside:
            reads[number].append((time_us, name))
    cars: dict[str, CarPassings] = {}
    for number in {*sf, *(n for n, _ in pit), *reads}:
        crossings = in_frame(frame, accepted_crossings(sorted(sf.get(number, [])),
                                                       frame.min_lap_us))  # fmt: skip
        pit_reads = sorted(
            (t, kind) for kind in (PIT_IN, PIT_OUT)
            for t in in_frame(frame, accepted_crossings(sorted(pit.get((number, kind), [])),
                                                        frame.min_lap_us))
        )  # fmt: skip
        cars[number] = CarPassings(crossings, pit_reads, compress_reads(reads.get(number, [])))
    return RacePassings(cars, unknown)


def start_offset(crossings: list[int], frame: RaceFrame) -> int:
    """1 when the first crossing is the car's start (under min_lap after G), else 0."""
    return 1 if crossings and crossings[0] - frame.green_us < frame.min_lap_us else 0


def race_laps(crossings: list[int], off: int, green_us: int, count: int) -> list[RaceLap]:
    """The first `count` laps: lap 1 from the start crossing (off 1) or from G (off 0)."""
    starts = [crossings[0] if off else green_us, *crossings[off : off + count - 1]]
    ends = crossings[off : off + count]
    return [RaceLap(i, a, b) for i, (a, b) in enumerate(zip(starts, ends, strict=False), 1)]


def best_race_lap(laps: Iterable[RaceLap]) -> RaceLap | None:
    """The fastest lap; equal times: the earlier."""
    return min(laps, key=lambda lap: (lap.end_us - lap.start_us, lap.lap), default=None)
