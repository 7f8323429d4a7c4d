"""From passings to lap crossings (time-attack.md, "From passings to laps", rules 1-2)."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain

from trackside.core.read_times import read_times
from trackside.core.records import Passing


def crossings_by_transponder(
    passings: Iterable[Passing], start_finish_loop: str | None
) -> dict[str, list[int]]:
    """Start/finish crossing times of every transponder, in time order (rule 1: only the
    start/finish loop makes laps, with none named every loop does; a passing with no loop name
    comes from a single-loop decoder on the timing line). Taken from the passings' read times
    (`core/read_times.py`); each list is new."""
    crossings: dict[str, list[int]] = {}
    for transponder, loops in read_times(passings).items():
        counted = [times for loop, times in loops.items()
                   if not start_finish_loop or not loop or loop == start_finish_loop]  # fmt: skip
        if len(counted) == 1:
            crossings[transponder] = counted[0].copy()
        elif counted:
            crossings[transponder] = sorted(chain.from_iterable(counted))
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
