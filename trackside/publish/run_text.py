"""A run session as plain text: the ranking by best counting run, every run of every car with
start, finish, raw time, cones, final time and why it does not count, then what was reported
(orphan trips, duplicates, a second car on a hillclimb course)."""

from __future__ import annotations

from trackside.core.clock import format_local_time
from trackside.core.run_results import RunSessionResult
from trackside.publish.formats import gap_text, lap_time, status_label
from trackside.publish.run_docs import gaps, run_entries
from trackside.publish.text_table import text_table

NO_TIME = "-"


def clock(time_us: int | None) -> str:
    """A time of day as `09:03:12.345`; '' for none."""
    return "" if time_us is None else format_local_time(time_us, digits=3)[11:]


def run_heading(result: RunSessionResult) -> str:
    name = f"{result.session_name} ({result.session_id})" if result.session_name \
        else result.session_id
    kind = "scored session" if result.scored else "unscored session"
    return f"{name} - {result.event_id}, {result.format} ({result.timing} timing), {kind}"


def run_session_text(result: RunSessionResult, car_class: str | None = None) -> str:
    entries = run_entries(result, car_class)
    lines = [run_heading(result)]
    if car_class:
        lines.append(f"Class {car_class}")
    lines.append("")
    if not entries:
        lines.append("No entries.")
        return "\n".join(lines) + "\n"
    rows = []
    for entry, gap in zip(entries, gaps(entries), strict=True):
        best = entry.best_run
        rows.append([
            "" if entry.position is None else str(entry.position), entry.number, entry.driver,
            entry.car_class, entry.group, lap_time(None if best is None else best.time_us, NO_TIME),
            "" if best is None else str(best.run), gap_text(gap), str(len(entry.runs)),
            str(len(entry.counting_runs)), status_label(entry.status),
        ])  # fmt: skip
    headers = ["Pos", "No", "Driver", "Class", "Group", "Best", "Run", "Gap", "Runs", "Counting",
               "Status"]  # fmt: skip
    lines += text_table(headers, rows, {0, 1, 5, 6, 7, 8, 9})
    lines += ["", "Runs", ""]
    lines += run_lines(result, car_class)
    if car_class is None and result.notes:
        lines += ["", "Reported to the operator", ""]
        lines += [f"{clock(note.time_us)}  {note.kind}: {note.text}" for note in result.notes]
    return "\n".join(lines) + "\n"


def run_lines(result: RunSessionResult, car_class: str | None = None) -> list[str]:
    """Every run of every car (`trackside runs`)."""
    rows = []
    for entry in run_entries(result, car_class):
        for run in entry.runs:
            rows.append([
                entry.number, str(run.run), clock(run.start_us), clock(run.finish_us),
                lap_time(run.raw_us, NO_TIME), str(run.cones), lap_time(run.time_us, NO_TIME),
                "yes" if run.valid else "no", run.reason or "",
            ])  # fmt: skip
    if not rows:
        return ["No runs."]
    headers = ["No", "Run", "Start", "Finish", "Raw", "Cones", "Time", "Counts", "Reason"]
    return text_table(headers, rows, {0, 1, 4, 5, 6})


def runs_text(result: RunSessionResult, car_class: str | None = None) -> str:
    """`trackside runs EVENT SESSION`: the heading, every run, what was reported."""
    lines = [run_heading(result), "", *run_lines(result, car_class)]
    if result.orphan_starts or result.orphan_finishes:
        lines += ["", f"Orphan starts: {len(result.orphan_starts)}, "
                      f"orphan finishes: {len(result.orphan_finishes)}"]
    if result.notes:
        lines += ["", "Reported to the operator", ""]
        lines += [f"{clock(note.time_us)}  {note.kind}: {note.text}" for note in result.notes]
    return "\n".join(lines) + "\n"
