"""The history of entries: each state of a car number's entry, with who stored it and when.

Rows are only ever inserted; `entries` holds the newest state of each entry."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, select

from trackside.store.schema import entry_versions


@dataclass(frozen=True, slots=True)
class EntryVersion:
    event_id: str
    number: str
    version: int
    entry: dict[str, Any]
    """The `entries` column values of this version."""
    author: str
    recorded_us: int


def append_entry_versions(
    conn: Connection,
    event_id: str,
    rows: Sequence[dict[str, Any]],
    author: str,
    recorded_us: int,
) -> None:
    """Record each entry's column values as the next version of its car number."""
    if not rows:
        return
    last = _last_versions(conn, event_id)
    conn.execute(entry_versions.insert(), [
        {"event_id": event_id, "number": row["number"], "version": last.get(row["number"], 0) + 1,
         "entry": dict(row), "author": author, "recorded_us": recorded_us}
        for row in rows
    ])


def _last_versions(conn: Connection, event_id: str) -> dict[str, int]:
    query = (select(entry_versions.c.number, func.max(entry_versions.c.version))
             .where(entry_versions.c.event_id == event_id)
             .group_by(entry_versions.c.number))
    return dict(conn.execute(query).all())  # type: ignore[arg-type]


def entry_versions_of(
    conn: Connection, event_id: str, number: str | None = None
) -> list[EntryVersion]:
    """Every version of the event's entries (or of one car number's), by number then version."""
    query = select(entry_versions).where(entry_versions.c.event_id == event_id)
    if number is not None:
        query = query.where(entry_versions.c.number == number)
    query = query.order_by(entry_versions.c.number, entry_versions.c.version)
    return [
        EntryVersion(row["event_id"], row["number"], row["version"], row["entry"],
                     row["author"], row["recorded_us"])
        for row in conn.execute(query).mappings()
    ]
