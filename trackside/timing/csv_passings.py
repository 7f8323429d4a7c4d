"""Passings from CSV: `time,transponder` and optionally `loop,decoder,passing_number,session`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from trackside.core.clock import parse_local_time
from trackside.core.records import Passing
from trackside.timing.csv_table import CsvRecord, CsvTable, read_csv_table

SOURCE = "csv"
TIME_EXPECTED = "expected ISO 8601 local time like 2026-05-16T09:03:12.345"


@dataclass(frozen=True, slots=True)
class PassingRow:
    """A passing with the line it came from and the session the file names (if any)."""

    line: int
    passing: Passing
    session_id: str | None


def read_passings_csv(path: Path) -> list[PassingRow]:
    """Every passing of the file; InputError naming line and field for anything malformed."""
    table = read_csv_table(path)
    table.require("time", "transponder")
    return [_passing_row(table, record) for record in table.records]


def _passing_row(table: CsvTable, record: CsvRecord) -> PassingRow:
    values = record.values
    if not values["transponder"]:
        raise table.error(record, "transponder", "value required")
    passing = Passing(
        time_us=_time(table, record),
        transponder=values["transponder"],
        loop=values.get("loop") or None,
        decoder=values.get("decoder") or None,
        passing_number=_passing_number(table, record),
        source=SOURCE,
    )
    return PassingRow(record.line, passing, values.get("session") or None)


def _time(table: CsvTable, record: CsvRecord) -> int:
    text = record.values["time"]
    try:
        if "T" not in text and " " not in text:
            raise ValueError("a date and a time are both needed")
        return parse_local_time(text)
    except ValueError:
        raise table.error(record, "time", f"{TIME_EXPECTED}, got {text!r}") from None


def _passing_number(table: CsvTable, record: CsvRecord) -> int | None:
    text = record.values.get("passing_number") or ""
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        raise table.error(
            record, "passing_number", f"expected a whole number, got {text!r}"
        ) from None
