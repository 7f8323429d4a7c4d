"""Season standings as the front ends ask for them (championship.md, "Standings"): computed
when read from the series, its events' results, the bonuses and merges, so a penalty or a
finalized result is in the next read with no recompute command."""

from __future__ import annotations

from sqlalchemy import Engine

from trackside.core.standings import SeasonStandings, Standing, standings
from trackside.errors import InputError
from trackside.rules.points import points_scheme, tie_breaks
from trackside.services.season_results import series_results
from trackside.store.fast_read import collector_paused
from trackside.store.series import bonuses_in, merges_in, series_in


def season_standings(
    engine: Engine, series_id: str, *, car_class: str | None = None, generated_at: str = "",
    class_source: str = "option --class",
) -> SeasonStandings:
    """The series' standings per class (only `car_class` when given; InputError naming the
    series' classes when it has no such class)."""
    with engine.connect() as conn:
        series = series_in(conn, series_id)
        bonuses = bonuses_in(conn, series_id)
        merges = merges_in(conn, series_id)
    infos, results = series_results(engine, series.events, series.part_of)
    with collector_paused():  # thousands of records, none in a cycle (store/fast_read.py)
        season = standings(series, infos, results, points_scheme(series.scheme),
                           tie_breaks(series.tie_breaks), bonuses=bonuses, merges=merges,
                           generated_at=generated_at)  # fmt: skip
    if car_class is None:
        return season
    found = season.of_class(car_class)
    if found is None:
        known = ", ".join(c.car_class for c in season.classes) or "none yet"
        raise InputError(f"no class {car_class!r} in series {series_id!r} (its classes: "
                         f"{known})", source=class_source)  # fmt: skip
    return SeasonStandings(season.series, season.scheme, season.events, (found,),
                           season.generated_at)


def competitor_lines(season: SeasonStandings, key: str) -> list[Standing]:
    """Every line (one per class) of the competitor with identity key `key`."""
    return [s for c in season.classes for s in c.standings if s.key == key]
