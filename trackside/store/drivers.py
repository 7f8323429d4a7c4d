"""Drivers by member id (officials.md, "Drivers"): the current record in `drivers`, every
change appended to `driver_versions`; minors' forms and officials' license grants appended."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict
from typing import Any

from sqlalchemy import Connection, func, select

from trackside.core.drivers import Driver, LicenseGrade, MinorForms
from trackside.store.journal import now_us
from trackside.store.schema import (
    driver_versions,
    drivers,
    entries,
    entry_versions,
    license_grants,
    minor_forms,
)

DRIVER_COLUMNS = tuple(c.name for c in drivers.columns)


def _values(driver: Driver) -> dict[str, Any]:
    values = asdict(driver)
    values["license"] = None if driver.license is None else str(driver.license)
    return values


def _driver(row: Any) -> Driver:
    values = {name: row[name] for name in DRIVER_COLUMNS}
    if values["license"] is not None:
        values["license"] = LicenseGrade(values["license"])
    return Driver(**values)


def stored_drivers(conn: Connection, member_ids: Iterable[str] | None = None) -> dict[str, Driver]:
    """The drivers (all, or those of `member_ids`) by member id."""
    query = select(drivers)
    if member_ids is not None:
        query = query.where(drivers.c.member_id.in_(sorted(set(member_ids))))
    return {row["member_id"]: _driver(row) for row in conn.execute(query).mappings()}


def any_drivers(conn: Connection) -> bool:
    """Whether any driver is stored (the registrar keeps drivers in trackside)."""
    return conn.execute(select(drivers.c.member_id).limit(1)).first() is not None


def save_drivers(conn: Connection, new: Sequence[Driver], author: str) -> list[Driver]:
    """Write the drivers that differ from the stored ones (replacing by member id) and append
    each as its next version; returns those written."""
    stored = stored_drivers(conn, [d.member_id for d in new])
    changed = [d for d in new if stored.get(d.member_id) != d]
    if not changed:
        return []
    ids = [d.member_id for d in changed]
    conn.execute(drivers.delete().where(drivers.c.member_id.in_(ids)))
    conn.execute(drivers.insert(), [_values(d) for d in changed])
    last = dict(conn.execute(
        select(driver_versions.c.member_id, func.max(driver_versions.c.version))
        .where(driver_versions.c.member_id.in_(ids))
        .group_by(driver_versions.c.member_id)).all())
    recorded = now_us()
    conn.execute(driver_versions.insert(), [
        {"member_id": d.member_id, "version": last.get(d.member_id, 0) + 1, "driver": _values(d),
         "author": author, "recorded_us": recorded} for d in changed])
    return changed


def append_forms(conn: Connection, forms: MinorForms, author: str) -> None:
    conn.execute(minor_forms.insert().values(
        member_id=forms.member_id, year=forms.year, parental_consent=forms.parental_consent,
        minor_ack=forms.minor_ack, unrestricted_license=forms.unrestricted_license,
        author=author, recorded_us=now_us()))


def forms_of(conn: Connection, member_ids: Iterable[str], year: int) -> dict[str, MinorForms]:
    """Each member's forms on file for `year`: every form any record of the year gave."""
    query = select(minor_forms).where(minor_forms.c.member_id.in_(sorted(set(member_ids))),
                                      minor_forms.c.year == year)
    found: dict[str, MinorForms] = {}
    for row in conn.execute(query).mappings():
        was = found.get(row["member_id"], MinorForms(row["member_id"], year))
        found[row["member_id"]] = MinorForms(
            row["member_id"], year, was.parental_consent or row["parental_consent"],
            was.minor_ack or row["minor_ack"],
            was.unrestricted_license or row["unrestricted_license"])
    return found


def append_grant(conn: Connection, member_id: str, grade: LicenseGrade, reason: str,
                 author: str) -> int:
    statement = license_grants.insert().values(
        member_id=member_id, grade=str(grade), reason=reason, author=author,
        recorded_us=now_us()).returning(license_grants.c.id)
    return conn.execute(statement).scalar_one()


def grants_of(conn: Connection, member_id: str) -> list[dict[str, Any]]:
    """The member's license grants in the order made."""
    query = (select(license_grants).where(license_grants.c.member_id == member_id)
             .order_by(license_grants.c.id))
    return [dict(row) for row in conn.execute(query).mappings()]


def member_entries(conn: Connection, member_id: str) -> list[dict[str, Any]]:
    """The member's entries in every event: event id, car number, `license` column and when the
    entry's current version was stored."""
    newest = (select(entry_versions.c.event_id, entry_versions.c.number,
                     func.max(entry_versions.c.recorded_us).label("recorded_us"))
              .group_by(entry_versions.c.event_id, entry_versions.c.number).subquery())
    query = (
        select(entries.c.event_id, entries.c.number, entries.c.license, newest.c.recorded_us)
        .join(newest, (newest.c.event_id == entries.c.event_id)
              & (newest.c.number == entries.c.number), isouter=True)
        .where(entries.c.member_id == member_id)
        .order_by(entries.c.event_id, entries.c.number)
    )
    return [dict(row) for row in conn.execute(query).mappings()]


def license_at(conn: Connection, member_id: str, at_us: int | None) -> LicenseGrade | None:
    """The license on the member's record as it was at `at_us` (the newest version stored by
    then; the current record when none was, or `at_us` is None)."""
    query = select(driver_versions.c.driver).where(driver_versions.c.member_id == member_id)
    if at_us is not None:
        query = query.where(driver_versions.c.recorded_us <= at_us)
    row = conn.execute(query.order_by(driver_versions.c.version.desc()).limit(1)).first()
    if row is None:
        current = stored_drivers(conn, [member_id]).get(member_id)
        return current.license if current is not None else None
    grade = row.driver.get("license")
    return LicenseGrade(grade) if grade else None
