"""The registrar's driver file (officials.md, "Drivers"): one row per SCCA member."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from trackside.core.drivers import GRADES, SCCA_ISSUER, Driver, LicenseGrade
from trackside.errors import InputError, shown
from trackside.timing.csv_table import CsvRecord, CsvTable, read_csv_table

REQUIRED = ("member_id", "first_name", "last_name")
OPTIONAL = ("birth_date", "membership", "membership_expires", "license", "license_issuer",
            "license_expires", "email")
DATES = ("birth_date", "membership_expires", "license_expires")
LIMITS = {"member_id": 64, "first_name": 200, "last_name": 200, "membership": 64,
          "license": 16, "license_issuer": 200, "email": 200, **{d: 10 for d in DATES}}


@dataclass(frozen=True, slots=True)
class DriverRow:
    line: int
    driver: Driver


def read_drivers_csv(path: Path) -> list[DriverRow]:
    """Every driver of the file; InputError naming file, line and field for a missing value,
    a malformed date, an unknown license grade, an unknown column or a member twice."""
    table = read_csv_table(path, lambda name: name.replace(" ", "_"), LIMITS)
    table.require(*REQUIRED)
    for index, column in enumerate(table.columns):
        if column not in REQUIRED + OPTIONAL:
            raise InputError(f"unknown column {shown(table.header[index])} (known: "
                             f"{', '.join(REQUIRED + OPTIONAL)})", source=table.source, line=1)
    rows = [DriverRow(record.line, _driver(table, record)) for record in table.records]
    seen: dict[str, int] = {}
    for row in rows:
        if row.driver.member_id in seen:
            raise InputError(f"member {row.driver.member_id!r} is on line "
                             f"{seen[row.driver.member_id]} and line {row.line}",
                             source=table.source, line=row.line, field="member_id")
        seen[row.driver.member_id] = row.line
    return rows


def _driver(table: CsvTable, record: CsvRecord) -> Driver:
    values = {name: record.values.get(name, "") for name in REQUIRED + OPTIONAL}
    for name in REQUIRED:
        if not values[name]:
            raise table.error(record, name, "value required")
    for name in DATES:
        if values[name]:
            values[name] = _date(table, record, name, values[name])
    grade = values["license"].lower()
    if grade and grade not in GRADES:
        raise table.error(record, "license",
                          f"expected one of {', '.join(GRADES)}; got {shown(values['license'])}")
    issuer = values["license_issuer"]
    if issuer.lower() == SCCA_ISSUER or (grade and not issuer):
        issuer = SCCA_ISSUER
    return Driver(
        member_id=values["member_id"], first_name=values["first_name"],
        last_name=values["last_name"], birth_date=values["birth_date"] or None,
        membership=values["membership"] or None,
        membership_expires=values["membership_expires"] or None,
        license=LicenseGrade(grade) if grade else None, license_issuer=issuer or None,
        license_expires=values["license_expires"] or None, email=values["email"] or None,
    )


def _date(table: CsvTable, record: CsvRecord, column: str, text: str) -> str:
    try:
        return dt.date.fromisoformat(text).isoformat() if len(text) == 10 else _bad(text)
    except ValueError:
        raise table.error(record, column,
                          f"expected a date like 2026-05-16, got {shown(text)}") from None


def _bad(text: str) -> str:
    raise ValueError(text)
