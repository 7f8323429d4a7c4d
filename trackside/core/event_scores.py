"""Event scores (championship.md, "Event scores"): per event and class, the classified entries
(status `ok` with a class position) score the scheme's points plus their bonuses; any other
entry scores 0 and has not scored in that event."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from trackside.core.points_scheme import PointsScheme
from trackside.core.series_records import CLASS_WINNER, Bonus, ClassResult


@dataclass(frozen=True, slots=True)
class EventScore:
    """One entry's score at one event, with every point explained."""

    event_id: str
    number: str
    car_class: str
    status: str
    class_position: int | None
    points: int
    """The scheme's points, in hundredths."""
    bonus: int = 0
    """Bonus points, in hundredths."""
    bonus_reasons: tuple[str, ...] = ()
    scored: bool = False
    """Classified: the event counts as scored (for `min_events` and best-N)."""
    counted: bool = False
    """Among the best `counted` scores (set by `best_n.choose_counted`)."""
    total_us: int | None = None
    best_lap_us: int | None = None

    @property
    def score(self) -> int:
        """Points plus bonuses, in hundredths."""
        return self.points + self.bonus


def classified(result: ClassResult) -> bool:
    return result.status == "ok" and result.class_position is not None


def event_scores(
    results: Sequence[ClassResult],
    scheme: PointsScheme,
    table: Sequence[int] = (),
    bonuses: Iterable[Bonus] = (),
) -> list[EventScore]:
    """Every result of one event scored, class by class, in the order given."""
    by_class: dict[str, list[ClassResult]] = defaultdict(list)
    for result in results:
        if classified(result):
            by_class[result.car_class].append(result)
    points: dict[tuple[str, str], int] = {}
    for car_class, ranked in by_class.items():
        for number, value in scheme.points(ranked, table).items():
            points[(car_class, number)] = value
    extra = _bonuses(results, scheme, bonuses)
    scores = []
    for result in results:
        key = (result.car_class, result.number)
        scored = classified(result)
        reasons = extra.get(key, []) if scored else []
        scores.append(EventScore(
            result.event_id, result.number, result.car_class, result.status,
            result.class_position if scored else None, points.get(key, 0) if scored else 0,
            sum(value for _, value in reasons), tuple(reason for reason, _ in reasons), scored,
            total_us=result.total_us, best_lap_us=result.best_lap_us,
        ))  # fmt: skip
    return scores


def _bonuses(
    results: Sequence[ClassResult], scheme: PointsScheme, bonuses: Iterable[Bonus]
) -> dict[tuple[str, str], list[tuple[str, int]]]:
    """(class, number) -> (reason, hundredths) of each bonus: the winner's, then the officials'
    in decision order, at most one of each kind per class (the first decision stands)."""
    extra: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
    class_of = {r.number: r.car_class for r in results}
    if scheme.winner_bonus:
        for result in results:
            if classified(result) and result.class_position == 1:
                extra[(result.car_class, result.number)].append((CLASS_WINNER, scheme.winner_bonus))
    given: set[tuple[str, str]] = set()
    for bonus in sorted(bonuses, key=lambda b: b.id):
        car_class = class_of.get(bonus.number)
        if car_class is None or bonus.kind not in scheme.bonus_kinds:
            continue
        if (car_class, bonus.kind) in given:
            continue
        given.add((car_class, bonus.kind))
        extra[(car_class, bonus.number)].append((str(bonus.kind), 100))
    return extra
