"""Passings from CSV: `time,transponder` and optionally `loop,decoder,passing_number,session`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from trackside.core.records import Passing
from trackside.errors import shown
from trackside.timing.csv_table import CsvRecord, CsvTable, read_csv_table
from trackside.timing.time_text import LOCAL_EXPECTED, OffsetNotAllowed, parse_local

SOURCE = "csv"
TIME_EXPECTED = f"expected {LOCAL_EXPECTED}"
LIMITS = {"time": 40, "transponder": 64, "loop": 32, "decoder": 64, "passing_number": 40,
          "session": 64}
"""The longest value of each column (the database's column sizes)."""
MAX_PASSING_NUMBER = 2**63 - 1
_DIGITS = re.compile(r"[0-9]+")


@dataclass(frozen=True, slots=True)
class PassingRow:
    """A passing with the line it came from and the session the file names (if any)."""

    line: int
    passing: Passing
    session_id: str | None


def read_passings_csv(path: Path) -> list[PassingRow]:
    """Every passing of the file; InputError naming line and field for anything malformed."""
    table = read_csv_table(path, limits=LIMITS)
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
        return parse_local(text)
    except OffsetNotAllowed as err:
        raise table.error(record, "time", f"{err}, got {shown(text)}") from None
    except ValueError:
        raise table.error(record, "time", f"{TIME_EXPECTED}, got {shown(text)}") from None


def _passing_number(table: CsvTable, record: CsvRecord) -> int | None:
    """A whole number of ASCII digits that fits 64 bits (no sign, `_` or other digits)."""
    text = record.values.get("passing_number") or ""
    if not text:
        return None
    if not _DIGITS.fullmatch(text):
        raise table.error(record, "passing_number",
                          f"expected a whole number (digits 0-9), got {shown(text)}")
    number = int(text)
    if number > MAX_PASSING_NUMBER:
        raise table.error(record, "passing_number",
                          f"larger than {MAX_PASSING_NUMBER}, got {shown(text)}")
    return number
