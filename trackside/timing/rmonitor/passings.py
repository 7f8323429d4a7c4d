"""Passings of a run: its `$L` crossings of the finish lines, or else its `$J` laps placed in
time of day from the run's race start.

Finish lines: the timelines Orbits makes laps on. Unless named, they are inferred: a timeline
is one when at least half of its crossings are followed by a `$J` of the same car before that
car crosses anything else (Sebring 2009: T1 "SFT" on the track and P1 "SFP" in the pit lane).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from trackside.core.records import Passing
from trackside.timing.rmonitor.competitors import Cars
from trackside.timing.rmonitor.records import Crossing, Heartbeat, LapRecord, Record
from trackside.timing.rmonitor.times import at

SOURCE = "rmonitor"
_SECOND = 1_000_000


@dataclass(slots=True)
class TimelineUse:
    """How often each timeline was crossed, and how often a `$J` followed the crossing."""

    crossed: Counter[str] = field(default_factory=Counter)
    lapped: Counter[str] = field(default_factory=Counter)

    def count(self, records: Iterable[Record], cars: Cars) -> None:
        pending: dict[str, str] = {}
        for record in records:
            if isinstance(record, Crossing):
                self.crossed[record.timeline] += 1
                pending[record.number] = record.timeline
            elif isinstance(record, LapRecord):
                car = cars.by_registration.get(record.registration)
                timeline = pending.pop(car.number if car else record.registration, None)
                if timeline is not None:
                    self.lapped[timeline] += 1

    def finish_lines(self) -> frozenset[str]:
        """Timelines at least half of whose crossings made a lap; with no `$J` at all, the only
        timeline, or those named `SF...`."""
        lapped = {t for t, n in self.crossed.items() if 2 * self.lapped[t] >= n}
        if lapped or self.lapped:
            return frozenset(lapped)
        if len(self.crossed) == 1:
            return frozenset(self.crossed)
        return frozenset(t for t in self.crossed if t.upper().startswith(("SF", "S/F")))


def race_start(heartbeats: Sequence[Heartbeat]) -> int | None:
    """The race start as a time of day, from heartbeats whose race clock is running.

    Each such `$F` says start = time of day - race time, both cut to whole seconds, so the true
    start lies within a second either side; the middle of what all of them allow is taken: less
    than a second off, half a second when the heartbeats straddle the start (Sebring: 55 ms).
    Heartbeats more than a second off the median are ignored (a clock reset). None when no
    heartbeat shows a running clock.
    """
    pairs = zip(heartbeats, heartbeats[1:], strict=False)
    offsets = [o for before, beat in pairs if (o := clock_offset(before, beat)) is not None]
    return start_of(offsets)


def clock_offset(before: Heartbeat, beat: Heartbeat) -> int | None:
    """Time of day - race time of a heartbeat whose race clock runs (flag set, race time
    advancing since the heartbeat before); None otherwise."""
    if beat.flag and beat.race_time_us > before.race_time_us:
        return beat.time_of_day_us - beat.race_time_us
    return None


def start_of(offsets: Sequence[int]) -> int | None:
    """The middle of the range the offsets allow, those over a second off the median left out
    (`race_start`); None without offsets."""
    if not offsets:
        return None
    median = sorted(offsets)[len(offsets) // 2]
    near = [o for o in offsets if abs(o - median) <= _SECOND]
    return (min(near) + max(near)) // 2


def crossing_passings(
    crossings: Iterable[Crossing], cars: Cars, finish_lines: frozenset[str], date: str
) -> tuple[list[Passing], list[Crossing]]:
    """Passings of the finish-line crossings, and the crossings whose car is unknown."""
    passings, unknown = [], []
    for crossing in crossings:
        if crossing.timeline not in finish_lines:
            continue
        transponder = cars.transponder_of(crossing.number)
        if transponder is None:
            unknown.append(crossing)
            transponder = f"#{crossing.number}"
        passings.append(
            Passing(
                at(date, crossing.time_of_day_us), transponder, crossing.timeline, source=SOURCE
            )
        )
    return passings, unknown


def lap_passings(
    laps: Iterable[LapRecord], cars: Cars, start: int, date: str
) -> tuple[list[Passing], list[LapRecord]]:
    """Passings at race start + total time of each `$J`, and the `$J`s of unknown cars."""
    passings, unknown = [], []
    for lap in laps:
        car = cars.by_registration.get(lap.registration)
        if car is None:
            unknown.append(lap)
        transponder = car.timing_id if car else f"#{lap.registration}"
        passings.append(
            Passing(at(date, start + lap.total_time_us), transponder, None, source=SOURCE)
        )
    return passings, unknown
