"""Event results: round times, cumulative totals, positions, awards (time-attack.md, "Event
results"; SCCA TT Rules VI.2.5 "cumulative time of fastest laps"; SCCA awards: top three per class).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace

from trackside.core.records import Decision, DecisionKind, Entry, EventDef, Scoring
from trackside.core.results import EventEntryResult, RoundTime, ScoredLap, Status

BEST_LAP_ROUND = "best-lap"
_NEVER = 1 << 62


def event_rounds(event: EventDef) -> list[tuple[str, tuple[str, ...]]]:
    """The rounds and their scored sessions. Unscored sessions never count."""
    scored = tuple(s.id for s in event.sessions if s.scored)
    if event.scoring is Scoring.BEST_LAP:
        return [(BEST_LAP_ROUND, scored)]
    if event.rounds:
        return [(r.name, tuple(s for s in r.sessions if s in scored)) for r in event.rounds]
    return [(sid, (sid,)) for sid in scored]


def round_time(
    name: str, sessions: Sequence[str], laps_in: Mapping[str, Sequence[ScoredLap]]
) -> RoundTime:
    """The entry's best valid lap in any session of the round (equal times: set first)."""
    best: tuple[int, int, str, int] | None = None
    for sid in sessions:
        for lap in laps_in.get(sid, ()):
            if lap.valid:
                candidate = (lap.end_us - lap.start_us, lap.end_us, sid, lap.lap)
                best = candidate if best is None or candidate < best else best
    if best is None:
        return RoundTime(name, None, None, None)
    return RoundTime(name, best[0], best[2], best[3], best[1])


def event_status(decisions: Sequence[Decision], rounds: Sequence[RoundTime]) -> Status:
    kinds = {d.kind for d in decisions}
    if DecisionKind.EVENT_DQ in kinds:
        return Status.DISQUALIFIED
    if DecisionKind.EVENT_EXCLUSION in kinds:
        return Status.EXCLUDED
    return Status.OK if any(r.time_us is not None for r in rounds) else Status.NO_TIME


def time_penalty_us(decisions: Sequence[Decision]) -> int:
    """Time penalties (SCCA TT Rules, Penalties: "Time penalty") add to the total."""
    return sum(
        round((d.seconds or 0) * 1_000_000)
        for d in decisions
        if d.kind is DecisionKind.TIME_PENALTY
    )


def entry_result(
    entry: Entry,
    rounds: Sequence[tuple[str, Sequence[str]]],
    laps_in: Mapping[str, Sequence[ScoredLap]],
    decisions: Sequence[Decision],
) -> EventEntryResult:
    times = tuple(round_time(name, sessions, laps_in) for name, sessions in rounds)
    timed = [r for r in times if r.time_us is not None]
    penalty = time_penalty_us(decisions)
    status = event_status(decisions, times)
    return EventEntryResult(
        number=entry.number,
        driver=entry.driver,
        car_class=entry.car_class,
        group=entry.group,
        status=status,
        position=None,
        class_position=None,
        award=False,
        total_us=sum(r.time_us for r in timed) + penalty if timed else None,  # type: ignore[misc]
        best_lap_us=min((r.time_us for r in timed), default=None),  # type: ignore[type-var]
        rounds=times,
        penalty_us=penalty,
    )


def event_rank_key(result: EventEntryResult) -> tuple[int, int, int, int, str]:
    """More rounds with a time, lower total, faster single best lap, whoever set it first."""
    timed = [r for r in result.rounds if r.time_us is not None]
    best = min(timed, key=lambda r: (r.time_us, r.set_us), default=None)
    return (
        -len(timed),
        result.total_us if result.total_us is not None else _NEVER,
        result.best_lap_us if result.best_lap_us is not None else _NEVER,
        best.set_us if best is not None and best.set_us is not None else _NEVER,
        result.number,
    )


def rank_event(
    results: Sequence[EventEntryResult], awards_per_class: int
) -> list[EventEntryResult]:
    """Overall and class positions for entries with status ok; awards to each class's top N."""
    ranked = sorted((r for r in results if r.status is Status.OK), key=event_rank_key)
    in_class: dict[str, int] = defaultdict(int)
    placed = []
    for position, result in enumerate(ranked, start=1):
        in_class[result.car_class] += 1
        class_position = in_class[result.car_class]
        placed.append(
            replace(
                result,
                position=position,
                class_position=class_position,
                award=class_position <= awards_per_class,
            )
        )
    unranked = sorted((r for r in results if r.status is not Status.OK), key=event_rank_key)
    return placed + unranked
