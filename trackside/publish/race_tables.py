"""A race session as CSV (one row per car; the reports one row per stint or stop) and as HTML
pages through the site's templates (`templates/race.html`, `race_report.html`), narrow enough
for a phone held upright (412 px): the position chart is an inline SVG scaled to the page."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from trackside.core.race_results import RaceResult
from trackside.publish.formats import seconds_text, time_text
from trackside.publish.html import PageMeta, environment
from trackside.publish.position_chart import position_svg
from trackside.publish.race_docs import all_stops, drivers, race_entries
from trackside.publish.race_text import gap_label, race_heading, race_time, status_text
from trackside.publish.run_text import clock

RACE_COLUMNS = ("position", "number", "team", "drivers", "class", "class_position", "status",
                "laps", "race_time_s", "gap", "interval", "best_lap_s", "best_lap", "stops",
                "mandatory_stop", "penalties", "findings")  # fmt: skip
STINT_COLUMNS = ("number", "team", "driver", "start", "end", "duration_s")
STOP_COLUMNS = ("number", "team", "in", "out", "duration_s", "mandatory", "source")


def _csv(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    return buffer.getvalue()


def race_csv(result: RaceResult, car_class: str | None = None) -> str:
    rows = []
    for e in race_entries(result, car_class):
        best = e.best_lap
        rows.append([
            e.position, e.number, e.team, "; ".join(drivers(e)), e.car_class, e.class_position,
            str(e.status), e.laps, seconds_text(e.race_time_us), gap_label(e.gap_to_winner),
            gap_label(e.gap_to_ahead), seconds_text(None if best is None else best.time_us),
            None if best is None else best.lap, len(e.stops),
            "true" if any(s.mandatory for s in e.stops) else "false",
            "; ".join(f"{p.kind} {p.detail}".strip() for p in e.penalties),
            "; ".join(f"{f.kind}: {f.message}" for f in e.findings),
        ])  # fmt: skip
    return _csv(RACE_COLUMNS, rows)


def stints_csv(result: RaceResult) -> str:
    return _csv(STINT_COLUMNS, [[e.number, e.team, s.driver, time_text(s.start_us),
                                 time_text(s.end_us), seconds_text(s.duration_us)]
                                for e in result.entries for s in e.stints])  # fmt: skip


def pit_stops_csv(result: RaceResult) -> str:
    return _csv(STOP_COLUMNS, [[e.number, e.team, time_text(s.in_us), time_text(s.out_us),
                                seconds_text(s.duration_us), "true" if s.mandatory else "false",
                                s.source] for e, s in all_stops(result.entries)])  # fmt: skip


def clock_s(time_us: int | None) -> str:
    """A time of day to the second (`12:04:40`): the pages' times fit a phone's width; the
    durations beside them keep their milliseconds, the text, CSV and JSON all of it."""
    return "" if time_us is None else clock(time_us)[:8]


def _render(template: str, result: RaceResult, meta: PageMeta | None, **context: Any) -> str:
    heading = race_heading(result)
    return environment().get_template(template).render(
        meta=meta or PageMeta(), result=result, title=heading[0], times=heading[1],
        clock=clock_s, gap_label=gap_label, race_time=race_time, race_status=status_text,
        drivers=drivers, **context)  # fmt: skip


def race_html(
    result: RaceResult, car_class: str | None = None, meta: PageMeta | None = None
) -> str:
    """The classification, penalties, findings, the position chart, every stop and stint."""
    entries = race_entries(result, car_class)
    return _render("race.html", result, meta, entries=entries, car_class=car_class,
                   chart=Markup(position_svg(result)) if car_class is None else "",
                   stops=[pair for pair in all_stops(result.entries)
                          if pair[0] in entries])  # fmt: skip


def stints_html(result: RaceResult, meta: PageMeta | None = None) -> str:
    return _render("race_report.html", result, meta, report="stints")


def pit_stops_html(result: RaceResult, meta: PageMeta | None = None) -> str:
    return _render("race_report.html", result, meta, report="pit-stops",
                   stops=all_stops(result.entries))
