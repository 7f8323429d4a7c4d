"""The public renderers: a result record and a format name in, text out."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from trackside.core.grid import Grid
from trackside.core.race_results import RaceResult, RaceSessionResult
from trackside.core.results import EventResult, SessionResult
from trackside.core.run_results import RunSessionResult
from trackside.publish import (
    csv_tables,
    html,
    json_docs,
    race_docs,
    race_tables,
    run_docs,
    run_tables,
)
from trackside.publish.event_text import event_text
from trackside.publish.formats import check_format
from trackside.publish.grid_text import grid_text
from trackside.publish.lap_chart_text import lap_chart_text
from trackside.publish.race_text import pit_stops_text, race_text, stints_text
from trackside.publish.run_text import run_session_text, runs_text
from trackside.publish.runs_as_laps import as_lap_session
from trackside.publish.session_text import session_text

EventRenderer = Callable[[EventResult, str | None], str]
SessionRenderer = Callable[[SessionResult, str | None], str]

EVENT: dict[str, EventRenderer] = {
    "text": event_text,
    "json": lambda result, car_class: json_docs.dumps(json_docs.event_doc(result, car_class)),
    "csv": csv_tables.event_csv,
    "html": html.event_html,
}
SESSION: dict[str, SessionRenderer] = {
    "text": session_text,
    "json": lambda result, car_class: json_docs.dumps(json_docs.session_doc(result, car_class)),
    "csv": csv_tables.session_csv,
    "html": html.session_html,
}
RUN_SESSION: dict[str, Callable[[RunSessionResult, str | None], str]] = {
    "text": run_session_text,
    "json": lambda result, car_class: json_docs.dumps(run_docs.run_session_doc(result, car_class)),
    "csv": run_tables.run_session_csv,
    "html": run_tables.run_session_html,
}
"""Run sessions (tracksprint, hillclimb): their own renderers (`run_*.py`)."""
RACE: dict[str, Callable[[RaceResult, str | None], str]] = {
    "text": race_text,
    "json": lambda result, car_class: json_docs.dumps(race_docs.race_doc(result, car_class)),
    "csv": race_tables.race_csv,
    "html": race_tables.race_html,
}
"""Race sessions (endurance.md): the race or its Sprint part (`race_*.py`)."""
RACE_REPORTS: dict[str, dict[str, Callable[[RaceResult], str]]] = {
    "stints": {"text": stints_text, "csv": race_tables.stints_csv,
               "json": lambda result: json_docs.dumps(race_docs.stints_doc(result)),
               "html": race_tables.stints_html},
    "pit-stops": {"text": pit_stops_text, "csv": race_tables.pit_stops_csv,
                  "json": lambda result: json_docs.dumps(race_docs.pit_stops_doc(result)),
                  "html": race_tables.pit_stops_html},
}  # fmt: skip
"""`trackside report stints|pit-stops`: a race session's reports."""
RUNS: dict[str, Callable[[RunSessionResult, str | None], str]] = {**RUN_SESSION, "text": runs_text}
"""`trackside runs`: every run (text lists runs only; the other formats as the session's)."""
LAP_CHART: dict[str, SessionRenderer] = {
    **SESSION,
    "text": lap_chart_text,
    "csv": csv_tables.lap_chart_csv,
    "html": html.lap_chart_html,
}


def render_event(result: EventResult, fmt: str, *, car_class: str | None = None) -> str:
    """Event results (classes, awards, round times, totals) as text, json, csv or html."""
    return EVENT[check_format(fmt)](result, car_class)


def render_session(result: Any, fmt: str, *, car_class: str | None = None) -> str:
    """A session's ranking by best valid lap, with gaps and lap counts; a run session's
    (`RunSessionResult`) by best counting run, with every run."""
    if isinstance(result, RunSessionResult):
        return RUN_SESSION[check_format(fmt)](result, car_class)
    if isinstance(result, RaceSessionResult):
        return render_race(result, fmt, car_class=car_class)
    return SESSION[check_format(fmt)](result, car_class)


def render_race(
    result: RaceSessionResult, fmt: str, *, part: str = "race", car_class: str | None = None
) -> str:
    """A race session's classification (or its SprintDuro's Sprint, `part="sprint"`) with
    stops, stints, penalties and findings (endurance.md, "Race JSON")."""
    return RACE[check_format(fmt)](race_docs.race_part(result, part), car_class)


def render_race_report(result: RaceSessionResult, report: str, fmt: str) -> str:
    """`report stints` or `report pit-stops` of a race session's race."""
    return RACE_REPORTS[report][check_format(fmt)](result.race)


def render_runs(result: RunSessionResult, fmt: str, *, car_class: str | None = None) -> str:
    """Every run of a run session (`trackside runs`)."""
    return RUNS[check_format(fmt)](result, car_class)


def render_lap_chart(
    result: SessionResult | RunSessionResult, fmt: str, *, car_class: str | None = None
) -> str:
    """Every lap of every car in a session, best and invalid laps marked (JSON: session shape);
    a run session's runs as laps."""
    return LAP_CHART[check_format(fmt)](as_lap_session(result), car_class)


GRID: dict[str, Callable[[Grid], str]] = {
    "text": grid_text,
    "json": lambda grid: json_docs.dumps(json_docs.grid_doc(grid)),
    "csv": csv_tables.grid_csv,
    "html": html.grid_html,
}


def render_grid(grid: Grid, fmt: str) -> str:
    """A session's grid (tracksprint.md, "Grid"): positions, best times and where each was set."""
    return GRID[check_format(fmt)](grid)
