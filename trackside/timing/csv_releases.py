"""The starter's releases from CSV: `time,number` (tracksprint.md, Commands), time as ISO 8601
or a time of day on the event date."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from trackside.errors import shown
from trackside.timing.csv_table import CsvRecord, CsvTable, read_csv_table
from trackside.timing.time_text import EXPECTED, OffsetNotAllowed, parse_time

LIMITS = {"time": 40, "number": 16}


@dataclass(frozen=True, slots=True)
class ReleaseRow:
    line: int
    number: str
    time_us: int


def read_releases_csv(path: Path, event_date: str) -> list[ReleaseRow]:
    """Every release of the file; InputError naming line and field for anything malformed."""
    table = read_csv_table(path, limits=LIMITS)
    table.require("time", "number")
    return [_row(table, record, event_date) for record in table.records]


def _row(table: CsvTable, record: CsvRecord, event_date: str) -> ReleaseRow:
    number = record.values["number"].strip()
    if not number:
        raise table.error(record, "number", "value required")
    text = record.values["time"]
    try:
        time_us = parse_time(text, event_date)
    except OffsetNotAllowed as err:
        raise table.error(record, "time", f"{err}, got {shown(text)}") from None
    except ValueError:
        raise table.error(record, "time", f"expected {EXPECTED}, got {shown(text)}") from None
    return ReleaseRow(record.line, number, time_us)
