"""A team roster from CSV (endurance.md, "Session settings"): `number,first_name,last_name`
and optional `member_id,driver_transponder`, one row per driver of the car, in the order the
team lists them (the first drives at the green)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from trackside.core.records import RosterDriver
from trackside.errors import InputError
from trackside.timing.csv_table import CsvRecord, CsvTable, read_csv_table

REQUIRED = ("number", "first_name", "last_name")
LIMITS = {"number": 16, "member_id": 64, "driver_transponder": 64}


@dataclass(frozen=True, slots=True)
class RosterRow:
    line: int
    driver: RosterDriver


def read_roster_csv(path: Path) -> list[RosterRow]:
    """Every driver of the file; InputError naming line and field for a missing value, a
    driver named twice for one car, or a driver transponder given to two drivers."""
    table = read_csv_table(path, limits=LIMITS)
    table.require(*REQUIRED)
    rows = [RosterRow(record.line, _driver(table, record)) for record in table.records]
    if not rows:
        raise InputError("no drivers: expected one row per driver", source=table.source, line=2)
    _check_unique(table, rows)
    return rows


def _driver(table: CsvTable, record: CsvRecord) -> RosterDriver:
    values = record.values
    for column in REQUIRED:
        if not values[column]:
            raise table.error(record, column, "value required")
    return RosterDriver(values["number"], values["first_name"], values["last_name"],
                        values.get("member_id") or None,
                        values.get("driver_transponder") or None)  # fmt: skip


def _check_unique(table: CsvTable, rows: list[RosterRow]) -> None:
    names: dict[tuple[str, str], int] = {}
    transponders: dict[str, int] = {}
    for row in rows:
        driver = row.driver
        name = (driver.number, driver.name.casefold())
        if name in names:
            raise InputError(f"driver {driver.name!r} is listed twice for car {driver.number} "
                             f"(also line {names[name]})", source=table.source, line=row.line,
                             field="last_name")  # fmt: skip
        names[name] = row.line
        worn = driver.driver_transponder
        if worn is not None:
            if worn in transponders:
                raise InputError(f"driver transponder {worn!r} is also on line "
                                 f"{transponders[worn]}", source=table.source, line=row.line,
                                 field="driver_transponder")  # fmt: skip
            transponders[worn] = row.line
