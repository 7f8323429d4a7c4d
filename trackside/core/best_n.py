"""Best-N counting (championship.md, "Season totals"): the best `counted` event scores count
(all when 0), the others are dropped; between equal scores the later event is dropped. Scores
of events the competitor did not score in are never among those chosen from."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from trackside.core.event_scores import EventScore


def choose_counted(
    scores: Sequence[EventScore], counted: int, order: Mapping[str, int]
) -> list[EventScore]:
    """The scores (in the order given) with `counted` set on the best N scored ones; `order`
    is each event's place in the season (date, then the series file)."""
    scored = sorted((s for s in scores if s.scored), key=lambda s: (-s.score, order[s.event_id]))
    chosen = scored if counted <= 0 else scored[:counted]
    keep = {id(s) for s in chosen}
    return [s if s.counted == (id(s) in keep) else _with_counted(s, not s.counted)
            for s in scores]


def _with_counted(s: EventScore, counted: bool) -> EventScore:
    """`dataclasses.replace(s, counted=counted)`, without its per-call field lookups."""
    return EventScore(s.event_id, s.number, s.car_class, s.status, s.class_position, s.points,
                      s.bonus, s.bonus_reasons, s.scored, counted, s.total_us, s.best_lap_us)


def total(scores: Sequence[EventScore]) -> int:
    """The sum of the counted scores, bonuses included, in hundredths."""
    return sum(s.score for s in scores if s.counted)
