"""A run session as CSV (one row per run) and as an HTML page of the results site."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from trackside.core.run_results import RunEntryResult, RunSessionResult
from trackside.publish.formats import seconds_text, time_text
from trackside.publish.html import PageMeta, environment
from trackside.publish.run_docs import gaps, run_entries
from trackside.publish.run_text import clock

RUN_COLUMNS = ("number", "driver", "class", "group", "status", "position", "run", "start",
               "finish", "raw_s", "cones", "penalty_s", "time_s", "valid", "reason")  # fmt: skip


def run_session_csv(result: RunSessionResult, car_class: str | None = None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(RUN_COLUMNS)
    for entry in run_entries(result, car_class):
        for run in entry.runs:
            writer.writerow([
                entry.number, entry.driver, entry.car_class, entry.group, str(entry.status),
                "" if entry.position is None else entry.position, run.run,
                time_text(run.start_us), time_text(run.finish_us) or "",
                seconds_text(run.raw_us), run.cones, seconds_text(run.penalty_us),
                seconds_text(run.time_us), "true" if run.valid else "false", run.reason or "",
            ])  # fmt: skip
    return buffer.getvalue()


@dataclass(frozen=True, slots=True)
class RankRow:
    entry: RunEntryResult
    gap_us: int | None


KINDS = {"tracksprint": "TrackSprint", "hillclimb": "HillClimb"}


def run_session_html(
    result: RunSessionResult, car_class: str | None = None, meta: PageMeta | None = None
) -> str:
    """The run session page in the results site's template, phone first (412 px): the ranking
    by best counting run, then every run with start, finish, cones, final time and, when it does
    not count, why (tracksprint.md, "Session results"); what was reported to the operator."""
    entries = run_entries(result, car_class)
    ranking = [RankRow(e, gap) for e, gap in zip(entries, gaps(entries), strict=True)]
    runs = [(entry, run) for entry in entries for run in entry.runs]
    notes = result.notes if car_class is None else ()
    return environment().get_template("run_session.html").render(
        meta=meta or PageMeta(), result=result, car_class=car_class, ranking=ranking, runs=runs,
        notes=notes, clock=clock, kind=KINDS.get(result.format, result.format),
    )
