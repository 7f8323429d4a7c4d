"""The registration desk's use cases (issue 15, "Registration desk"; console.md: entries,
transponders, groups are the registrar's): a late entry, a change to an entry's fields, an
entries file uploaded, and the class check. Each write is one transaction and a new version of
the entry by the account (`entries history`, the audit); a refusal stores nothing.

The checks are those of `entries import` (`services/entries.py`): a number or transponder
another car holds is refused, the entry checks (officials.md) are warnings or, with
`entry_checks = "error"`, refusals. Beside them the desk refuses a group the event does not run
and a class that is neither an SCCA class (rules VII) nor one an entry of the event holds.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from sqlalchemy import Connection, Engine

from trackside.classing.entry_class import ClassCheck, check_class, is_scca_class
from trackside.core.entry_checks import CheckedEntry, Problem
from trackside.core.records import EventDef
from trackside.core.results import natural_key
from trackside.errors import InputError
from trackside.services.checks import require_event
from trackside.services.entries import EntriesReport, check_entries, import_entries, listed_entry
from trackside.services.entry_checks import entry_check_problems
from trackside.services.entry_history import change_text
from trackside.store.database import writing
from trackside.store.entries import replace_entries, stored_entries
from trackside.store.entry_versions import entry_versions_of
from trackside.store.facts import event_in
from trackside.store.unknown_transponders import SeenTransponder, unknown_transponders
from trackside.timing.csv_entries import LIMITS

COLUMNS = {"number": "number", "first_name": "first_name", "last_name": "last_name",
           "class": "car_class", "group": "run_group", "transponder": "transponder",
           "member_id": "member_id", "license": "license", "year": "year", "make": "make",
           "model": "model", "trim": "trim"}  # fmt: skip
"""A desk field (the CSV's column name) -> the entries column it sets."""
CAR_DATA = ("tire_width", "treadwear", "drive", "displacement", "weight")
"""The classifier's inputs an entry keeps among its extra columns, as an entries file does,
that the desk may set too (so that the class check can answer): the neutral keys of
`classing/input_names.py`."""
FIELDS = (*COLUMNS, *CAR_DATA)
"""Every field a desk write may set."""
CAR_DATA_LIMIT = 64
REQUIRED = ("number", "first_name", "last_name", "class", "group", "transponder")
SOURCE = "entry"
"""What a refusal names as its source: the entry the desk was given."""


@dataclass(frozen=True, slots=True)
class StoredEntry:
    """An entry as a desk write left it: its fields (the CSV's names), its version, who
    stored it, and the entry checks' findings (warnings)."""

    entry: dict[str, Any]
    version: int
    author: str
    findings: tuple[str, ...]
    changed: bool
    """False when the values given were the entry's already (no new version)."""
    change: str
    """What this write changed, as `entries history` says it."""

    def doc(self) -> dict[str, Any]:
        return {**self.entry, "version": self.version, "author": self.author,
                "change": self.change, "findings": list(self.findings),
                "changed": self.changed}  # fmt: skip


@dataclass(frozen=True, slots=True)
class DeskEntry:
    """One row of the desk: the entry's fields and its findings (`entries check`)."""

    entry: dict[str, Any]
    findings: tuple[Problem, ...]


def desk_entries(engine: Engine, event_id: str) -> list[DeskEntry]:
    """Every entry, in car-number order, with the entry checks' findings on it now."""
    with engine.connect() as conn:
        require_event(conn, event_id)
        stored = stored_entries(conn, event_id)
    problems = check_entries(engine, event_id)
    ordered = sorted(stored.values(), key=lambda values: natural_key(values["number"]))
    return [DeskEntry(listed_entry(v), tuple(p for p in problems if p.number == v["number"]))
            for v in ordered]  # fmt: skip


def known_groups(event: EventDef) -> list[str]:
    """The groups the event runs: its `[[group]]` tables and its sessions' groups."""
    names = [g.name for g in event.groups]
    names += [g for s in event.sessions for g in s.groups if g not in names]
    return list(dict.fromkeys(names))


def add_entry(engine: Engine, event_id: str, given: Mapping[str, Any], author: str
              ) -> StoredEntry:  # fmt: skip
    """A late entry (every field of REQUIRED given): refused when its number or transponder
    is another car's, or its class or group unknown."""
    values = _cleaned(given)
    for name in REQUIRED:
        if not values.get(name):
            raise InputError(f"{name} is required", source=SOURCE, field=name)
    with writing(engine) as conn:
        require_event(conn, event_id)
        stored = stored_entries(conn, event_id)
        number = values["number"]
        if number in stored:
            raise InputError(f"car {number!r} is already entered in event {event_id!r} "
                             f"({_driver(stored[number])})", source=SOURCE, field="number")
        row = _with(values, {"extra": {}})
        return _store(conn, event_id, stored, row, author)


def change_entry(engine: Engine, event_id: str, number: str, given: Mapping[str, Any],
                 author: str) -> StoredEntry:  # fmt: skip
    """Change the fields `given` of car `number`'s entry; the others keep their values."""
    values = _cleaned(given)
    if "number" in values and values["number"] != number:
        raise InputError("the number is the entry's key and cannot be changed here: "
                         "enter the car under its new number", source=SOURCE, field="number")
    for name in REQUIRED:
        if name in given and not values.get(name):
            raise InputError(f"{name} is empty", source=SOURCE, field=name)
    with writing(engine) as conn:
        require_event(conn, event_id)
        stored = stored_entries(conn, event_id)
        if number not in stored:
            raise InputError(f"car {number!r} is not entered in event {event_id!r}",
                             source=SOURCE, field="number")  # fmt: skip
        row = _with(values, stored[number])
        return _store(conn, event_id, stored, row, author)


def _store(conn: Connection, event_id: str, stored: dict[str, dict[str, Any]],
           row: dict[str, Any], author: str) -> StoredEntry:  # fmt: skip
    """Check the entry against the event and the other cars, and store it as a new version.
    With `entry_checks = "error"` a change is refused for a problem it brings, not for one
    the entry had before (the registrar may be fixing it)."""
    event = event_in(conn, event_id)
    number = row["number"]
    _check_known(event, stored, row)
    holder = next((n for n, e in stored.items()
                   if e["transponder"] == row["transponder"] and n != number), None)  # fmt: skip
    if holder is not None:
        raise InputError(f"transponder {row['transponder']!r} already belongs to car "
                         f"{holder!r} in this event", source=SOURCE, field="transponder")
    problems = _problems(conn, event, {**stored, number: row}, number)
    if problems and event.entry_checks == "error":
        had = set(_problems(conn, event, stored, number)) if number in stored else set()
        new = [p for p in problems if p not in had]
        if new:
            raise InputError(new[0].message(), source=SOURCE, field=new[0].field)
    changed = bool(replace_entries(conn, event_id, [row], author))
    version = entry_versions_of(conn, event_id, number)[-1]
    before = listed_entry(stored[number]) if number in stored else None
    after = listed_entry(version.entry)
    return StoredEntry(after, version.version, version.author,
                       tuple(p.message() for p in problems), changed,
                       change_text(before, after))  # fmt: skip


def _problems(conn: Connection, event: EventDef, entries: dict[str, dict[str, Any]],
              number: str) -> list[Problem]:  # fmt: skip
    """Car `number`'s entry check problems among `entries` (officials.md)."""
    ordered = sorted(entries.values(), key=lambda v: natural_key(v["number"]))
    found = entry_check_problems(conn, event, [_checked(v) for v in ordered])
    return [p for p in found if p.number == number]


def _check_known(event: EventDef, stored: dict[str, dict[str, Any]], row: dict[str, Any]
                 ) -> None:  # fmt: skip
    """A new group must be one the event runs; a class an SCCA class or one an entry holds
    (a group or class the entry already had, from its file, is left as it is)."""
    before = stored.get(row["number"])
    groups = known_groups(event)
    moved = before is None or before["run_group"] != row["run_group"]
    if groups and moved and row["run_group"] not in groups:
        raise InputError(f"no group {row['run_group']!r} in event {event.id!r} (groups: "
                         f"{', '.join(groups)})", source=SOURCE, field="group")
    held = {e["car_class"] for e in stored.values()}
    if row["car_class"] not in held and not is_scca_class(row["car_class"]):
        raise InputError(f"unknown class {row['car_class']!r}: neither an SCCA class (rules "
                         f"VII) nor one this event's entries hold ({', '.join(sorted(held))})",
                         source=SOURCE, field="class")  # fmt: skip


def _with(values: dict[str, str], row: dict[str, Any]) -> dict[str, Any]:
    """`row` with the values given: entry columns, and car data among its extra columns."""
    extra = {**(row.get("extra") or {}), **{k: v for k, v in values.items() if k in CAR_DATA}}
    return {**row, **{COLUMNS[k]: v for k, v in values.items() if k in COLUMNS},
            "extra": extra}  # fmt: skip


def _cleaned(given: Mapping[str, Any]) -> dict[str, str]:
    """The fields given, stripped, checked against the desk's fields and the CSV's limits."""
    values = {}
    for name, value in given.items():
        if name not in FIELDS:
            raise InputError(f"unknown field {name!r}; expected {', '.join(FIELDS)}",
                             source=SOURCE, field=name)  # fmt: skip
        text = str(value).strip()
        if name == "number":
            text = text.lstrip("#")
        elif name == "class":
            text = text.upper() if is_scca_class(text) else text
        limit = LIMITS.get(name, CAR_DATA_LIMIT)
        if len(text) > limit:
            raise InputError(f"longer than {limit} characters", source=SOURCE, field=name)
        values[name] = text
    return values


def _checked(values: dict[str, Any]) -> CheckedEntry:
    return CheckedEntry(0, values["number"], values["run_group"], values.get("member_id"),
                        values.get("license"))  # fmt: skip


def _driver(values: dict[str, Any]) -> str:
    return f"{values['first_name']} {values['last_name']}".strip()


def import_uploaded(engine: Engine, event_id: str, name: str, data: bytes, author: str
                    ) -> EntriesReport:  # fmt: skip
    """An entries file sent to the desk, imported as `trackside entries import` does (all or
    nothing; errors and warnings name the file as sent, its line and column)."""
    shown = PurePath(name.replace("\\", "/")).name or "entries.csv"
    with tempfile.TemporaryDirectory(prefix="trackside-upload-") as folder:
        path = Path(folder) / shown
        path.write_bytes(data)
        try:
            report = import_entries(engine, event_id, path, by=author)
        except InputError as err:
            if err.source == str(path):
                err.source = shown
            raise
    prefix = str(path)
    warnings = tuple(shown + w[len(prefix):] if w.startswith(prefix) else w
                     for w in report.warnings)  # fmt: skip
    return EntriesReport(report.added, report.updated, report.unchanged, warnings)


def entry_class_check(engine: Engine, event_id: str, number: str) -> ClassCheck:
    """Car `number`'s car classified (rules VII) beside the class its entry declares."""
    with engine.connect() as conn:
        require_event(conn, event_id)
        values = stored_entries(conn, event_id).get(number)
    if values is None:
        raise InputError(f"car {number!r} is not entered in event {event_id!r}",
                         source=SOURCE, field="number")  # fmt: skip
    car = {**(values["extra"] or {}), **{k: values[k] for k in ("year", "make", "model", "trim")}}
    return check_class(values["car_class"], car)


def unknown_seen(engine: Engine, event_id: str) -> list[SeenTransponder]:
    """The transponders seen on the line that no entry holds, with their passings' count and
    first and last times (the journal's, always current)."""
    with engine.connect() as conn:
        require_event(conn, event_id)
        return unknown_transponders(conn, event_id)
