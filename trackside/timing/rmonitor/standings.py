"""Orbits' own view of a run: each car's last `$H` (best lap) and `$G` (race position).

Kept as the reference a rescoring is checked against, never used to score.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from trackside.timing.rmonitor.competitors import Cars
from trackside.timing.rmonitor.records import BestLap, RacePosition, Record
from trackside.timing.rmonitor.times import NO_TIME_US


@dataclass(frozen=True, slots=True)
class OrbitsBestLap:
    """A car's best lap as Orbits last reported it; `time_us` None when it had none."""

    number: str
    position: int
    lap: int
    time_us: int | None


@dataclass(frozen=True, slots=True)
class OrbitsPosition:
    """A car's race position as Orbits last reported it; `total_time_us` None before its first
    passing."""

    number: str
    position: int
    laps: int | None
    total_time_us: int | None


def final_best_laps(records: Iterable[Record], cars: Cars) -> tuple[OrbitsBestLap, ...]:
    """Each car's last `$H` of the run, by position."""
    last: dict[str, BestLap] = {}
    for record in records:
        if isinstance(record, BestLap):
            last[record.registration] = record
    rows = (
        OrbitsBestLap(
            _number(cars, h.registration),
            h.position,
            h.best_lap,
            h.best_lap_time_us if h.has_time else None,
        )
        for h in last.values()
    )
    return tuple(sorted(rows, key=lambda row: row.position))


def final_positions(records: Iterable[Record], cars: Cars) -> tuple[OrbitsPosition, ...]:
    """Each car's last `$G` of the run, by position."""
    last: dict[str, RacePosition] = {}
    for record in records:
        if isinstance(record, RacePosition):
            last[record.registration] = record
    rows = (
        OrbitsPosition(
            _number(cars, g.registration),
            g.position,
            g.laps,
            None if g.total_time_us == NO_TIME_US else g.total_time_us,
        )
        for g in last.values()
    )
    return tuple(sorted(rows, key=lambda row: row.position))


def _number(cars: Cars, registration: str) -> str:
    car = cars.by_registration.get(registration)
    return car.number if car else registration
