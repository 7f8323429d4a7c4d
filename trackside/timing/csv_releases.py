"""The starter's releases from CSV: `time,number` (tracksprint.md, Commands), time as ISO 8601
or a time of day on the event date."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from trackside.timing.csv_table import CsvRecord, CsvTable, read_csv_table

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
    return ReleaseRow(record.line, number, table.time(record, event_date))
