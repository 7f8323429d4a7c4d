"""`trackside results import` (championship.md, "Results scored elsewhere"): creates, or
replaces the results of, a results-only event; one transaction, nothing stored on bad input,
earlier imports kept."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from trackside.errors import InputError, shown
from trackside.services.author import author_or_user
from trackside.store.database import writing
from trackside.store.events import event_exists
from trackside.store.imported_results import append_import, imported_events
from trackside.timing.csv_results import read_results_csv
from trackside.timing.event_file import EVENT_ID


@dataclass(frozen=True, slots=True)
class ResultsReport:
    event_id: str
    rows: int
    replaced: bool


def import_results(
    engine: Engine, event_id: str, path: Path, name: str, date: str, author: str = ""
) -> ResultsReport:
    if not EVENT_ID.match(event_id):
        raise InputError(f"expected letters, digits, '.', '_' or '-' (at most 64), got "
                         f"{shown(event_id)}", source="argument EVENT")  # fmt: skip
    if not name.strip():
        raise InputError("the event needs a name", source="option --name")
    try:
        dt.date.fromisoformat(date)
    except ValueError:
        raise InputError(f"expected YYYY-MM-DD, got {shown(date)}", source="option --date"
                         ) from None  # fmt: skip
    rows = read_results_csv(path)
    with writing(engine) as conn:
        if event_exists(conn, event_id):
            raise InputError(f"event {event_id!r} is scored by trackside: its results come "
                             "from its own facts", source="argument EVENT")  # fmt: skip
        replaced = event_id in imported_events(conn, [event_id])
        append_import(conn, event_id, name.strip(), date, str(path), author_or_user(author),
                      rows)  # fmt: skip
    return ResultsReport(event_id, len(rows), replaced)
