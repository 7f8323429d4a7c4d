"""Importing and listing entry lists (interfaces.md, Entries)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from trackside.classing.declared import declared_class_warning
from trackside.core.entry_checks import CheckedEntry, Problem
from trackside.core.results import natural_key
from trackside.errors import InputError
from trackside.services.author import author_or_user
from trackside.services.checks import require_event
from trackside.services.entry_checks import enforce_entry_checks, entry_check_problems
from trackside.store.database import writing
from trackside.store.entries import replace_entries, stored_entries
from trackside.store.facts import event_in
from trackside.timing.csv_entries import OPTIONAL, EntryRow, read_entries_csv


@dataclass(frozen=True, slots=True)
class EntriesReport:
    added: int
    updated: int
    unchanged: int
    warnings: tuple[str, ...] = field(default=())
    """Column names that look misspelt, and entries whose declared class disagrees with their
    car (rules VII), one line each."""


def import_entries(
    engine: Engine, event_id: str, path: Path | str, *, by: str | None = None
) -> EntriesReport:
    """Upsert the file's entries by car number, each change a new version of its entry by
    `by` (default the OS user); an identical re-import changes nothing."""
    path = Path(path)
    read = read_entries_csv(path)
    rows = read.rows
    with writing(engine) as conn:
        require_event(conn, event_id)
        stored = stored_entries(conn, event_id)
        _check_transponders(str(path), rows, stored)
        event = event_in(conn, event_id)
        checked = entry_check_problems(conn, event, [_checked(row) for row in rows])
        problems = enforce_entry_checks(event, str(path), checked)
        values = [_column_values(row) for row in rows]
        changed = replace_entries(conn, event_id, values, author_or_user(by))
    added = sum(1 for v in changed if v["number"] not in stored)
    warnings = read.warnings + class_warnings(str(path), rows) + problems
    return EntriesReport(added, len(changed) - added, len(values) - len(changed), warnings)


def check_entries(engine: Engine, event_id: str) -> list[Problem]:
    """The stored entries' problems now (after forms or drivers were recorded since the
    import): line 0, each named by its car number."""
    with engine.connect() as conn:
        require_event(conn, event_id)
        event = event_in(conn, event_id)
        stored = stored_entries(conn, event_id)
        ordered = sorted(stored.values(), key=lambda values: natural_key(values["number"]))
        checked = [CheckedEntry(0, v["number"], v["run_group"], v["member_id"], v["license"])
                   for v in ordered]
        return entry_check_problems(conn, event, checked)


def _checked(row: EntryRow) -> CheckedEntry:
    return CheckedEntry(row.line, row.number, row.group, row.details.get("member_id"),
                        row.details.get("license"))


def class_warnings(source: str, rows: list[EntryRow]) -> tuple[str, ...]:
    """Each entry with enough car data is classified; a declared class that disagrees is a
    warning naming the file, line and car, both classes and the reason."""
    found = []
    for row in rows:
        text = declared_class_warning(row.car_class, {**row.extra, **row.details})
        if text is not None:
            found.append(f"{source}:{row.line}: car {row.number}: {text}")
    return tuple(found)


def _check_transponders(source: str, rows: list[EntryRow], stored: dict[str, dict]) -> None:
    """A transponder may not belong to a car this file leaves as it is in the database."""
    in_file = {row.number for row in rows}
    owner = {e["transponder"]: n for n, e in stored.items() if n not in in_file}
    for row in rows:
        other = owner.get(row.transponder)
        if other is not None:
            raise InputError(
                f"transponder {row.transponder!r} already belongs to car {other!r} in this event",
                source=source, line=row.line, field="transponder",
            )


def _column_values(row: EntryRow) -> dict[str, Any]:
    return {
        "number": row.number,
        "transponder": row.transponder,
        "first_name": row.first_name,
        "last_name": row.last_name,
        "car_class": row.car_class,
        "run_group": row.group,
        **{name: row.details.get(name) for name in OPTIONAL},
        "extra": row.extra,
    }


def list_entries(engine: Engine, event_id: str) -> list[dict[str, Any]]:
    """Every entry with the CSV's column names (`class`, `group`), extras under `extra`, in
    car-number order (7 before 12)."""
    with engine.connect() as conn:
        require_event(conn, event_id)
        stored = stored_entries(conn, event_id)
    ordered = sorted(stored.values(), key=lambda values: natural_key(values["number"]))
    return [listed_entry(values) for values in ordered]


def listed_entry(values: dict[str, Any]) -> dict[str, Any]:
    """An entry's column values under the CSV's names."""
    return {
        "number": values["number"],
        "first_name": values["first_name"],
        "last_name": values["last_name"],
        "class": values["car_class"],
        "group": values["run_group"],
        "transponder": values["transponder"],
        **{name: values[name] for name in OPTIONAL},
        "extra": values["extra"] or {},
    }
