"""A run session's JSON: the Time Attack session shape with `runs` in place of `laps` and
`best_run_s`, `best_run` in place of `best_lap_s`, `best_lap` (tracksprint.md, "Session
results"), plus the orphan trips and what was reported to the operator."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from trackside.core.results import seconds
from trackside.core.run_results import RunEntryResult, RunSessionResult, ScoredRun
from trackside.publish.flag_rows import result_flag
from trackside.publish.formats import gap_us, time_text
from trackside.publish.ordering import in_class

Doc = dict[str, Any]


def run_entries(result: RunSessionResult, car_class: str | None = None) -> list[RunEntryResult]:
    """The session's entries in result order, filtered to one class when asked."""
    return [e for e in result.entries if in_class(e.car_class, car_class)]


def gaps(entries: Sequence[RunEntryResult]) -> list[int | None]:
    """Each entry's gap to the leader's best run (as displayed, whole milliseconds)."""
    leader: int | None = None
    out: list[int | None] = []
    for entry in entries:
        best = None if entry.best_run is None else entry.best_run.time_us
        if entry.position is None or best is None:
            out.append(None)
        elif leader is None:
            leader = best
            out.append(None)
        else:
            out.append(gap_us(best, leader))
    return out


def run_session_doc(result: RunSessionResult, car_class: str | None = None) -> Doc:
    entries = run_entries(result, car_class)
    whole = car_class is None
    return {
        "event": result.event_id,
        "session": result.session_id,
        "name": result.session_name,
        "scored": result.scored,
        "format": result.format,
        "timing": result.timing,
        "class": car_class,
        "entries": [_entry(e, gap) for e, gap in zip(entries, gaps(entries), strict=True)],
        "orphan_starts": [time_text(t) for t in result.orphan_starts] if whole else [],
        "orphan_finishes": [time_text(t) for t in result.orphan_finishes] if whole else [],
        "notes": [{"time": time_text(n.time_us), "kind": n.kind, "text": n.text}
                  for n in result.notes] if whole else [],  # fmt: skip
        "flags": [result_flag(standing) for standing in result.flags],
    }


def _entry(entry: RunEntryResult, gap: int | None) -> Doc:
    best = entry.best_run
    return {
        "number": entry.number,
        "driver": entry.driver,
        "class": entry.car_class,
        "group": entry.group,
        "status": str(entry.status),
        "position": entry.position,
        "best_run_s": None if best is None else seconds(best.time_us),
        "best_run": None if best is None else best.run,
        "gap_s": seconds(gap),
        "runs": [run_doc(run) for run in entry.runs],
    }


def run_doc(run: ScoredRun) -> Doc:
    return {
        "run": run.run,
        "start": time_text(run.start_us),
        "finish": time_text(run.finish_us),
        "raw_s": seconds(run.raw_us),
        "cones": run.cones,
        "penalty_s": seconds(run.penalty_us),
        "time_s": seconds(run.time_us),
        "valid": run.valid,
        "reason": run.reason,
    }
