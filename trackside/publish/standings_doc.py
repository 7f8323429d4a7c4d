"""Season standings as documents (championship.md, "Standings"): the JSON of `standings
--format json` and the web's JSON twins, and the points text every renderer shows."""

from __future__ import annotations

from typing import Any

from trackside.core.event_scores import EventScore
from trackside.core.results import seconds
from trackside.core.standings import SeasonStandings, Standing


def points_value(hundredths: int, decimals: int) -> int | float:
    """Points as a JSON number: an integer, or two decimals for `percent-of-winner`."""
    return hundredths // 100 if decimals == 0 else round(hundredths / 100, 2)


def points_text(hundredths: int, decimals: int) -> str:
    if decimals == 0:
        return str(hundredths // 100)
    whole, cents = divmod(hundredths, 100)
    return f"{whole}.{cents:02d}"


def standings_document(season: SeasonStandings) -> dict[str, Any]:
    series = season.series
    decimals = season.scheme.decimals
    return {
        "series": series.id,
        "name": series.name,
        "scheme": series.scheme,
        "scores": str(series.scores),
        "counted": series.counted,
        "min_events": series.min_events,
        "tie_breaks": list(series.tie_breaks),
        "generated_at": season.generated_at,
        "events": [{"event": e.id, "name": e.name, "date": e.date,
                    "scored_by": "trackside" if e.scored_by_trackside else "imported"}
                   for e in season.events],  # fmt: skip
        "classes": [{"class": c.car_class,
                     "standings": [standing_document(s, decimals) for s in c.standings]}
                    for c in season.classes],  # fmt: skip
    }


def standing_document(standing: Standing, decimals: int) -> dict[str, Any]:
    return {
        "position": standing.position,
        "competitor": standing.competitor,
        "member_id": standing.member_id,
        "key": standing.key,
        "class": standing.car_class,
        "total": points_value(standing.total, decimals),
        "events": standing.events,
        "tie_break": standing.tie_break,
        "scores": [score_document(s, decimals) for s in standing.scores],
    }


def score_document(score: EventScore, decimals: int) -> dict[str, Any]:
    return {
        "event": score.event_id,
        "number": score.number,
        "status": score.status,
        "class_position": score.class_position,
        "points": points_value(score.points, decimals),
        "bonus": points_value(score.bonus, decimals),
        "bonus_reasons": list(score.bonus_reasons),
        "scored": score.scored,
        "counted": score.counted,
        "total_s": seconds(score.total_us),
        "best_lap_s": seconds(score.best_lap_us),
    }


def competitor_document(season: SeasonStandings, lines: list[Standing]) -> dict[str, Any]:
    """One competitor's lines (a class each) with every event's score."""
    decimals = season.scheme.decimals
    return {
        "series": season.series.id,
        "name": season.series.name,
        "generated_at": season.generated_at,
        "competitor": lines[0].competitor if lines else "",
        "key": lines[0].key if lines else "",
        "member_id": lines[0].member_id if lines else None,
        "events": [{"event": e.id, "name": e.name, "date": e.date} for e in season.events],
        "classes": [standing_document(line, decimals) for line in lines],
    }
