"""A run session as CSV (one row per run) and as a self-contained HTML page."""

from __future__ import annotations

import csv
import io
from html import escape

from trackside.core.run_results import RunSessionResult
from trackside.publish.formats import lap_time, seconds_text, status_label, time_text
from trackside.publish.run_docs import gaps, run_entries
from trackside.publish.run_text import clock, run_heading

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


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>"
                   for row in rows)  # fmt: skip
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def run_session_html(result: RunSessionResult, car_class: str | None = None) -> str:
    entries = run_entries(result, car_class)
    ranking = []
    for entry, gap in zip(entries, gaps(entries), strict=True):
        best = entry.best_run
        ranking.append([
            "" if entry.position is None else str(entry.position), entry.number, entry.driver,
            entry.car_class, lap_time(None if best is None else best.time_us),
            "" if best is None else str(best.run), lap_time(gap), status_label(entry.status),
        ])  # fmt: skip
    runs = [[entry.number, str(run.run), clock(run.start_us), clock(run.finish_us),
             lap_time(run.raw_us), str(run.cones), lap_time(run.time_us),
             "yes" if run.valid else "no", run.reason or ""]
            for entry in entries for run in entry.runs]  # fmt: skip
    title = escape(run_heading(result))
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{title}</title></head><body>", f"<h1>{title}</h1>",
        _table(["Pos", "No", "Driver", "Class", "Best", "Run", "Gap", "Status"], ranking),
        "<h2>Runs</h2>",
        _table(["No", "Run", "Start", "Finish", "Raw", "Cones", "Time", "Counts", "Reason"],
               runs),
    ]  # fmt: skip
    if car_class is None and result.notes:
        parts.append("<h2>Reported to the operator</h2><ul>")
        parts += [f"<li>{escape(clock(n.time_us))} {escape(n.text)}</li>" for n in result.notes]
        parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
