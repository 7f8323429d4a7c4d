"""Entry lists: trackside's CSV columns, or a MotorsportReg export with its own column names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from trackside.errors import InputError, shown
from trackside.timing.csv_table import CsvRecord, CsvTable, read_csv_table
from trackside.timing.near_names import nearest

REQUIRED = ("number", "first_name", "last_name", "class", "group", "transponder")
OPTIONAL = ("member_id", "license", "year", "make", "model", "trim", "email", "team")

MSR_ALIASES: dict[str, tuple[str, ...]] = {
    "number": ("car number", "car no", "no", "num", "vehicle number", "car num",
               "assigned number", "number"),
    "first_name": ("first name", "firstname", "first", "driver first name"),
    "last_name": ("last name", "lastname", "last", "driver last name"),
    "class": ("class", "car class", "class name", "vehicle class", "classification"),
    "group": ("group", "run group", "race group", "group name", "run group name"),
    "transponder": ("transponder", "transponder number", "transponder id", "transponder no",
                    "transponder num", "mylaps transponder", "amb transponder"),
    "member_id": ("member id", "member number", "member no", "membership number",
                  "membership id", "club member number", "scca member number", "member"),
    "license": ("license", "license number", "competition license", "licence"),
    "year": ("year", "vehicle year", "car year"),
    "make": ("make", "vehicle make", "car make"),
    "model": ("model", "vehicle model", "car model"),
    "trim": ("trim", "vehicle trim"),
    "email": ("email", "email address", "e mail", "e mail address"),
    "team": ("team", "team name"),
}
"""Column names (normalized: lower case, '#' read as 'number', punctuation as spaces) that mean
the same as trackside's own. MotorsportReg's exports say "Car Number"/"No.", "First Name",
"Run Group", "Member #", "Email", "Vehicle Year" and so on; reports are user-configurable, so
common spellings are accepted."""

_ALIAS_TO_FIELD = {alias: name for name, aliases in MSR_ALIASES.items() for alias in aliases}
_HINT = " (MotorsportReg's names such as 'Car Number', 'First Name', 'Run Group' also work)"
LIMITS = {"number": 16, "transponder": 64, "class": 64, "group": 64, "member_id": 64,
          "license": 64, "year": 8, "first_name": 200, "last_name": 200, "make": 200,
          "model": 200, "trim": 200, "email": 200, "team": 200}
"""The longest value of each column (the database's column sizes; names kept sane)."""
MISSPELT_CUTOFF = 0.75
"""How close (difflib ratio) an unknown column name must be to a known one to be a misspelling."""


@dataclass(frozen=True, slots=True)
class EntriesFile:
    """The entries of a file and the warnings about it (column names that look misspelt)."""

    rows: list[EntryRow]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EntryRow:
    """One entry as the file gives it, with the line it came from."""

    line: int
    number: str
    first_name: str
    last_name: str
    car_class: str
    group: str
    transponder: str
    details: dict[str, str] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)


def canonical_column(name: str) -> str:
    """`Car #` → `number`, `Run Group` → `group`, `first_name` → `first_name`; others as given."""
    words = re.sub(r"[^a-z0-9]+", " ", name.lower().replace("#", " number ")).strip()
    return _ALIAS_TO_FIELD.get(words, name)


def read_entries_csv(path: Path) -> EntriesFile:
    """Every entry of the file; InputError for missing columns or values, or duplicates."""
    table = read_csv_table(path, canonical_column, LIMITS)
    misspelt = misspelt_columns(table)
    table.require(*REQUIRED, hint=_missing_hint(table, misspelt))
    rows = [_entry_row(table, record) for record in table.records]
    _check_unique(table.source, rows, "number", "car number")
    _check_unique(table.source, rows, "transponder", "transponder")
    return EntriesFile(rows, tuple(
        f"{table.source}:1: column {shown(name)}: unknown column, kept as extra data; "
        f"did you mean {known!r}?" for name, known in misspelt.items()
    ))


def misspelt_columns(table: CsvTable) -> dict[str, str]:
    """Unknown columns whose name is close to a known one: {name as in the file: known}."""
    known = set(REQUIRED) | set(OPTIONAL)
    found = {}
    for spelt, column in zip(table.header, table.columns, strict=True):
        if column in known:
            continue
        words = re.sub(r"[^a-z0-9]+", "_", column).strip("_")
        match = nearest(words, known, MISSPELT_CUTOFF)
        if match is not None and match not in table.columns:
            found[spelt] = match
    return found


def _missing_hint(table: CsvTable, misspelt: dict[str, str]) -> str:
    missing = [name for name in REQUIRED if name not in table.columns]
    for spelt, known in misspelt.items():
        if missing and known == missing[0]:
            return f"; column {shown(spelt)} looks like a misspelling of {known!r}"
    return _HINT


def _entry_row(table: CsvTable, record: CsvRecord) -> EntryRow:
    values = record.values
    for name in REQUIRED:
        if not values[name]:
            raise table.error(record, name, "value required")
    known = set(REQUIRED) | set(OPTIONAL)
    return EntryRow(
        line=record.line,
        number=values["number"].lstrip("#"),
        first_name=values["first_name"],
        last_name=values["last_name"],
        car_class=values["class"],
        group=values["group"],
        transponder=values["transponder"],
        details={name: values[name] for name in OPTIONAL if values.get(name)},
        extra={name: value for name, value in values.items() if name not in known and value},
    )


def _check_unique(source: str, rows: list[EntryRow], attribute: str, label: str) -> None:
    seen: dict[str, EntryRow] = {}
    for row in rows:
        value = getattr(row, attribute)
        if value in seen:
            raise InputError(
                f"{label} {value!r} is on line {seen[value].line} and line {row.line}",
                source=source, line=row.line, field=attribute,
            )
        seen[value] = row
