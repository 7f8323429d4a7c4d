"""Season standings (championship.md): pure functions from each event's class results and the
series definition to standings per class that explain every point (counted or dropped, bonus
reasons, which tie-break broke a tie)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from trackside.core.best_n import choose_counted, total
from trackside.core.event_scores import EventScore, event_scores
from trackside.core.identities import Identities, display_name, identity_key
from trackside.core.points_scheme import PointsScheme, TieBreak
from trackside.core.results import natural_key
from trackside.core.series_records import Bonus, ClassResult, EventInfo, Merge, SeriesDef
from trackside.core.tie_breaks import ranked


@dataclass(frozen=True, slots=True)
class Standing:
    """One competitor's line in one class."""

    position: int | None
    """None: fewer than `min_events` scored events (listed after the ranked ones)."""
    competitor: str
    key: str
    """The identity key (`member:ID`, `name:...`, `team:...`) after merges."""
    member_id: str | None
    car_class: str
    total: int
    """Hundredths of a point."""
    events: int
    """Events scored (classified)."""
    tie_break: str | None
    scores: tuple[EventScore, ...]
    """One per series event the competitor entered in this class, in season order."""

    def score_at(self, event_id: str) -> EventScore | None:
        return next((s for s in self.scores if s.event_id == event_id), None)


@dataclass(frozen=True, slots=True)
class ClassStandings:
    car_class: str
    standings: tuple[Standing, ...]


@dataclass(frozen=True, slots=True)
class SeasonStandings:
    series: SeriesDef
    scheme: PointsScheme
    events: tuple[EventInfo, ...]
    """In season order: by date, then the series file's order."""
    classes: tuple[ClassStandings, ...]
    generated_at: str = ""

    def of_class(self, car_class: str) -> ClassStandings | None:
        wanted = car_class.casefold()
        return next((c for c in self.classes if c.car_class.casefold() == wanted), None)


def season_order(events: Iterable[EventInfo]) -> tuple[EventInfo, ...]:
    return tuple(sorted(events, key=lambda e: (e.date, e.index)))


def standings(
    series: SeriesDef,
    events: Sequence[EventInfo],
    results: Mapping[str, Sequence[ClassResult]],
    scheme: PointsScheme,
    tie_breaks: Sequence[TieBreak],
    *,
    bonuses: Iterable[Bonus] = (),
    merges: Iterable[Merge] = (),
    generated_at: str = "",
) -> SeasonStandings:
    """Standings per class from every event's class results (`results`: event id -> its
    results; an event with none yet scores nothing)."""
    ordered = season_order(events)
    order = {e.id: i for i, e in enumerate(ordered)}
    identities = Identities(merges)
    bonuses_of: dict[str, list[Bonus]] = defaultdict(list)
    for bonus in bonuses:
        bonuses_of[bonus.event_id].append(bonus)
    lines: dict[tuple[str, str], dict[str, tuple[EventScore, ClassResult]]] = defaultdict(dict)
    for event in ordered:
        its = results.get(event.id, ())
        for score, result in zip(event_scores(its, scheme, series.table, bonuses_of[event.id]),
                                 its, strict=True):  # fmt: skip
            key = identities.canonical(identity_key(result, series.scores))
            at = lines[(result.car_class, key)]
            if event.id not in at or _better(score, at[event.id][0]):
                at[event.id] = (score, result)
    built = [_line(car_class, key, at, series, order) for (car_class, key), at in lines.items()]
    by_class: dict[str, list[Line]] = defaultdict(list)
    for line in built:
        by_class[line.car_class].append(line)
    classes = tuple(
        ClassStandings(car_class, _ranked(by_class[car_class], series, tie_breaks))
        for car_class in sorted(by_class, key=natural_key)
    )
    return SeasonStandings(series, scheme, ordered, classes, generated_at)


def _better(score: EventScore, other: EventScore) -> bool:
    """A competitor with two results at one event in a class (two cars of a team): the better."""
    return (score.scored, score.score, -(score.class_position or 0)) > (
        other.scored, other.score, -(other.class_position or 0))


@dataclass(frozen=True, slots=True)
class Line:
    """A competitor's line as the tie-break rules see it (`rules/points.py`)."""

    car_class: str
    key: str
    competitor: str
    member_id: str | None
    scores: tuple[EventScore, ...]
    order: Mapping[str, int]
    total: int = -1
    """The counted scores' sum (`best_n.total`), computed once when not given."""
    events: int = -1
    """Events scored, computed once when not given."""

    def __post_init__(self) -> None:
        if self.total < 0:
            object.__setattr__(self, "total", total(self.scores))
        if self.events < 0:
            object.__setattr__(self, "events", sum(1 for s in self.scores if s.scored))


def _line(
    car_class: str, key: str, at: Mapping[str, tuple[EventScore, ClassResult]],
    series: SeriesDef, order: Mapping[str, int],
) -> Line:
    in_order = list(at.values())  # filled event by event in season order (`standings`)
    chosen = choose_counted([score for score, _ in in_order], series.counted, order)
    latest = in_order[-1][1]
    member_id = None if key.startswith("team:") else next(
        (r.member_id for _, r in reversed(in_order) if r.member_id), None)
    return Line(car_class, key, display_name(latest, series.scores), member_id, tuple(chosen),
                 order)


def _ranked(
    lines: list[Line], series: SeriesDef, tie_breaks: Sequence[TieBreak]
) -> tuple[Standing, ...]:
    lines = sorted(lines, key=lambda line: (line.competitor.casefold(), line.key))
    eligible = [line for line in lines if line.events >= series.min_events]
    others = [line for line in lines if line.events < series.min_events]
    out = [_standing(line, position, rule)
           for line, position, rule in ranked(eligible, lambda x: x.total, tie_breaks)]
    others.sort(key=lambda line: (-line.total, line.competitor.casefold(), line.key))
    out.extend(_standing(line, None, None) for line in others)
    return tuple(out)


def _standing(line: Line, position: int | None, rule: str | None) -> Standing:
    return Standing(position, line.competitor, line.key, line.member_id, line.car_class,
                    line.total, line.events, rule, line.scores)
