"""Entries of an event: one row per car number, upserted by number on re-import."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from trackside.store.schema import entries

ENTRY_COLUMNS = tuple(c.name for c in entries.columns if c.name != "event_id")


def stored_entries(conn: Connection, event_id: str) -> dict[str, dict[str, Any]]:
    """Every entry of the event as column values, by car number."""
    query = select(entries).where(entries.c.event_id == event_id).order_by(entries.c.number)
    rows = conn.execute(query).mappings()
    return {row["number"]: {name: row[name] for name in ENTRY_COLUMNS} for row in rows}


def replace_entries(conn: Connection, event_id: str, rows: list[dict[str, Any]]) -> None:
    """Write these entries, replacing any stored row with the same number.

    Old rows go first so that transponders can move between cars within one import.
    """
    if not rows:
        return
    numbers = [row["number"] for row in rows]
    conn.execute(
        entries.delete().where(entries.c.event_id == event_id, entries.c.number.in_(numbers))
    )
    conn.execute(entries.insert(), [{"event_id": event_id, **row} for row in rows])
