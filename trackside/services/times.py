"""TIME arguments of commands (`--at`), read on the event's date when only a time of day."""

from __future__ import annotations

from typing import TYPE_CHECKING

from trackside.errors import InputError
from trackside.store.facts import event_in
from trackside.timing.time_text import EXPECTED, parse_time

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from trackside.store.sqlite_file import SqliteFile


def parse_time_argument(text: str, event_date: str, name: str = "--at") -> int:
    """Microseconds for a TIME argument; InputError naming the option when malformed."""
    try:
        return parse_time(text, event_date)
    except ValueError:
        raise InputError(f"expected {EXPECTED}, got {text!r}", source=f"option {name}") from None


def event_time(engine: Engine | SqliteFile, event_id: str, text: str, name: str = "--at") -> int:
    """`parse_time_argument` on the stored event's date (InputError if the event is unknown)."""
    with engine.connect() as conn:
        return parse_time_argument(text, event_in(conn, event_id).date, name)
