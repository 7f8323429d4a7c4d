"""From passings to laps (time-attack.md, "From passings to laps", rules 1-3)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from trackside.core.records import Passing
from trackside.core.results import Lap


def is_timing_line(loop: str | None, start_finish_loop: str | None) -> bool:
    """Rule 1: only the start/finish loop makes laps; with none named, every loop does.

    A passing that carries no loop name comes from a single-loop decoder on the timing line.
    """
    return not start_finish_loop or not loop or loop == start_finish_loop


def crossings_by_transponder(
    passings: Iterable[Passing], start_finish_loop: str | None
) -> dict[str, list[int]]:
    """Start/finish crossing times of every transponder, in time order (rule 1)."""
    crossings: dict[str, list[int]] = defaultdict(list)
    if start_finish_loop:
        for time_us, transponder, loop, _decoder, _number, _source in passings:
            if not loop or loop == start_finish_loop:
                crossings[transponder].append(time_us)
    else:
        for time_us, transponder, _loop, _decoder, _number, _source in passings:
            crossings[transponder].append(time_us)
    for times in crossings.values():
        times.sort()
    return crossings


def accepted_crossings(times: list[int], min_lap_us: int) -> list[int]:
    """Rule 2: a crossing under `min_lap_s` after the last accepted one is a duplicate read."""
    accepted: list[int] = []
    last: int | None = None
    for time_us in times:
        if last is None or time_us - last >= min_lap_us:
            accepted.append(time_us)
            last = time_us
    return accepted


def laps_from_crossings(transponder: str, accepted: list[int]) -> list[Lap]:
    """Rule 3: a lap is the interval between two consecutive accepted crossings."""
    return [Lap(transponder, a, b) for a, b in zip(accepted, accepted[1:], strict=False)]


def laps_by_transponder(
    passings: Iterable[Passing], start_finish_loop: str | None, min_lap_us: int
) -> dict[str, list[Lap]]:
    """Every transponder's laps, in time order."""
    return {
        transponder: laps_from_crossings(transponder, accepted_crossings(times, min_lap_us))
        for transponder, times in crossings_by_transponder(passings, start_finish_loop).items()
    }
