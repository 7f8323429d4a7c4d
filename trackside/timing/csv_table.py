"""Reading a CSV file with a header row, keeping each record's line number for errors."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from trackside.errors import InputError


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

    def require(self, *names: str, hint: str = "") -> None:
        """InputError naming line 1 and the first required column the header lacks."""
        for name in names:
            if name not in self.columns:
                found = ", ".join(self.columns) or "nothing"
                raise InputError(
                    f"missing required column (header has {found}){hint}",
                    source=self.source, line=1, field=name,
                )

    def error(self, record: CsvRecord, column: str, message: str) -> InputError:
        return InputError(message, source=self.source, line=record.line, field=column)


def read_text(path: Path) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 as spreadsheet exports often are."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"cannot read file: {err.strerror}", source=str(path)) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_csv_table(path: Path, canonical: Callable[[str], str] | None = None) -> CsvTable:
    """The file's header and its non-blank rows.

    Column names are stripped and lower-cased, then passed through `canonical` (aliases to
    the names trackside uses); when two columns map to one name, the first one gets it.
    """
    source = str(path)
    reader = csv.reader(io.StringIO(read_text(path), newline=""))
    header = next(reader, None)
    if header is None:
        raise InputError("empty file: expected a header row", source=source, line=1)
    columns = _column_names(header, canonical or (lambda name: name))
    return CsvTable(source, tuple(columns), tuple(_records(reader, columns, source)))


def _column_names(header: list[str], canonical: Callable[[str], str]) -> list[str]:
    columns: list[str] = []
    for name in header:
        clean = name.strip().lower()
        mapped = canonical(clean)
        columns.append(mapped if mapped not in columns else clean)
    return columns


def _records(reader: Iterator[list[str]], columns: list[str], source: str) -> Iterator[CsvRecord]:
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(columns):
            raise InputError(
                f"{len(row)} values but the header names {len(columns)} columns",
                source=source, line=reader.line_num,  # type: ignore[attr-defined]
            )
        values = {col: (row[i].strip() if i < len(row) else "") for i, col in enumerate(columns)}
        yield CsvRecord(reader.line_num, values)  # type: ignore[attr-defined]
