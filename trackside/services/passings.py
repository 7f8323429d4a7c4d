"""Importing passings files and listing the stored passings (interfaces.md, Passings)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from trackside.core.results import natural_key
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
from trackside.timing.csv_passings import PassingRow, read_passings_csv
from trackside.timing.detect import FORMATS, detect_format
from trackside.timing.p3_passings import read_passings_p3
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
    """Append the file's passings; ones already stored (same identity) are not added again."""
    path = Path(path)
    rows = read_passings_file(path, fmt)
    with writing(engine) as conn:
        event = event_in(conn, event_id)
        for row in rows:
            if row.session_id is not None:
                require_session(event, row.session_id, source=str(path), line=row.line,
                                field="session")
        added = append_passings(conn, event_id, [(r.passing, r.session_id) for r in rows],
                                progress)
        known = entered_transponders(conn, event_id)
    unknown = sorted({r.passing.transponder for r in rows} - known, key=natural_key)
    return PassingsReport(added, len(rows) - added, tuple(unknown))


def read_passings_file(path: Path, fmt: str | None) -> list[PassingRow]:
    """Passings of a file in the given (or detected) format."""
    fmt = fmt or detect_format(path)
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}",
                         source="option --format")
    if fmt == "p3":
        return read_passings_p3(path)
    if fmt == "rmonitor":
        return read_passings_rmonitor(path)
    return read_passings_csv(path)


def list_passings(engine: Engine, event_id: str) -> list[PassingListing]:
    """Every stored passing in time order with the entry number it maps to."""
    with engine.connect() as conn:
        require_event(conn, event_id)
        return passings_with_numbers(conn, event_id)
