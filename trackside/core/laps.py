"""From passings to lap crossings (time-attack.md, "From passings to laps", rules 1-2)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from trackside.core.records import Passing


def crossings_by_transponder(
    passings: Iterable[Passing], start_finish_loop: str | None
) -> dict[str, list[int]]:
    """Start/finish crossing times of every transponder, in time order (rule 1: only the
    start/finish loop makes laps, with none named every loop does; a passing with no loop name
    comes from a single-loop decoder on the timing line)."""
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
