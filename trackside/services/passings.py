"""Importing passings files and listing the stored passings (interfaces.md, Passings)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from trackside.core.clock import at_time_of_day
from trackside.errors import InputError
from trackside.services.checks import require_event, require_session
from trackside.store.database import writing
from trackside.store.facts import event_in
from trackside.store.journal import append_passings
from trackside.store.passing_entries import (
    PassingListing,
    entered_transponders,
    passings_with_numbers,
)
from trackside.store.passing_identities import passings_by_identity
from trackside.timing.csv_passings import PassingRow, read_passings_csv
from trackside.timing.detect import FORMATS, detect_format
from trackside.timing.p3.plausible import TimeWindow
from trackside.timing.p3_passings import read_passings_p3
from trackside.timing.passing_conflicts import check_file, check_stored, numbered
from trackside.timing.rmonitor_passings import read_passings_rmonitor

Progress = Callable[[int, int], None]
"""Called with (rows written, rows in the file) as an import goes."""


@dataclass(frozen=True, slots=True)
class PassingsReport:
    added: int
    duplicates: int
    unknown_transponders: tuple[str, ...]


def import_passings(
    engine: Engine,
    event_id: str,
    path: Path | str,
    fmt: str | None = None,
    progress: Progress | None = None,
) -> PassingsReport:
    """Append the file's passings; ones already stored (same identity) are not added again.
    One identity that is two different passings (in the file, or file and database) is an
    InputError."""
    path = Path(path)
    with engine.connect() as conn:
        event_start_us = at_time_of_day(event_in(conn, event_id).date, "00:00")
    rows = read_passings_file(path, fmt, event_start_us)
    check_file(str(path), rows)
    with writing(engine) as conn:
        event = event_in(conn, event_id)
        for row in rows:
            if row.session_id is not None:
                require_session(event, row.session_id, source=str(path), line=row.line,
                                field="session")
        stored = passings_by_identity(conn, event_id, [r.passing.identity for r in numbered(rows)])
        check_stored(str(path), rows, stored)
        added = append_passings(conn, event_id, [(r.passing, r.session_id) for r in rows],
                                progress)
        known = entered_transponders(conn, event_id)
    unknown = sorted({r.passing.transponder for r in rows} - known)
    return PassingsReport(added, len(rows) - added, tuple(unknown))


def read_passings_file(
    path: Path, fmt: str | None, event_start_us: int | None = None
) -> list[PassingRow]:
    """Passings of a file in the given (or detected) format; a P3 capture's times must fall
    between 2000 and a week past the event's date or today (``timing/p3/plausible.py``)."""
    fmt = fmt or detect_format(path)
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}",
                         source="option --format")
    if fmt == "p3":
        return read_passings_p3(path, TimeWindow.around_today(event_start_us))
    if fmt == "rmonitor":
        return read_passings_rmonitor(path)
    return read_passings_csv(path)


def list_passings(engine: Engine, event_id: str) -> list[PassingListing]:
    """Every stored passing in time order with the entry number it maps to."""
    with engine.connect() as conn:
        require_event(conn, event_id)
        return passings_with_numbers(conn, event_id)
