"""Hand-written seasons for the championship tests: events as literal tables of class results,
scored by the core under a scheme and tie-breaks from `rules/points.py`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from trackside.core.series_records import (
    Bonus,
    ClassResult,
    EventInfo,
    Merge,
    ScoresBy,
    SeriesDef,
)
from trackside.core.standings import SeasonStandings, standings
from trackside.rules.points import points_scheme, tie_breaks

DATES = {"r1": "2026-04-11", "r2": "2026-05-16", "r3": "2026-06-20", "r4": "2026-07-18",
         "r5": "2026-08-22", "r6": "2026-09-19"}


def event(event_id: str, rows: Iterable[tuple], date: str | None = None) -> list[ClassResult]:
    """Rows `(number, driver, class, status, class_position[, total_s[, member_id[, team]]])`."""
    out = []
    for row in rows:
        number, driver, car_class, status, position, *rest = row
        total_s = rest[0] if len(rest) > 0 else None
        out.append(ClassResult(
            event_id, date or DATES[event_id], str(number), driver, car_class, status, position,
            None if total_s is None else round(total_s * 1_000_000), None,
            rest[1] if len(rest) > 1 else None, rest[2] if len(rest) > 2 else None))
    return out


def season(
    events: dict[str, list[ClassResult]],
    *,
    scheme: str = "img",
    counted: int = 0,
    min_events: int = 0,
    table: Sequence[int] = (),
    breaks: Sequence[str] = ("wins", "places", "last-event", "events"),
    scores: ScoresBy = ScoresBy.DRIVER,
    bonuses: Iterable[Bonus] = (),
    merges: Iterable[Merge] = (),
) -> SeasonStandings:
    series = SeriesDef("s", "Series", scheme, scores, counted, min_events, tuple(table),
                       tuple(breaks), tuple(events))
    infos = [EventInfo(eid, eid, rows[0].date if rows else DATES.get(eid, ""), i)
             for i, (eid, rows) in enumerate(events.items())]
    return standings(series, infos, events, points_scheme(scheme), tie_breaks(breaks),
                     bonuses=bonuses, merges=merges)


def table_of(season_: SeasonStandings, car_class: str) -> list[tuple]:
    """(position, competitor, total, events, tie_break) per line: totals in points."""
    found = season_.of_class(car_class)
    assert found is not None, f"no class {car_class}"
    scale = 10 ** season_.scheme.decimals
    return [(s.position, s.competitor, _points(s.total, scale), s.events, s.tie_break)
            for s in found.standings]


def scores_of(season_: SeasonStandings, car_class: str, competitor: str) -> list[tuple]:
    """(event, class_position, points, bonus, reasons, counted) of one line."""
    found = season_.of_class(car_class)
    assert found is not None
    line = next(s for s in found.standings if s.competitor == competitor)
    scale = 10 ** season_.scheme.decimals
    return [(s.event_id, s.class_position, _points(s.points, scale), _points(s.bonus, scale),
             s.bonus_reasons, s.counted) for s in line.scores]


def _points(hundredths: int, scale: int) -> int | float:
    return hundredths // 100 if scale == 1 else hundredths / 100
