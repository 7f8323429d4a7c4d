"""The demo day as files in the formats of `spec/interfaces.md`: event TOML, entries, passings,
flags, and the officials' decisions as `penalty add` arguments (for people, not imported)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from trackside.core.clock import format_local_time
from trackside.core.records import Flag, Passing

from .hillclimb import CONE_PENALTY_S as HILL_CONE_S
from .hillclimb import FINISH_LOOP, START_LOOP, HillClimb
from .schedule import SessionPlan
from .sprint import CONE_PENALTY_S, ROUND, Sprint

PASSING_COLUMNS = ("time", "transponder", "loop", "decoder", "passing_number")
FLAG_COLUMNS = ("session", "state", "time")
PENALTY_COLUMNS = ("number", "kind", "session", "lap", "at", "seconds", "reason", "by")
RELEASE_COLUMNS = ("time", "number")
LIGHTS_COLUMNS = ("time", "channel")


@dataclass(frozen=True, slots=True)
class EventMeta:
    id: str
    name: str
    date: str
    track: str
    length_m: int
    min_lap_s: float
    awards_per_class: int


@dataclass(frozen=True, slots=True)
class EventFiles:
    """Where `GeneratedEvent.write` put each file."""

    event: Path
    entries: Path
    passings: Path
    flags: Path
    penalties: Path
    releases: Path | None = None
    """The TrackSprint session's releases (`time,number`), when the day has one."""
    lights: Path | None = None
    """Its timing-light trips (`time,channel`, the `csv` lights protocol)."""
    hillclimb: Path | None = None
    """The HillClimb session's loop passings (the hill's decoder), when the day has one."""


def event_toml(
    meta: EventMeta, plans: list[SessionPlan], sprint: Sprint | None = None,
    hill: HillClimb | None = None,
) -> str:
    """The event file: event, track, every session and the rounds (Time Attack, then the
    TrackSprint's when the day has one; the HillClimb is in no round)."""
    lines = [
        "[event]",
        f"id = {toml_string(meta.id)}",
        f"name = {toml_string(meta.name)}",
        f"date = {toml_string(meta.date)}",
        "days = 1",
        'ruleset = "scca-tt"',
        'scoring = "rounds"',
        f"min_lap_s = {meta.min_lap_s:.1f}",
        f"awards_per_class = {meta.awards_per_class}",
        "",
        "[track]",
        f"name = {toml_string(meta.track)}",
        f"length_m = {meta.length_m}",
        'start_finish_loop = "SF"',
    ]
    for plan in plans:
        lines += ["", *_session_table(plan)]
    if sprint is not None:
        lines += ["", *_sprint_table(sprint)]
    if hill is not None:
        lines += ["", *_hill_table(hill)]
    rounds = _rounds(plans)
    if sprint is not None:
        rounds[ROUND] = [sprint.session_id]
    for name, sessions in rounds.items():
        lines += ["", "[[round]]", f"name = {toml_string(name)}",
                  f"sessions = {toml_list(sessions)}"]
    return "\n".join(lines) + "\n"


def _session_table(plan: SessionPlan) -> list[str]:
    return [
        "[[session]]",
        f"id = {toml_string(plan.id)}",
        f"name = {toml_string(plan.name)}",
        f'format = "{"time-attack" if plan.scored else "practice"}"',
        f"scored = {'true' if plan.scored else 'false'}",
        f"groups = {toml_list([plan.group])}",
        f"start = {toml_string(plan.schedule_start())}",
        f"duration_min = {plan.duration_min}",
    ]


def _sprint_table(sprint: Sprint) -> list[str]:
    return [
        "[[session]]",
        f"id = {toml_string(sprint.session_id)}",
        f"name = {toml_string(sprint.name)}",
        'format = "tracksprint"',
        "scored = true",
        f"groups = {toml_list(sprint.groups)}",
        'timing = "lights"',
        f"cone_penalty_s = {CONE_PENALTY_S:.1f}",
        f"start = {toml_string(sprint.schedule_start())}",
        f"duration_min = {sprint.duration_min}",
    ]


def _hill_table(hill: HillClimb) -> list[str]:
    return [
        "[[session]]",
        f"id = {toml_string(hill.session_id)}",
        f"name = {toml_string(hill.name)}",
        'format = "hillclimb"',
        "scored = true",
        f"groups = {toml_list(hill.groups)}",
        'timing = "loops"',
        f"start_loop = {toml_string(START_LOOP)}",
        f"finish_loop = {toml_string(FINISH_LOOP)}",
        f"cone_penalty_s = {HILL_CONE_S:.1f}",
        f"start = {toml_string(hill.schedule_start())}",
        f"duration_min = {hill.duration_min}",
    ]


def _rounds(plans: list[SessionPlan]) -> dict[str, list[str]]:
    rounds: dict[str, list[str]] = {}
    for plan in plans:
        if plan.round is not None:
            rounds.setdefault(plan.round, []).append(plan.id)
    return rounds


def toml_string(text: str) -> str:
    """A TOML basic string (JSON string escapes are valid TOML)."""
    return json.dumps(text, ensure_ascii=False)


def toml_list(items: Iterable[str]) -> str:
    return "[" + ", ".join(toml_string(i) for i in items) + "]"


def passing_rows(passings: Iterable[Passing]) -> Iterable[list[str]]:
    for p in passings:
        number = "" if p.passing_number is None else str(p.passing_number)
        yield [format_local_time(p.time_us), p.transponder, p.loop or "", p.decoder or "", number]


def flag_rows(flags: Iterable[Flag]) -> Iterable[list[str]]:
    for flag in flags:
        yield [flag.session_id, str(flag.state), format_local_time(flag.time_us)]


def penalty_rows(penalties: Iterable[dict[str, object]]) -> Iterable[list[str]]:
    for p in penalties:
        at = p.get("at_us")
        yield [
            str(p["number"]), str(p["kind"]), str(p.get("session_id") or ""),
            str(p.get("lap") or ""), format_local_time(at) if isinstance(at, int) else "",
            str(p.get("seconds") or ""), str(p.get("reason") or ""), str(p.get("author") or ""),
        ]


def timed_rows(rows: Iterable[tuple[int, str]]) -> Iterable[list[str]]:
    """`(time, value)` rows with the time as ISO local time (releases, light trips)."""
    for time_us, value in rows:
        yield [format_local_time(time_us), value]


def write_csv(path: Path, header: Iterable[str], rows: Iterable[Iterable[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_entries(path: Path, entries: list[dict[str, str]]) -> Path:
    header = list(entries[0]) if entries else ["number", "first_name", "last_name", "class",
                                               "group", "transponder"]
    return write_csv(path, header, ([row.get(c, "") for c in header] for row in entries))
