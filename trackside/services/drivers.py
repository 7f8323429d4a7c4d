"""Drivers and minors' forms (officials.md, "Drivers", "Minors"): each import one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from trackside.core.drivers import Driver, MinorForms
from trackside.errors import InputError
from trackside.services.author import author_or_user
from trackside.store.database import writing
from trackside.store.drivers import append_forms, save_drivers, stored_drivers
from trackside.timing.csv_drivers import read_drivers_csv


@dataclass(frozen=True, slots=True)
class DriversReport:
    added: int
    updated: int
    unchanged: int


def import_drivers(engine: Engine, path: Path | str, *, by: str | None = None) -> DriversReport:
    """Upsert the file's drivers by member id (a re-import updates them); the whole file is
    checked before anything is written."""
    rows = read_drivers_csv(Path(path))
    new = [row.driver for row in rows]
    with writing(engine) as conn:
        before = stored_drivers(conn, [d.member_id for d in new])
        changed = save_drivers(conn, new, author_or_user(by))
    added = sum(1 for d in changed if d.member_id not in before)
    return DriversReport(added, len(changed) - added, len(new) - len(changed))


def require_driver(engine: Engine, member_id: str) -> Driver:
    with engine.connect() as conn:
        found = stored_drivers(conn, [member_id]).get(member_id)
    if found is None:
        raise unknown_driver(member_id)
    return found


def unknown_driver(member_id: str) -> InputError:
    return InputError(f"no driver with member id {member_id!r} (import them with "
                      "`trackside drivers import FILE.csv`)", source="argument MEMBER_ID")


def record_forms(engine: Engine, forms: MinorForms, *, by: str | None = None) -> MinorForms:
    """Record the minor's forms received for `forms.year` (SCCA TT II.2)."""
    if not (forms.parental_consent or forms.minor_ack or forms.unrestricted_license):
        raise InputError("name the forms received: --parental-consent, --minor-ack, "
                         "--unrestricted-license", source="options")
    if not 1900 <= forms.year <= 9999:
        raise InputError(f"expected a year like 2026, got {forms.year}", source="option --year")
    with writing(engine) as conn:
        if forms.member_id not in stored_drivers(conn, [forms.member_id]):
            raise unknown_driver(forms.member_id)
        append_forms(conn, forms, author_or_user(by))
    return forms
