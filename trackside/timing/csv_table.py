"""Reading a CSV file with a header row, keeping each record's line number for errors.

A value may not hold a line break (a stray quote would otherwise swallow the rows after it into
one value) and may not be longer than its column allows; both are errors naming the line where
the record started.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from trackside.errors import InputError, shown
from trackside.timing.time_text import EXPECTED, OffsetNotAllowed, parse_time

MAX_VALUE = 1000
"""Characters a value may have unless its column says otherwise."""
MAX_HEADER = 200
"""Characters a column name may have."""


@dataclass(frozen=True, slots=True)
class CsvRecord:
    """One data row: its line in the file and its values by (normalized) column name."""

    line: int
    values: dict[str, str]


@dataclass(frozen=True, slots=True)
class CsvTable:
    source: str
    columns: tuple[str, ...]
    records: tuple[CsvRecord, ...]
    header: tuple[str, ...] = ()
    """The column names as the file spells them (stripped), in order."""

    def require(self, *names: str, hint: str = "") -> None:
        """InputError naming line 1 and the first required column the header lacks."""
        for name in names:
            if name not in self.columns:
                found = ", ".join(self.columns) or "nothing"
                raise InputError(
                    f"missing required column (header has {shown(found)[1:-1]}){hint}",
                    source=self.source, line=1, field=name,
                )

    def error(self, record: CsvRecord, column: str, message: str) -> InputError:
        return InputError(message, source=self.source, line=record.line, field=column)

    def time(self, record: CsvRecord, event_date: str, column: str = "time") -> int:
        """The record's time (ISO 8601 local, or a time of day on `event_date`) in microseconds;
        InputError naming the line and column when malformed or carrying a UTC offset."""
        text = record.values[column]
        try:
            return parse_time(text, event_date)
        except OffsetNotAllowed as err:
            raise self.error(record, column, f"{err}, got {shown(text)}") from None
        except ValueError:
            raise self.error(record, column, f"expected {EXPECTED}, got {shown(text)}") from None


def read_text(path: Path) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with a BOM, else Windows-1252 as spreadsheet
    exports often are."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"cannot read file: {err.strerror}", source=str(path)) from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError("not valid UTF-16 text", source=str(path)) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_csv_table(
    path: Path,
    canonical: Callable[[str], str] | None = None,
    limits: Mapping[str, int] | None = None,
) -> CsvTable:
    """The file's header and its non-blank rows.

    Column names are stripped and lower-cased, then passed through `canonical` (aliases to
    the names trackside uses); when two columns map to one name, the first one gets it.
    `limits` gives the longest value of a column (else `MAX_VALUE`).
    """
    source = str(path)
    rows = _rows(read_text(path), source)
    first = next(rows, None)
    if first is None:
        raise InputError("empty file: expected a header row", source=source, line=1)
    header = [cell.strip() for cell in first[1]]
    for index, name in enumerate(header, start=1):
        _check_value(source, 1, f"column {index}", name, MAX_HEADER)
    columns = _column_names(header, canonical or (lambda name: name))
    records = tuple(_records(rows, columns, source, limits or {}))
    return CsvTable(source, tuple(columns), records, tuple(header))


def _rows(text: str, source: str) -> Iterator[tuple[int, list[str]]]:
    """(line the row starts on, its cells); InputError where the csv module gives up."""
    reader = csv.reader(io.StringIO(text, newline=""))
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            raise InputError(f"unreadable CSV from this line on ({err}; a stray quote?)",
                             source=source, line=start) from None
        yield start, row
        start = reader.line_num + 1


def _column_names(header: list[str], canonical: Callable[[str], str]) -> list[str]:
    columns: list[str] = []
    for name in header:
        clean = name.lower()
        mapped = canonical(clean)
        columns.append(mapped if mapped not in columns else clean)
    return columns


def _records(
    rows: Iterator[tuple[int, list[str]]],
    columns: list[str],
    source: str,
    limits: Mapping[str, int],
) -> Iterator[CsvRecord]:
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(columns):
            raise InputError(f"{len(row)} values but the header names {len(columns)} columns",
                             source=source, line=line)
        values = {col: (row[i].strip() if i < len(row) else "") for i, col in enumerate(columns)}
        for column, value in values.items():
            _check_value(source, line, column, value, limits.get(column, MAX_VALUE))
        yield CsvRecord(line, values)


def _check_value(source: str, line: int, column: str, value: str, limit: int) -> None:
    """InputError for a value holding a line break or longer than `limit` characters."""
    if "\n" in value or "\r" in value:
        raise InputError(f"a quoted value runs over several lines (a stray quote?): "
                         f"{shown(value)}", source=source, line=line, field=column)
    if len(value) > limit:
        raise InputError(f"longer than {limit} characters: {shown(value)}",
                         source=source, line=line, field=column)
