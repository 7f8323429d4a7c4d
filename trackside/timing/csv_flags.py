"""Flags from CSV: `session,state,time` (time as ISO 8601 or a time of day on the event date)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from trackside.core.records import FlagState
from trackside.errors import shown
from trackside.timing.csv_table import CsvRecord, CsvTable, read_csv_table

STATES = ", ".join(FlagState)
LIMITS = {"session": 64, "state": 16, "time": 40}


@dataclass(frozen=True, slots=True)
class FlagRow:
    line: int
    session_id: str
    state: FlagState
    time_us: int


def read_flags_csv(path: Path, event_date: str) -> list[FlagRow]:
    """Every flag of the file; InputError naming line and field for anything malformed."""
    table = read_csv_table(path, limits=LIMITS)
    table.require("session", "state", "time")
    return [_flag_row(table, record, event_date) for record in table.records]


def _flag_row(table: CsvTable, record: CsvRecord, event_date: str) -> FlagRow:
    values = record.values
    if not values["session"]:
        raise table.error(record, "session", "value required")
    state = values["state"].lower()
    if state not in {s.value for s in FlagState}:
        raise table.error(record, "state",
                          f"expected one of {STATES}; got {shown(values['state'])}")
    time_us = table.time(record, event_date)
    return FlagRow(record.line, values["session"], FlagState(state), time_us)


