"""Live standings of one race session, kept current passing by passing (endurance.md; the live
page's position, laps, gap, interval, last and best lap, in-pit status, driver and stint).

`RaceTracker` is given the event's facts but the race's passings, then fed the passings in time
order (`add`): each one updates its car's accepted crossings (duplicate reads dropped as they
come), the fastest lap so far of every lap count (so the best counted lap is read in O(1) once
C cuts a car's laps), its pit reads paired and its driver reads. `standings` then finds C and
classifies every car from those, through the same steps as the full scorer (`race_setup.py`,
`race_classification.py`), working out again only the cars that changed (all when C moves) and
sorting the rest: the tests hold the two equal on the same passings. A passing older than its
car's last read of the same kind (start/finish, pit loops, driver tag) rebuilds that car from
its own passings. Flags, decisions and definitions are fixed: a new one makes a new tracker.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from trackside.core.decisions import active_decisions
from trackside.core.flags_in_force import with_flags_in_force
from trackside.core.formats import ScoringInput
from trackside.core.pit_stops import PitState, step
from trackside.core.race_cars import first_driver
from trackside.core.race_classification import Tally, classify
from trackside.core.race_finish import CarLine, checkered_us
from trackside.core.race_frame import RaceFrame, sprint_frame
from trackside.core.race_laps import PIT_IN, PIT_OUT
from trackside.core.race_results import (
    Gap,
    RaceEntryResult,
    RacePart,
    RaceResult,
    RaceSessionResult,
    RaceStatus,
    Stop,
)
from trackside.core.race_scorer import CarPart, car_part, classified, not_started, unknown_findings
from trackside.core.race_setup import RaceSetup, car_tally, handovers, race_setup
from trackside.core.records import EVENT_KINDS, DecisionKind, EventFacts, Passing
from trackside.core.results import natural_key
from trackside.core.stints import driver_stints

_FAR = 1 << 62
_NO_LINE = CarLine([], 0)


class LiveStanding(NamedTuple):
    """One car on the live board."""

    position: int | None
    number: str
    status: RaceStatus
    laps: int
    race_time_us: int | None
    gap: Gap | None
    """To the leader."""
    interval: Gap | None
    """To the car ahead."""
    last_lap_us: int | None
    best_lap_us: int | None
    in_pit: bool
    driver: str | None
    """The driver in the car (None for a car that has not raced, and in the Sprint)."""
    stint_start_us: int | None
    stint_us: int | None


@dataclass(slots=True)
class _Car:
    """One car's race so far."""

    passings: list[Passing] = field(default_factory=list)
    crossings: list[int] = field(default_factory=list)
    """Accepted start/finish crossings from G on."""
    last_sf: int | None = None
    """The last accepted crossing, before G too (duplicate reads look back across G)."""
    best: list[tuple[int, int]] = field(default_factory=lambda: [(_FAR, 0)])
    """best[k]: (time, lap) of the fastest of laps 1..k."""
    last_pit: list[int | None] = field(default_factory=lambda: [None, None])
    pit: PitState = PitState()
    reads: list[tuple[int, str]] = field(default_factory=list)
    """Driver reads that name another driver than the read before (`race_laps.compress_reads`)."""
    last_read_us: int | None = None
    view: tuple | None = None
    """(what it was worked out for, _View): kept until the car or C changes."""
    parts: dict[RacePart, tuple] = field(default_factory=dict)
    """Part -> (what it was worked out for, CarPart): kept until the car or C changes."""


class _View(NamedTuple):
    """What the board shows of one car, before classification."""

    tally: Tally
    last_lap_us: int | None
    best_lap_us: int | None
    in_pit: bool
    driver: str
    stint_start_us: int
    stint_us: int


class RaceTracker:
    """A race session's live standings from its passings, fed in time order."""

    def __init__(self, facts: EventFacts, session_id: str) -> None:
        facts = with_flags_in_force(facts)
        session = facts.event.session(session_id)
        if session is None:
            raise KeyError(session_id)
        in_force = active_decisions(facts.decisions)
        out = frozenset(d.number for d in in_force if d.kind in EVENT_KINDS and d.number)
        self.setup: RaceSetup = race_setup(ScoringInput(facts, {}, out), session)
        self._cars: dict[str, _Car] = {}
        self._idle: dict[str, _Car] = {}
        """Listed cars with no passing yet."""
        self.unknown: Counter[str] = Counter()

    # --- passings in -------------------------------------------------------------------------

    def add(self, passing: Passing) -> None:
        """One passing, in time order (an older one rebuilds its car)."""
        frame = self.setup.frame
        number = self.setup.ids.owner.get(passing.transponder)
        if frame is None:
            return
        if number is None:
            if _inside(frame, passing.time_us):
                self.unknown[passing.transponder] += 1
            return
        if not self._counts(passing, frame):
            return  # a sector loop's read (no driver read): nothing of the race, as in full
        car = self._cars.get(number)
        if car is None:
            car = self._cars[number] = _Car()
        car.passings.append(passing)
        car.view = None
        car.parts.clear()
        if not self._apply(car, passing, frame):
            self._cars[number] = self._rebuilt(car.passings, frame)

    def extend(self, passings: Iterable[Passing]) -> None:
        for passing in passings:
            self.add(passing)

    def _counts(self, passing: Passing, frame: RaceFrame) -> bool:
        """A start/finish or pit loop read, or a driver read in the race (`race_passings`)."""
        if self.setup.loops.role(passing.loop) is not None:
            return True
        return passing.transponder in self.setup.ids.driver_of and _inside(frame, passing.time_us)

    def _apply(self, car: _Car, passing: Passing, frame: RaceFrame) -> bool:
        """Apply one passing to its car; False when it is older than what the car has read."""
        time_us = passing.time_us
        role = self.setup.loops.role(passing.loop)
        if role == "sf":
            if car.last_sf is not None and time_us < car.last_sf:
                return False
            if car.last_sf is None or time_us - car.last_sf >= frame.min_lap_us:
                car.last_sf = time_us
                if _inside(frame, time_us):
                    self._crossed(car, time_us, frame)
        elif role is not None:
            kind = PIT_IN if role == "in" else PIT_OUT
            last = car.last_pit[kind]
            if any(t is not None and time_us < t for t in car.last_pit):
                return False  # pairing needs the reads of both loops in time order
            if last is None or time_us - last >= frame.min_lap_us:
                car.last_pit[kind] = time_us
                if _inside(frame, time_us):
                    car.pit = step(car.pit, time_us, kind)
        name = self.setup.ids.driver_of.get(passing.transponder)
        if name is not None and _inside(frame, time_us):
            if car.last_read_us is not None and time_us < car.last_read_us:
                return False
            car.last_read_us = time_us
            if not car.reads or car.reads[-1][1] != name:
                car.reads.append((time_us, name))
        return True

    @staticmethod
    def _crossed(car: _Car, time_us: int, frame: RaceFrame) -> None:
        crossings = car.crossings
        crossings.append(time_us)
        off = 1 if crossings[0] - frame.green_us < frame.min_lap_us else 0
        lap = len(crossings) - off
        if lap < 1:
            return
        start = crossings[-2] if len(crossings) >= 2 else frame.green_us
        time = time_us - start
        car.best.append(min(car.best[-1], (time, lap)))

    def _rebuilt(self, passings: list[Passing], frame: RaceFrame) -> _Car:
        car = _Car()
        for passing in sorted(passings):
            car.passings.append(passing)
            self._apply(car, passing, frame)
        return car

    # --- standings out ------------------------------------------------------------------------

    def _lines(self, frame: RaceFrame) -> dict[str, CarLine]:
        return {n: CarLine(c.crossings, _off(c.crossings, frame)) for n, c in self._cars.items()
                if n in self.setup.entries}  # fmt: skip

    def _numbers(self) -> list[str]:
        listed = set(self.setup.listed)
        return [e.number for e in self.setup.facts.entries
                if e.number in listed or e.number in self._cars]  # fmt: skip

    def _view(self, number: str, car: _Car, line: CarLine, race_frame: RaceFrame,
              race_checkered: int | None, frame: RaceFrame, checkered: int | None,
              part: RacePart) -> _View:  # fmt: skip
        """One car's tally for the part, its last and best counted lap, and its driver now."""
        setup = self.setup
        tally, stops, finish_us = car_tally(setup, number, line, car.pit, race_frame,
                                            race_checkered, RacePart.RACE)  # fmt: skip
        race_tally, race_finish = tally, finish_us
        if part is RacePart.SPRINT:
            tally, _, _ = car_tally(setup, number, line, car.pit, frame, checkered, part, stops)
        last, best = _last_and_best(car, line, tally.laps, frame)
        end = race_finish if race_finish is not None else (race_tally.last_us or frame.green_us)
        first = first_driver(setup.entries[number], setup.ids.roster.get(number, ()))
        stints, _ = driver_stints(first, frame.green_us, end, stops, car.pit.open_in,
                                  handovers(setup, number, car.reads)[0])  # fmt: skip
        now = stints[-1]
        return _View(tally, last, best, car.pit.open_in is not None, now.driver, now.start_us,
                     now.duration_us)  # fmt: skip

    def standings(self, part: RacePart = RacePart.RACE) -> list[LiveStanding]:
        """Every car in classification order, as the full scorer would place them now."""
        setup = self.setup
        frame = setup.frame
        numbers = self._numbers()
        if frame is None:
            return [_not_started(n, setup) for n in sorted_numbers(numbers, setup)]
        lines = self._lines(frame)
        race_frame = frame
        checkered = race_checkered = checkered_us(lines, frame)
        if part is RacePart.SPRINT:
            sprint_us = setup.settings.sprint_us or 0
            frame = sprint_frame(frame, sprint_us, race_checkered is not None)
            checkered = checkered_us(lines, frame)
        key = (part, race_checkered, checkered)
        views = []
        for number in numbers:
            car = self._cars.get(number) or self._idle.setdefault(number, _Car())
            if car.view is None or car.view[0] != key:
                line = lines.get(number, _NO_LINE)
                car.view = (key, self._view(number, car, line, race_frame, race_checkered,
                                            frame, checkered, part))  # fmt: skip
            views.append(car.view[1])
        placed = classify([v.tally for v in views], frame.green_us, checkered is not None,
                          setup.settings.min_classified_pct)  # fmt: skip
        view_of = {v.tally.number: v for v in views}
        out = []
        for p in placed:
            v = view_of[p.number]
            racing = p.status is not RaceStatus.DNS and part is RacePart.RACE
            out.append(LiveStanding(
                p.position, p.number, p.status, p.laps, p.race_time_us, p.gap_to_winner,
                p.gap_to_ahead, v.last_lap_us, v.best_lap_us, v.in_pit,
                v.driver if racing else None, v.stint_start_us if racing else None,
                v.stint_us if racing else None))  # fmt: skip
        return out


    # --- the full result out ------------------------------------------------------------------

    def result(self) -> RaceSessionResult:
        """The session's whole result now (laps, stops, stints, penalties, findings), equal to
        `race_scorer.score_race` on the passings fed; a car's part (`race_scorer.CarPart`) is
        worked out again only when the car or C changed, then every car is classified."""
        setup = self.setup
        frame = setup.frame
        sprint_us = setup.settings.sprint_us
        if frame is None:
            sprint = not_started(setup, RacePart.SPRINT) if sprint_us else None
            return RaceSessionResult(not_started(setup, RacePart.RACE), sprint)
        lines = self._lines(frame)
        numbers = self._numbers()
        checkered = checkered_us(lines, frame)
        race_parts = [self._part(n, lines, frame, checkered, RacePart.RACE, (checkered,), None)
                      for n in numbers]  # fmt: skip
        race = classified(setup, frame, RacePart.RACE, checkered, race_parts)
        findings = unknown_findings(self.unknown)
        race = replace(race, findings=findings) if findings else race
        sprint = None
        if sprint_us:
            part_frame = sprint_frame(frame, sprint_us, checkered is not None)
            at = checkered_us(lines, part_frame)
            parts = [self._part(n, lines, part_frame, at, RacePart.SPRINT, (checkered, at),
                                race_part.stops)
                     for n, race_part in zip(numbers, race_parts, strict=True)]  # fmt: skip
            sprint = classified(setup, part_frame, RacePart.SPRINT, at, parts)
        return RaceSessionResult(race, sprint)

    def _part(self, number: str, lines: dict[str, CarLine], frame: RaceFrame,
              checkered: int | None, part: RacePart, key: tuple,
              race_stops: tuple[Stop, ...] | None) -> CarPart:  # fmt: skip
        car = self._cars.get(number) or self._idle.setdefault(number, _Car())
        kept = car.parts.get(part)
        if kept is None or kept[0] != key:
            kept = car.parts[part] = (key, car_part(
                self.setup, number, lines.get(number, _NO_LINE), car.pit, car.reads, frame,
                checkered, part, race_stops))  # fmt: skip
        return kept[1]


def _inside(frame: RaceFrame, time_us: int) -> bool:
    return time_us >= frame.green_us and (frame.until_us is None or time_us < frame.until_us)


def _off(crossings: list[int], frame: RaceFrame) -> int:
    return 1 if crossings and crossings[0] - frame.green_us < frame.min_lap_us else 0


def _last_and_best(car: _Car, line: CarLine, laps: int,
                   frame: RaceFrame) -> tuple[int | None, int | None]:  # fmt: skip
    if laps < 1:
        return None, None
    end = line.crossings[line.off + laps - 1]
    start_index = line.off + laps - 2
    start = line.crossings[start_index] if start_index >= 0 else frame.green_us
    return end - start, car.best[laps][0]


def sorted_numbers(numbers: list[str], setup: RaceSetup) -> list[str]:
    return sorted((n for n in numbers if n in set(setup.listed)), key=natural_key)


def _not_started(number: str, setup: RaceSetup) -> LiveStanding:
    dq = number in setup.excluded or any(d.kind is DecisionKind.RACE_DQ
                                         for d in setup.decisions.get(number, ()))
    status = RaceStatus.DISQUALIFIED if dq else RaceStatus.DNS
    return LiveStanding(None, number, status, 0, None, None, None, None, None, False, None,
                        None, None)  # fmt: skip


def standings_of(result: RaceResult) -> list[LiveStanding]:
    """A full result read as the live board shows it (what the tracker must agree with)."""
    return [_standing(e) for e in result.entries]


def _standing(e: RaceEntryResult) -> LiveStanding:
    last = e.lap_list[-1].time_us if e.lap_list else None
    best = e.best_lap.time_us if e.best_lap else None
    stint = e.stints[-1] if e.stints else None
    return LiveStanding(e.position, e.number, e.status, e.laps, e.race_time_us, e.gap_to_winner,
                        e.gap_to_ahead, last, best, e.in_pit, stint and stint.driver,
                        stint and stint.start_us, stint and stint.duration_us)  # fmt: skip
