"""A race session's JSON (endurance.md, "Race JSON"): the spec's fields exactly, plus what the
officials and the public read next to them (interval, drivers, stints, session findings).

Gaps are objects: `{"laps": N, "time_s": null}` when the laps differ, `{"laps": 0, "time_s":
S}` when they do not; null for the winner and for cars without a position. The reports (`report
stints`, `report pit-stops`) are built here too."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from trackside.core.race_results import (
    AppliedPenalty,
    Finding,
    Gap,
    RaceEntryResult,
    RacePart,
    RaceResult,
    RaceSessionResult,
    Stint,
    Stop,
)
from trackside.core.results import seconds
from trackside.publish.flag_rows import result_flag
from trackside.publish.formats import time_text
from trackside.publish.ordering import in_class

Doc = dict[str, Any]


def race_part(result: RaceSessionResult, part: str = RacePart.RACE) -> RaceResult:
    """The race or, for `sprint`, the SprintDuro's Sprint; ValueError when it has none."""
    if part == RacePart.SPRINT:
        if result.sprint is None:
            raise ValueError(f"session {result.session_id!r} has no Sprint part (no sprint_min)")
        return result.sprint
    if part != RacePart.RACE:
        raise ValueError(f"unknown part {part!r}: expected race or sprint")
    return result.race


def race_entries(result: RaceResult, car_class: str | None = None) -> list[RaceEntryResult]:
    """The race's entries in result order, filtered to one class when asked."""
    return [e for e in result.entries if in_class(e.car_class, car_class)]


def drivers(entry: RaceEntryResult) -> list[str]:
    """Who drove the car, in the order they first took it (the entry's driver with no stint)."""
    names = list(dict.fromkeys(stint.driver for stint in entry.stints))
    return names or [entry.driver]


def race_doc(result: RaceResult, car_class: str | None = None) -> Doc:
    whole = car_class is None
    return {
        "event": result.event_id,
        "session": result.session_id,
        "name": result.session_name,
        "part": str(result.part),
        "green": time_text(result.green_us),
        "finish_at": time_text(result.finish_at_us),
        "checkered": time_text(result.checkered_us),
        "class": car_class,
        "entries": [entry_doc(e) for e in race_entries(result, car_class)],
        "findings": [finding_doc(f) for f in result.findings] if whole else [],
        "flags": [result_flag(standing) for standing in result.flags],
    }


def entry_doc(entry: RaceEntryResult) -> Doc:
    best = entry.best_lap
    return {
        "number": entry.number,
        "team": entry.team,
        "class": entry.car_class,
        "status": str(entry.status),
        "position": entry.position,
        "class_position": entry.class_position,
        "laps": entry.laps,
        "race_time_s": seconds(entry.race_time_us),
        "gap": gap_doc(entry.gap_to_winner),
        "interval": gap_doc(entry.gap_to_ahead),
        "best_lap_s": None if best is None else seconds(best.time_us),
        "best_lap": None if best is None else best.lap,
        "driver": entry.driver,
        "drivers": drivers(entry),
        "in_pit": entry.in_pit,
        "stops": [stop_doc(stop) for stop in entry.stops],
        "stints": [stint_doc(stint) for stint in entry.stints],
        "penalties": [penalty_doc(p) for p in entry.penalties],
        "findings": [finding_doc(f) for f in entry.findings],
    }


def gap_doc(gap: Gap | None) -> Doc | None:
    if gap is None:
        return None
    return {"laps": gap.laps, "time_s": seconds(gap.time_us) if gap.laps == 0 else None}


def stop_doc(stop: Stop) -> Doc:
    return {"in": time_text(stop.in_us), "out": time_text(stop.out_us),
            "duration_s": seconds(stop.duration_us), "mandatory": stop.mandatory,
            "source": stop.source}  # fmt: skip


def stint_doc(stint: Stint) -> Doc:
    return {"driver": stint.driver, "start": time_text(stint.start_us),
            "end": time_text(stint.end_us), "duration_s": seconds(stint.duration_us)}


def penalty_doc(penalty: AppliedPenalty) -> Doc:
    return {"decision": penalty.decision_id, "kind": penalty.kind, "detail": penalty.detail,
            "changed_place": penalty.changed_place}  # fmt: skip


def finding_doc(finding: Finding) -> Doc:
    return {"kind": finding.kind, "message": finding.message, "at": time_text(finding.at_us)}


# --- reports ---------------------------------------------------------------------------------


def stints_doc(result: RaceResult) -> Doc:
    """`report stints`: each team's stints with driver, start, end, duration, and the findings
    for the officials (long stints, short rests, solo drivers)."""
    return {
        "event": result.event_id,
        "session": result.session_id,
        "report": "stints",
        "teams": [{"number": e.number, "team": e.team, "class": e.car_class,
                   "stints": [stint_doc(s) for s in e.stints],
                   "findings": [finding_doc(f) for f in e.findings]}
                  for e in result.entries],
    }  # fmt: skip


def pit_stops_doc(result: RaceResult) -> Doc:
    """`report pit-stops`: every stop of every car in time order, which served the mandatory
    stop, and the cars that have not served it."""
    return {
        "event": result.event_id,
        "session": result.session_id,
        "report": "pit-stops",
        "stops": [{"number": e.number, "team": e.team, **stop_doc(s)}
                  for e, s in all_stops(result.entries)],
    }  # fmt: skip


def all_stops(entries: Sequence[RaceEntryResult]) -> list[tuple[RaceEntryResult, Stop]]:
    """Every car's stops, in the order they began (then car number order as listed)."""
    stops = [(entry, stop) for entry in entries for stop in entry.stops]
    return sorted(stops, key=lambda pair: pair[1].in_us)
