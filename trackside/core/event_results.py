"""Event results: round times, cumulative totals, positions, awards (time-attack.md, "Event
results"; SCCA TT Rules VI.2.5 "cumulative time of fastest laps"). The ranking order and the
awards are the rulebook's (`EventRules`); the round times come from any format's scorer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence

from trackside.core.event_rules import EventRules
from trackside.core.formats import BestTime
from trackside.core.records import (
    Decision,
    DecisionKind,
    Entry,
    EventDef,
    Scoring,
    SessionFormat,
)
from trackside.core.results import EventEntryResult, RoundTime, Status

BEST_LAP_ROUND = "best-lap"


def event_rounds(event: EventDef) -> list[tuple[str, tuple[str, ...]]]:
    """The rounds and their scored sessions. Unscored sessions never count; a race session
    counts only in a `[[round]]` that names it (its best lap is no round time by default:
    a race is classified on its own, endurance.md)."""
    scored = tuple(s.id for s in event.sessions if s.scored)
    timed = tuple(s.id for s in event.sessions if s.scored and s.format != SessionFormat.RACE)
    if event.scoring is Scoring.BEST_LAP:
        return [(BEST_LAP_ROUND, timed)]
    if event.rounds:
        return [(r.name, tuple(s for s in r.sessions if s in scored)) for r in event.rounds]
    return [(sid, (sid,)) for sid in timed]


def round_time(
    name: str, sessions: Sequence[str], best_in: Mapping[str, BestTime]
) -> RoundTime:
    """The entry's best counting lap or run in any session of the round (equal times: the one
    set first), whatever the sessions' formats (tracksprint.md, "Event results")."""
    found = [(b.time_us, b.set_us, sid, b.number) for sid in sessions if (b := best_in.get(sid))]
    if not found:
        return RoundTime(name, None, None, None)
    time_us, set_us, session_id, number = min(found)
    return RoundTime(name, time_us, session_id, number, set_us)


def event_status(decisions: Sequence[Decision], rounds: Sequence[RoundTime]) -> Status:
    kinds = {d.kind for d in decisions}
    if DecisionKind.EVENT_DQ in kinds:
        return Status.DISQUALIFIED
    if DecisionKind.EVENT_EXCLUSION in kinds:
        return Status.EXCLUDED
    return Status.OK if any(r.time_us is not None for r in rounds) else Status.NO_TIME


def time_penalty_us(decisions: Sequence[Decision]) -> int:
    """Time penalties (SCCA TT Rules, Penalties: "Time penalty") add to the total."""
    return sum(d.penalty_us or 0 for d in decisions if d.kind is DecisionKind.TIME_PENALTY)


def entry_result(
    entry: Entry,
    rounds: Sequence[tuple[str, Sequence[str]]],
    best_in: Mapping[str, BestTime],
    decisions: Sequence[Decision],
) -> EventEntryResult:
    times = tuple(round_time(name, sessions, best_in) for name, sessions in rounds)
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


def awards_per_class(event: EventDef, rules: EventRules) -> int:
    """The event file's awards per class, else the rulebook's."""
    return rules.awards_per_class if event.awards_per_class is None else event.awards_per_class


def rank_event(
    results: Sequence[EventEntryResult], rules: EventRules, awards: int,
    key: Callable[[EventEntryResult], tuple] | None = None,
) -> list[EventEntryResult]:  # fmt: skip
    """Overall and class positions for entries with status ok, in the rulebook's order; awards
    to each class's top `awards`. `key` is `rules.rank_key` (or one that remembers it: the
    live engine re-ranks after each passing, with one entry changed)."""
    key = key or rules.rank_key
    ranked = sorted((r for r in results if r.status is Status.OK), key=key)
    in_class: dict[str, int] = defaultdict(int)
    placed = []
    for position, result in enumerate(ranked, start=1):
        in_class[result.car_class] += 1
        class_position = in_class[result.car_class]
        placed.append(_placed(result, position, class_position, class_position <= awards))
    unranked = sorted((r for r in results if r.status is not Status.OK), key=key)
    return placed + unranked


def _placed(r: EventEntryResult, position: int, class_position: int,
            award: bool) -> EventEntryResult:  # fmt: skip
    """`r` with its positions and award (the constructor: dataclasses.replace costs ten times
    as much, a sixth of the event ranking of a 300-car day)."""
    return EventEntryResult(r.number, r.driver, r.car_class, r.group, r.status, position,
                            class_position, award, r.total_us, r.best_lap_us, r.rounds,
                            r.penalty_us)  # fmt: skip
