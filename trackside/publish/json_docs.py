"""JSON documents exactly as interfaces.md ("Results") fixes them, plus a few added fields."""

from __future__ import annotations

import json
from typing import Any

from trackside.core.grid import Grid, GridRow
from trackside.core.results import (
    EventEntryResult,
    EventResult,
    RoundTime,
    ScoredLap,
    SessionResult,
    UnknownTransponder,
    seconds,
)
from trackside.publish.flag_rows import result_flag
from trackside.publish.ordering import SessionRow, event_entries, session_rows, shows_unknown

Doc = dict[str, Any]


def dumps(doc: Doc) -> str:
    """Pretty, stable JSON text ending in a newline; non-ASCII kept as is."""
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def event_doc(result: EventResult, car_class: str | None = None) -> Doc:
    """`{"event", "generated_at", "provisional", "entries": [...]}` plus name, rounds, class."""
    return {
        "event": result.event_id,
        "name": result.event_name,
        "generated_at": result.generated_at,
        "provisional": result.provisional,
        "class": car_class,
        "rounds": list(result.rounds),
        "entries": [_event_entry(entry) for entry in event_entries(result, car_class)],
    }


def _event_entry(entry: EventEntryResult) -> Doc:
    return {
        "number": entry.number,
        "driver": entry.driver,
        "class": entry.car_class,
        "group": entry.group,
        "status": str(entry.status),
        "position": entry.position,
        "class_position": entry.class_position,
        "award": entry.award,
        "total_s": seconds(entry.total_us),
        "best_lap_s": seconds(entry.best_lap_us),
        "penalty_s": seconds(entry.penalty_us),
        "rounds": [_round(r) for r in entry.rounds],
    }


def _round(round_time: RoundTime) -> Doc:
    return {
        "round": round_time.round,
        "time_s": seconds(round_time.time_us),
        "session": round_time.session,
        "lap": round_time.lap,
    }


def session_doc(result: SessionResult, car_class: str | None = None) -> Doc:
    """`{"event", "session", "entries": [...]}` plus name, scored, class, unknown transponders
    and the session's flags (revoked ones marked)."""
    unknown = result.unknown if shows_unknown(car_class) else ()
    return {
        "event": result.event_id,
        "session": result.session_id,
        "name": result.session_name,
        "scored": result.scored,
        "class": car_class,
        "entries": [_session_entry(row) for row in session_rows(result, car_class)],
        "unknown_transponders": [_unknown(u) for u in unknown],
        "flags": [result_flag(standing) for standing in result.flags],
    }


def _session_entry(row: SessionRow) -> Doc:
    entry, best = row.entry, row.entry.best_lap
    return {
        "number": entry.number,
        "driver": entry.driver,
        "class": entry.car_class,
        "group": entry.group,
        "status": str(entry.status),
        "position": entry.position,
        "best_lap_s": seconds(row.best_us),
        "best_lap": None if best is None else best.lap,
        "gap_s": seconds(row.gap_us),
        "interval_s": seconds(row.interval_us),
        "laps": [_lap(lap) for lap in entry.laps],
    }


def _lap(lap: ScoredLap) -> Doc:
    return {
        "lap": lap.lap,
        "time_s": seconds(lap.time_us),
        "valid": lap.valid,
        "reason": lap.reason,
    }


def _unknown(transponder: UnknownTransponder) -> Doc:
    return {
        "transponder": transponder.transponder,
        "passings": transponder.passings,
        "laps": [_lap(lap) for lap in transponder.laps],
    }


def grid_doc(grid: Grid) -> Doc:
    """`{"event", "session", "grid": [{"position", "number", "driver", "class", "group",
    "best_s", "from_session", "lap"}]}` (tracksprint.md, "Grid") plus the session's name,
    whether it has started and the sessions whose times order it (`previous_sessions`)."""
    return {
        "event": grid.event_id,
        "session": grid.session_id,
        "name": grid.session_name,
        "started": grid.started,
        "previous_sessions": list(grid.previous),
        "grid": [_grid_row(row) for row in grid.rows],
    }


def _grid_row(row: GridRow) -> Doc:
    best = row.best
    return {
        "position": row.position,
        "number": row.number,
        "driver": row.driver,
        "class": row.car_class,
        "group": row.group,
        "best_s": None if best is None else seconds(best.time_us),
        "from_session": None if best is None else best.session_id,
        "lap": None if best is None else best.lap,
    }
