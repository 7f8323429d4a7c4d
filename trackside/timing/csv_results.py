"""Results scored elsewhere (championship.md, "Results scored elsewhere"): a CSV of class
results read into checked rows. Each class's positions run 1, 2, 3... with no skip or repeat;
only `ok` entries have one. Errors name the file, line and column."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from trackside.errors import InputError, shown
from trackside.timing.csv_table import CsvRecord, CsvTable, read_csv_table

REQUIRED = ("number", "first_name", "last_name", "class", "status", "class_position")
OPTIONAL = ("member_id", "team", "position", "total_s", "best_lap_s")
STATUSES = ("ok", "no-time", "excluded", "disqualified")
LIMITS = {"number": 16, "class": 64, "member_id": 64, "first_name": 200, "last_name": 200,
          "team": 200}  # fmt: skip
_SECONDS = re.compile(r"^(?:(\d+):)?(\d+(?:\.\d+)?)$")


@dataclass(frozen=True, slots=True)
class ResultRow:
    line: int
    number: str
    first_name: str
    last_name: str
    car_class: str
    status: str
    class_position: int | None
    position: int | None = None
    member_id: str | None = None
    team: str | None = None
    total_us: int | None = None
    best_lap_us: int | None = None


def read_results_csv(path: Path) -> tuple[ResultRow, ...]:
    """The file's rows, checked; InputError naming the file, line and field at fault."""
    table = read_csv_table(path, limits=LIMITS)
    table.require(*REQUIRED)
    rows = tuple(_row(table, record) for record in table.records)
    if not rows:
        raise InputError("no results: expected a row per entry", source=table.source, line=2)
    _check_numbers(table, rows)
    _check_positions(table, rows)
    return rows


def _row(table: CsvTable, record: CsvRecord) -> ResultRow:
    values = record.values
    for name in ("number", "class", "status"):
        if not values[name]:
            raise table.error(record, name, "required value is empty")
    if not (values["first_name"] or values["last_name"]):
        raise table.error(record, "last_name", "a driver needs a first or last name")
    status = values["status"].lower()
    if status not in STATUSES:
        raise table.error(record, "status",
                          f"expected one of {', '.join(STATUSES)}, got {shown(values['status'])}")
    class_position = _whole(table, record, "class_position")
    if status == "ok" and class_position is None:
        raise table.error(record, "class_position", "an entry with status ok needs one")
    if status != "ok" and class_position is not None:
        raise table.error(record, "class_position",
                          f"only status ok has a class position (status is {status})")
    return ResultRow(
        record.line, values["number"], values["first_name"], values["last_name"],
        values["class"], status, class_position, _whole(table, record, "position"),
        values.get("member_id") or None, values.get("team") or None,
        _micros(table, record, "total_s"), _micros(table, record, "best_lap_s"),
    )  # fmt: skip


def _whole(table: CsvTable, record: CsvRecord, column: str) -> int | None:
    text = record.values.get(column, "")
    if not text:
        return None
    if not text.isdigit() or int(text) < 1:
        raise table.error(record, column, f"expected a whole number >= 1, got {shown(text)}")
    return int(text)


def _micros(table: CsvTable, record: CsvRecord, column: str) -> int | None:
    """Seconds (`83.456`) or minutes and seconds (`1:23.456`) in microseconds."""
    text = record.values.get(column, "")
    if not text:
        return None
    match = _SECONDS.match(text)
    try:
        if match is None:
            raise InvalidOperation
        seconds = Decimal(match.group(2)) + 60 * int(match.group(1) or 0)
    except InvalidOperation:
        raise table.error(record, column,
                          f"expected seconds (83.456 or 1:23.456), got {shown(text)}") from None
    return int(seconds * 1_000_000)


def _check_numbers(table: CsvTable, rows: tuple[ResultRow, ...]) -> None:
    seen: dict[str, int] = {}
    for row in rows:
        if row.number in seen:
            raise InputError(f"car {row.number} is already on line {seen[row.number]}",
                             source=table.source, line=row.line, field="number")
        seen[row.number] = row.line


def _check_positions(table: CsvTable, rows: tuple[ResultRow, ...]) -> None:
    """Each class's positions are 1..k: the first row (in position order) that skips or
    repeats one is named."""
    by_class: dict[str, list[ResultRow]] = defaultdict(list)
    for row in rows:
        if row.class_position is not None:
            by_class[row.car_class].append(row)
    problems = []
    for car_class, ranked in by_class.items():
        ranked.sort(key=lambda r: (r.class_position, r.line))
        for expected, row in enumerate(ranked, start=1):
            if row.class_position != expected:
                repeated = row.class_position == expected - 1
                what = "repeats" if repeated else "skips"
                problems.append((row.line, f"class {car_class}: position {row.class_position} "
                                 f"{what} (expected {expected})"))  # fmt: skip
                break
    if problems:
        line, message = min(problems)
        raise InputError(message, source=table.source, line=line, field="class_position")
