"""Passings of a live feed, each as soon as it is known to be a lap crossing and whose car it is.

A `$L` crossing is held until the `$J` that makes it a lap (Orbits sends it at once), else
until the car crosses again or 5 s of heartbeats pass: it is then a passing when its timeline
is a finish line by the counts so far (`TimelineUse`). Before the feed's first `$J` nothing
tells a finish line from a pit lane, so crossings wait for that `$J` (or the end of the run).
A passing of a car no competitor record has named yet waits for its `$A`/`$COMP`; at the end of
the run it is given `#<number>`, as `read_feed` does.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from trackside.core.records import Passing
from trackside.timing.rmonitor.competitors import Car, Cars
from trackside.timing.rmonitor.passings import SOURCE, TimelineUse
from trackside.timing.rmonitor.records import Crossing
from trackside.timing.rmonitor.times import at

HOLD_US = 5_000_000
"""How long (in heartbeat time) a crossing waits for its `$J`."""


@dataclass(frozen=True, slots=True)
class Place:
    """Where the run's passings go: its date and the cars it knows."""

    date: str
    cars: Cars


@dataclass(slots=True)
class _Held:
    """A run's crossings and passings not yet known."""

    awaiting_lap: dict[str, Crossing] = field(default_factory=dict)
    """By car number: the last crossing, waiting for a `$J`."""
    undecided: list[Crossing] = field(default_factory=list)
    """Crossings settled before any `$J` showed which timelines make laps."""
    unidentified: dict[str, list[Passing]] = field(default_factory=lambda: defaultdict(list))
    """Passings of cars not yet named by a competitor record, by the name the feed used."""
    first_lines: dict[str, int] = field(default_factory=dict)
    """The line of the first record naming each of those cars."""

    def hold(self, name: str, passing: Passing, line: int) -> None:
        self.unidentified[name].append(passing)
        self.first_lines.setdefault(name, line)


class LivePassings:
    """Turns a live run's `$L` and `$J` into passings. `finish_lines`: named, else inferred."""

    def __init__(self, finish_lines: frozenset[str] | None = None) -> None:
        self.finish_lines = finish_lines
        self.timelines = TimelineUse()
        self.held = _Held()
        self.crossed = False

    def start_run(self) -> None:
        self.held = _Held()
        self.crossed = False

    def crossing(self, crossing: Crossing, place: Place) -> list[Passing]:
        """A `$L`: the car's previous crossing, if still waiting, is settled without a lap."""
        if self.finish_lines is not None:
            if crossing.timeline not in self.finish_lines:
                return []
            self.crossed = True
            return self._identify(crossing, place)
        self.crossed = True
        self.timelines.crossed[crossing.timeline] += 1
        previous = self.held.awaiting_lap.pop(crossing.number, None)
        self.held.awaiting_lap[crossing.number] = crossing
        return self._settle(previous, False, place) if previous else []

    def lap(self, car_number: str, place: Place) -> tuple[list[Passing], bool]:
        """A `$J` of the car: its waiting crossing was a lap. True when the `$J` itself must
        make the passing (a run without `$L`)."""
        waiting = self.held.awaiting_lap.pop(car_number, None)
        if waiting is not None:
            return self._settle(waiting, True, place), False
        return [], not self.crossed

    def heartbeat(self, time_of_day_us: int, place: Place) -> list[Passing]:
        """Crossings that waited 5 s for a `$J` in vain are settled."""
        passings = []
        for number, crossing in list(self.held.awaiting_lap.items()):
            if time_of_day_us - crossing.time_of_day_us > HOLD_US:
                del self.held.awaiting_lap[number]
                passings += self._settle(crossing, False, place)
        return passings

    def identified(self, car: Car) -> list[Passing]:
        """A competitor record named the car: its held passings get its transponder."""
        held = self.held.unidentified
        found = held.pop(car.number, []) + held.pop(car.registration, [])
        if car.registration != car.number:
            self.held.first_lines.pop(car.registration, None)
        self.held.first_lines.pop(car.number, None)
        return [p._replace(transponder=car.timing_id) for p in found]

    def end_run(self, place: Place) -> tuple[list[Passing], list[tuple[str, int]]]:
        """Everything still held, settled; and the cars still unknown (given `#<number>`),
        with the line of the first record naming each."""
        passings = []
        for crossing in self.held.awaiting_lap.values():
            passings += self._settle(crossing, False, place)
        for crossing in self.held.undecided:
            passings += self._settle(crossing, False, place, decided=True)
        unknown = [(name, self.held.first_lines[name]) for name in self.held.unidentified]
        passings += [p for held in self.held.unidentified.values() for p in held]
        self.start_run()
        return sorted(passings), unknown

    def placed(self, name: str, time_us: int, place: Place, line: int) -> list[Passing]:
        """A passing of car `name` (number or registration) at a time (a `$J` placed from the
        race start): at once when the car is known, else held."""
        transponder = place.cars.transponder_of(name)
        passing = Passing(time_us, transponder or f"#{name}", None, source=SOURCE)
        if transponder is None:
            self.held.hold(name, passing, line)
            return []
        return [passing]

    def _settle(
        self, crossing: Crossing, lapped: bool, place: Place, *, decided: bool = False
    ) -> list[Passing]:
        use = self.timelines
        if lapped:
            first_lap = not use.lapped
            use.lapped[crossing.timeline] += 1
            passings = self._identify(crossing, place)
            return passings + (self._release_undecided(place) if first_lap else [])
        if not use.lapped and not decided:
            self.held.undecided.append(crossing)
            return []
        if crossing.timeline in use.finish_lines():
            return self._identify(crossing, place)
        return []

    def _release_undecided(self, place: Place) -> list[Passing]:
        undecided, self.held.undecided = self.held.undecided, []
        return [p for c in undecided for p in self._settle(c, False, place, decided=True)]

    def _identify(self, crossing: Crossing, place: Place) -> list[Passing]:
        time_us = at(place.date, crossing.time_of_day_us)
        transponder = place.cars.transponder_of(crossing.number)
        passing = Passing(time_us, transponder or f"#{crossing.number}", crossing.timeline,
                          source=SOURCE)
        if transponder is None:
            self.held.hold(crossing.number, passing, crossing.line)
            return []
        return [passing]
