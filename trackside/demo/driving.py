"""One car's session as the timing loops see it: pit-out, out lap, flying laps, the flags, the
cool-down lap and pit-in.

Pit lane has its own loop (`PIT`) that cars cross leaving and entering the pits; the pit entry
is just past the start/finish line, so a car coming in crosses `SF` first. Green is shown as
the pace-lap leader reaches the line, so every car's first `SF` crossing starts its lap 1.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from trackside.core.records import FlagState

from .fates import Fate
from .schedule import PACE_LAP_US, SessionPlan

SF = "SF"
PIT = "PIT"
OUT_LAP = (1.2, 1.35)
IN_LAP = (1.15, 1.35)
COOL_DOWN_LAP = (1.3, 1.55)
PIT_LANE_MS = (7_000, 14_000)
"""From the start/finish line down the pit entry to the pit-lane loop."""


@dataclass(frozen=True, slots=True)
class Crossing:
    time_us: int
    transponder: str
    loop: str


@dataclass(frozen=True, slots=True)
class Grid:
    """Where a car starts: its place in the pace-lap train and the gap between cars."""

    slot: int
    spacing_us: int


class _Car:
    """Accumulates one car's crossings as it drives the session."""

    def __init__(self, rng: random.Random, transponder: str, fate: Fate, scatter: float) -> None:
        self.rng = rng
        self.transponder = transponder
        self.fate = fate
        self.scatter = scatter
        self.crossings: list[Crossing] = []

    def cross(self, time_us: int, loop: str = SF) -> int:
        self.crossings.append(Crossing(time_us, self.transponder, loop))
        return time_us

    def pit_in(self, line_us: int) -> None:
        self.cross(line_us + self.ms(*PIT_LANE_MS), PIT)

    def ms(self, low: int, high: int) -> int:
        return self.rng.randint(low, high) * 1000

    def slow_lap(self, factor: tuple[float, float]) -> int:
        return _to_ms(self.fate.pace_s * self.rng.uniform(*factor))

    def flying_lap(self, lap_index: int) -> int:
        """Pace plus scatter; cold tyres on lap 1, now and then traffic or an off."""
        seconds = self.fate.pace_s * (1 + self.rng.gauss(0, self.scatter))
        if lap_index == 0:
            seconds *= 1.008
        roll = self.rng.random()
        if roll < 0.03:
            seconds += self.rng.uniform(8, 25)
        elif roll < 0.13:
            seconds += self.rng.uniform(0.8, 4.0)
        return _to_ms(seconds)


def drive_session(
    rng: random.Random,
    plan: SessionPlan,
    transponder: str,
    fate: Fate,
    scatter: float,
    grid: Grid,
) -> list[Crossing]:
    """Every loop crossing of one car in one session."""
    if fate.skips:
        return []
    car = _Car(rng, fate.transponder or transponder, fate, scatter)
    start = _leave_pits(car, plan.start_us, plan.green_us, grid)
    _drive_laps(car, plan, grid, start)
    return car.crossings


def _leave_pits(car: _Car, release_us: int, green_us: int, grid: Grid) -> int:
    """Pit-out and out lap; the time of the first start/finish crossing."""
    if car.fate.joins_late_us is not None:
        pit_out = car.cross(car.fate.joins_late_us, PIT)
        return car.cross(pit_out + car.slow_lap(OUT_LAP))
    car.cross(release_us + grid.slot * grid.spacing_us + car.ms(0, 900), PIT)
    return car.cross(green_us + car.ms(300, 2000) + grid.slot * grid.spacing_us + car.ms(0, 600))


def _drive_laps(car: _Car, plan: SessionPlan, grid: Grid, line_us: int) -> None:
    laps = 0
    while True:
        end = line_us + car.flying_lap(laps)
        if car.fate.stops_us is not None and end > car.fate.stops_us:
            return
        if plan.red_us is not None and line_us < plan.red_us < end:
            restart = _red_flag(car, plan, grid)
            if restart is None:
                return
            line_us, laps = restart, 0
            continue
        if plan.ended_by is FlagState.BLACK_ALL and end > plan.end_us:
            _black_flag_all(car, plan.end_us, end)
            return
        line_us, laps = car.cross(end), laps + 1
        if line_us >= plan.end_us:
            car.pit_in(car.cross(line_us + car.slow_lap(COOL_DOWN_LAP)))
            return
        if car.fate.leaves_after is not None and laps >= car.fate.leaves_after:
            _leave_early(car, line_us)
            return


def _red_flag(car: _Car, plan: SessionPlan, grid: Grid) -> int | None:
    """Stop at a flag station, be led in past the line to pit lane; maybe go out again."""
    assert plan.red_us is not None and plan.restart_us is not None
    car.pit_in(car.cross(plan.red_us + car.ms(150_000, 330_000)))
    if not car.fate.rejoins_after_red:
        return None
    return _leave_pits(car, plan.restart_us - PACE_LAP_US, plan.restart_us, grid)


def _black_flag_all(car: _Car, flag_us: int, lap_end_us: int) -> None:
    """Finish the lap at reduced pace, cross the line and come in."""
    slowed = flag_us + round((lap_end_us - flag_us) * car.rng.uniform(1.3, 1.6))
    car.pit_in(car.cross(slowed // 1000 * 1000))


def _leave_early(car: _Car, line_us: int) -> None:
    """An in-lap to the pits, or a car that pulls off and is towed in."""
    if not car.fate.pulls_off:
        car.pit_in(car.cross(line_us + car.slow_lap(IN_LAP)))


def _to_ms(seconds: float) -> int:
    return round(seconds * 1000) * 1000
