"""What every bench shares: variants interleaved round by round in one process, each call timed
in CPU time (``time.process_time``) and wall time, reported as min/median/max.

CPU time is the figure to compare: on a shared machine wall time mostly measures the other load.
Interleaving (variant A, B, C, then A, B, C again ...) spreads any change in that load over all
variants alike. ``TRACKSIDE_BENCH_QUICK=1`` (``make bench-quick``) asks the benches for smaller
inputs; the number of rounds never drops below 7.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

QUICK = os.environ.get("TRACKSIDE_BENCH_QUICK", "") not in ("", "0")
ROUNDS = max(7, int(os.environ.get("TRACKSIDE_BENCH_ROUNDS", "7")))


@dataclass
class Times:
    """Seconds per call of one variant, one entry per round."""

    cpu: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)


def timed(action: Callable[[], object]) -> tuple[float, float, object]:
    """(CPU seconds, wall seconds, result) of one call."""
    cpu, wall = time.process_time(), time.perf_counter()
    result = action()
    return time.process_time() - cpu, time.perf_counter() - wall, result


def interleaved(
    variants: dict[str, Callable[[], object]],
    rounds: int = ROUNDS,
    *,
    warm_up: bool = True,
    after_round: Callable[[int, dict[str, Times]], None] | None = None,
) -> dict[str, Times]:
    """Run every variant once per round, in the same order each round; times per variant."""
    if warm_up:
        for action in variants.values():
            action()
    times = {name: Times() for name in variants}
    for number in range(rounds):
        for name, action in variants.items():
            cpu, wall, _ = timed(action)
            times[name].cpu.append(cpu)
            times[name].wall.append(wall)
        if after_round is not None:
            after_round(number, times)
    return times


def spread(values: list[float], scale: float = 1000.0, digits: int = 1) -> str:
    """``min/median/max`` of values times ``scale`` (ms for seconds by default)."""
    low, mid, high = min(values), statistics.median(values), max(values)
    return f"{low * scale:.{digits}f}/{mid * scale:.{digits}f}/{high * scale:.{digits}f}"


def line(label: str, times: Times, unit: str = "ms") -> str:
    """One report line: CPU and wall min/median/max in ms."""
    return (f"  {label:<34} cpu {spread(times.cpu):>20} {unit}   "
            f"wall {spread(times.wall):>20} {unit}  (min/median/max, {len(times.cpu)} rounds)")


def median(values: list[float]) -> float:
    return statistics.median(values)
