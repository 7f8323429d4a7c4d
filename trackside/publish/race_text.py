"""A race session as plain text: the classification (endurance.md, "Classification") with laps,
race time, gap and interval, best lap, stops and drivers; then the penalties that were applied
and what changed a car's place, and the findings for the officials. The stint and pit-stop
reports as text too."""

from __future__ import annotations

from trackside.core.race_results import Gap, RaceEntryResult, RaceResult
from trackside.publish.formats import counted, lap_time
from trackside.publish.race_docs import all_stops, drivers, race_entries
from trackside.publish.run_text import clock
from trackside.publish.text_table import text_table

NO_TIME = "-"
STATUS_TEXT = {"ok": "", "dnf": "DNF", "nc": "NC", "dns": "DNS", "disqualified": "DSQ"}


def race_heading(result: RaceResult) -> list[str]:
    """The title line and the green / finish / checkered line."""
    name = f"{result.session_name} ({result.session_id})" if result.session_name and \
        result.session_name != result.session_id else result.session_id
    part = " - Sprint" if result.part == "sprint" else ""
    title = f"{name}{part} - {result.event_id}, race"
    if result.green_us is None:
        return [title, "Not started (no green flag)."]
    times = [f"Green {clock(result.green_us)}"]
    if result.finish_at_us is not None:
        times.append(f"finish due {clock(result.finish_at_us)}")
    if result.checkered_us is not None:
        times.append(f"checkered {clock(result.checkered_us)}")
    return [title, ", ".join(times)]


def gap_label(gap: Gap | None) -> str:
    """`+1 lap`, `+3 laps`, `+12.345`; '' for none. A car a penalty put behind cars it beat on
    the road has a negative gap to them: `-3 laps`, `-1.234`."""
    if gap is None:
        return ""
    if gap.laps:
        return f"{'+' if gap.laps > 0 else '-'}{counted(abs(gap.laps), 'lap')}"
    if gap.time_us is None:
        return ""
    return f"{'+' if gap.time_us >= 0 else '-'}{lap_time(abs(gap.time_us))}"


def race_time(time_us: int | None, missing: str = "") -> str:
    """A race time as H:MM:SS.mmm from an hour on, else as a lap time (M:SS.mmm)."""
    if time_us is None or time_us < 3_600_000_000:
        return lap_time(time_us, missing)
    hours, rest = divmod(time_us // 1000, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def status_text(status: str) -> str:
    return STATUS_TEXT.get(status, status.upper())


def race_text(result: RaceResult, car_class: str | None = None) -> str:
    entries = race_entries(result, car_class)
    lines = race_heading(result)
    if car_class:
        lines.append(f"Class {car_class}")
    lines.append("")
    if not entries:
        return "\n".join([*lines, "No entries."]) + "\n"
    headers = ["Pos", "No", "Team", "Drivers", "Class", "PIC", "Laps", "Time", "Gap", "Int",
               "Best", "Stops", "Status"]  # fmt: skip
    lines += text_table(headers, [_row(e) for e in entries], {0, 1, 5, 6, 7, 8, 9, 10, 11})
    lines += _penalty_lines(entries)
    lines += _finding_lines(result, entries, car_class is None)
    return "\n".join(lines) + "\n"


def _row(entry: RaceEntryResult) -> list[str]:
    mandatory = "*" if any(stop.mandatory for stop in entry.stops) else ""
    return [
        "" if entry.position is None else str(entry.position), entry.number, entry.team,
        ", ".join(drivers(entry)), entry.car_class,
        "" if entry.class_position is None else str(entry.class_position), str(entry.laps),
        race_time(entry.race_time_us, NO_TIME), gap_label(entry.gap_to_winner),
        gap_label(entry.gap_to_ahead),
        lap_time(None if entry.best_lap is None else entry.best_lap.time_us, NO_TIME),
        f"{len(entry.stops)}{mandatory}", status_text(entry.status),
    ]  # fmt: skip


def _penalty_lines(entries: list[RaceEntryResult]) -> list[str]:
    lines = [f"  #{e.number}  {p.kind} {p.detail}"
             + (f" (decision {p.decision_id})" if p.decision_id is not None else "")
             + ("  changed its place" if p.changed_place else "")
             for e in entries for p in e.penalties]  # fmt: skip
    return ["", "Penalties", *lines] if lines else []


def _finding_lines(result: RaceResult, entries: list[RaceEntryResult], whole: bool) -> list[str]:
    found = [(e.number, f) for e in entries for f in e.findings]
    if whole:
        found += [("", f) for f in result.findings]
    width = max((len(number) for number, _ in found), default=0) + 1
    lines = [f"  {('#' + number) if number else '-':>{width}}  {clock(f.at_us) or '-':>12}  "
             f"{f.kind}: {f.message}" for number, f in found]  # fmt: skip
    return ["", "Findings for the officials (never automatic penalties)", *lines] if lines else []


def stints_text(result: RaceResult) -> str:
    """`report stints`: per team, each stint's driver, start, end and duration; findings."""
    lines = [*race_heading(result), "", "Stints", ""]
    rows = [[e.number, e.team, s.driver, clock(s.start_us), clock(s.end_us),
             lap_time(s.duration_us)] for e in result.entries for s in e.stints]  # fmt: skip
    if rows:
        lines += text_table(["No", "Team", "Driver", "Start", "End", "Duration"], rows, {0, 5})
    else:
        lines.append("No stints.")
    lines += _finding_lines(result, list(result.entries), True)
    return "\n".join(lines) + "\n"


def pit_stops_text(result: RaceResult) -> str:
    """`report pit-stops`: every stop in time order with in, out, duration, mandatory."""
    lines = [*race_heading(result), "", "Pit stops", ""]
    rows = [[e.number, e.team, clock(s.in_us), clock(s.out_us), lap_time(s.duration_us),
             "yes" if s.mandatory else "", s.source] for e, s in all_stops(result.entries)]
    if rows:
        lines += text_table(["No", "Team", "In", "Out", "Duration", "Mandatory", "Source"],
                            rows, {0, 4})  # fmt: skip
    else:
        lines.append("No pit stops.")
    return "\n".join(lines) + "\n"
