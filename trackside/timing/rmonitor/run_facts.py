"""The trackside facts of one run: its entries, passings and flags, and Orbits' reference."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from trackside.core.records import Entry, Flag, Passing
from trackside.timing.rmonitor.competitors import Cars
from trackside.timing.rmonitor.flags import flag_changes
from trackside.timing.rmonitor.parse import FeedWarning, warn
from trackside.timing.rmonitor.passings import crossing_passings, lap_passings, race_start
from trackside.timing.rmonitor.records import (
    Correction,
    Crossing,
    Heartbeat,
    LapRecord,
    Record,
    Setting,
)
from trackside.timing.rmonitor.runs import RunRecords
from trackside.timing.rmonitor.standings import (
    OrbitsBestLap,
    OrbitsPosition,
    final_best_laps,
    final_positions,
)
from trackside.timing.rmonitor.times import at


@dataclass(frozen=True, slots=True)
class FeedRun:
    """One run of the feed, become session `session_id`."""

    session_id: str
    unique_number: int | None
    description: str
    date: str
    first_line: int
    race_start_us: int | None
    """Race start estimated from the heartbeats (under a second off), or None."""
    passings_from: str
    """`$L` (finish-line crossings), `$J` (lap records placed from the race start) or ``."""
    crossings: tuple[Crossing, ...]
    """Every `$L` of the run, on every timeline (pit in/out too)."""
    corrections: tuple[Correction, ...]
    best_laps: tuple[OrbitsBestLap, ...]
    """Orbits' last `$H` of each car: the reference a rescoring must reproduce."""
    positions: tuple[OrbitsPosition, ...]
    settings: tuple[tuple[str, str], ...]

    def orbits_best_lap(self, number: str) -> OrbitsBestLap | None:
        return next((b for b in self.best_laps if b.number == number), None)


@dataclass(frozen=True, slots=True)
class RunFacts:
    run: FeedRun
    entries: tuple[Entry, ...]
    passings: tuple[Passing, ...]
    flags: tuple[Flag, ...]
    warnings: tuple[FeedWarning, ...]


R = TypeVar("R")


class _OnALine(Protocol):
    @property
    def line(self) -> int: ...


L = TypeVar("L", bound=_OnALine)


def _of(records: list[Record], kind: type[R]) -> list[R]:
    return [r for r in records if isinstance(r, kind)]


def run_facts(
    index: int, part: RunRecords, cars: Cars, date: str, finish_lines: frozenset[str]
) -> RunFacts:
    """Session `run<index>`: its entries (group = the session id), passings and flags."""
    session_id = f"run{index}"
    records = part.records
    heartbeats = _of(records, Heartbeat)
    flags, odd_flags = flag_changes(heartbeats, session_id, date)
    warnings = [
        warn(beat.line, f"{session_id}: unknown flag status {beat.flag!r}: no flag added")
        for beat in _first_of_each(odd_flags, lambda beat: beat.flag)
    ]
    start = race_start(heartbeats)
    passings, source, more = _passings(session_id, records, cars, finish_lines, date, start)
    warnings.extend(more)
    run = FeedRun(
        session_id,
        part.run.unique_number if part.run else None,
        part.run.description if part.run else "",
        date,
        part.init.line if part.init else records[0].line,
        None if start is None else at(date, start),
        source,
        tuple(_of(records, Crossing)),
        tuple(_of(records, Correction)),
        final_best_laps(records, cars),
        final_positions(records, cars),
        tuple((s.name, s.value) for s in _of(records, Setting)),
    )
    entries = tuple(cars.entry(car, session_id) for car in cars.by_registration.values())
    return RunFacts(run, entries, tuple(passings), tuple(flags), tuple(warnings))


def _passings(
    session_id: str,
    records: list[Record],
    cars: Cars,
    finish_lines: frozenset[str],
    date: str,
    start: int | None,
) -> tuple[list[Passing], str, list[FeedWarning]]:
    """Finish-line `$L` crossings when the run has any, else its `$J` laps."""
    passings, unknown = crossing_passings(_of(records, Crossing), cars, finish_lines, date)
    if passings:
        return passings, "$L", _unknown_cars(session_id, unknown, lambda c: c.number)
    laps = _of(records, LapRecord)
    if not laps:
        return [], "", []
    start = start if start is not None else _first_green(records)
    if start is None:
        return [], "", [warn(laps[0].line, no_race_clock(session_id))]
    passings, unknown_laps = lap_passings(laps, cars, start, date)
    return passings, "$J", _unknown_cars(session_id, unknown_laps, lambda j: j.registration)


def _first_green(records: list[Record]) -> int | None:
    greens = (r for r in _of(records, Heartbeat) if r.flag == "Green")
    return next((r.time_of_day_us for r in greens), None)


def _unknown_cars(session_id: str, records: list[R], car: Callable[[R], str]) -> list[FeedWarning]:
    """A warning at the first record of each car no competitor record names."""
    return [
        warn(record.line, unknown_car(session_id, car(record)))
        for record in _first_of_each(records, car)
    ]


def unknown_car(session_id: str, number: str) -> str:
    """What a timing chief is told of passings of a car no competitor record names."""
    return (
        f"{session_id}: car {number!r} has no competitor record ($A/$COMP) since the last "
        f"reset: its passings carry transponder '#{number}'"
    )


def no_race_clock(session_id: str) -> str:
    return (
        f"{session_id}: no running race clock in the heartbeats to place its $J laps in time "
        "of day; they make no passings"
    )


def _first_of_each(items: list[R], key: Callable[[R], Hashable]) -> list[R]:
    seen: set[Hashable] = set()
    firsts = []
    for item in items:
        if key(item) not in seen:
            seen.add(key(item))
            firsts.append(item)
    return firsts
