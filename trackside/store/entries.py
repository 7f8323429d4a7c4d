"""Entries of an event: one row per car number, upserted by number on re-import; each change
is appended to the entry's history (`entry_versions`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select

from trackside.store.entry_versions import append_entry_versions
from trackside.store.journal import now_us
from trackside.store.schema import entries

ENTRY_COLUMNS = tuple(c.name for c in entries.columns if c.name != "event_id")


def stored_entries(conn: Connection, event_id: str) -> dict[str, dict[str, Any]]:
    """Every entry of the event as column values, by car number."""
    query = select(entries).where(entries.c.event_id == event_id).order_by(entries.c.number)
    rows = conn.execute(query).mappings()
    return {row["number"]: {name: row[name] for name in ENTRY_COLUMNS} for row in rows}


def count_entries(conn: Connection, event_id: str) -> int:
    query = select(func.count()).select_from(entries).where(entries.c.event_id == event_id)
    return conn.execute(query).scalar_one()


def replace_entries(
    conn: Connection, event_id: str, rows: list[dict[str, Any]], author: str
) -> list[dict[str, Any]]:
    """Write the entries that differ from the stored ones (a row may leave out optional
    columns), replacing any row with the same number, and append them to the history by
    `author`; returns them with every column.

    Old rows go first so that transponders can move between cars within one import.
    """
    stored = stored_entries(conn, event_id)
    changed = [r for r in map(_all_columns, rows) if stored.get(r["number"]) != r]
    if not changed:
        return []
    numbers = [row["number"] for row in changed]
    conn.execute(
        entries.delete().where(entries.c.event_id == event_id, entries.c.number.in_(numbers))
    )
    conn.execute(entries.insert(), [{"event_id": event_id, **row} for row in changed])
    append_entry_versions(conn, event_id, changed, author, now_us())
    return changed


def _all_columns(row: dict[str, Any]) -> dict[str, Any]:
    return {**{name: row.get(name) for name in ENTRY_COLUMNS}, "extra": row.get("extra") or {}}
