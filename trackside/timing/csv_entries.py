"""Entry lists: trackside's CSV columns, or a MotorsportReg export with its own column names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from trackside.errors import InputError
from trackside.timing.csv_table import CsvRecord, CsvTable, read_csv_table

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


def read_entries_csv(path: Path) -> list[EntryRow]:
    """Every entry of the file; InputError for missing columns or values, or duplicates."""
    table = read_csv_table(path, canonical_column)
    table.require(*REQUIRED, hint=_HINT)
    rows = [_entry_row(table, record) for record in table.records]
    _check_unique(table.source, rows, "number", "car number")
    _check_unique(table.source, rows, "transponder", "transponder")
    return rows


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
