"""Session results: entries ranked by best valid lap (time-attack.md, "Session results")."""

from __future__ import annotations

from collections.abc import Sequence

from trackside.core.results import NaturalKey, ScoredLap, SessionEntryResult, Status, natural_key

_NEVER = 1 << 62


def best_lap(laps: Sequence[ScoredLap]) -> ScoredLap | None:
    """The fastest valid lap; equal times go to the lap set first (laps are in time order)."""
    best, best_time = None, _NEVER
    for lap in laps:
        if lap.valid and lap.end_us - lap.start_us < best_time:
            best, best_time = lap, lap.end_us - lap.start_us
    return best


def session_rank_key(entry: SessionEntryResult) -> tuple[int, int, int, NaturalKey]:
    """Best valid lap, then second-best valid lap, then whoever set the best time first, then
    the car number (7 before 12)."""
    times = sorted([lap.end_us - lap.start_us for lap in entry.laps if lap.valid])
    best = entry.best_lap
    return (
        times[0] if times else _NEVER,
        times[1] if len(times) > 1 else _NEVER,
        best.end_us if best else _NEVER,
        natural_key(entry.number),
    )


def rank_session(entries: Sequence[SessionEntryResult]) -> list[SessionEntryResult]:
    """Ranked entries first (positions 1..n), then the rest in car-number order (7 before 12,
    7A after 7)."""
    ranked = sorted((e for e in entries if e.status is Status.OK), key=session_rank_key)
    others = sorted((e for e in entries if e.status is not Status.OK),
                    key=lambda e: natural_key(e.number))  # fmt: skip
    return [_placed(e, i) for i, e in enumerate(ranked, start=1)] + others


def _placed(e: SessionEntryResult, position: int) -> SessionEntryResult:
    """`e` at `position` (the constructor: dataclasses.replace costs ten times as much)."""
    return SessionEntryResult(
        e.number, e.driver, e.car_class, e.group, e.status, position, e.best_lap, e.laps
    )
