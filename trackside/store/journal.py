"""Appending facts. Rows of the journal are inserted once and never updated or deleted."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Insert, Table, func, select

from trackside.core.records import Passing
from trackside.store.official_facts import append_decision, append_flags, now_us
from trackside.store.schema import passings

CHUNK = 1000
__all__ = ["append_decision", "append_flags", "append_passings", "count_passings",
           "insert_or_ignore", "now_us"]  # flags and decisions: official_facts.py (plain SQL)


def insert_or_ignore(conn: Connection, table: Table, keys: Sequence[str]) -> Insert:
    """INSERT ... ON CONFLICT (keys) DO NOTHING for the connection's dialect (imported here:
    a SQLite command need not import the PostgreSQL dialect, nor it asyncio and ssl)."""
    if conn.dialect.name not in ("sqlite", "postgresql"):
        raise KeyError(conn.dialect.name)
    dialect = importlib.import_module(f"sqlalchemy.dialects.{conn.dialect.name}")
    return dialect.insert(table).on_conflict_do_nothing(index_elements=list(keys))


def count_passings(conn: Connection, event_id: str) -> int:
    query = select(func.count()).select_from(passings).where(passings.c.event_id == event_id)
    return conn.execute(query).scalar_one()


def append_passings(
    conn: Connection,
    event_id: str,
    rows: Sequence[tuple[Passing, str | None]],
    progress: Callable[[int, int], None] | None = None,
    rtc_us: Mapping[str, int] | None = None,
) -> int:
    """Insert passings (with the session a file named, if any); returns how many were new.

    `rtc_us` gives, by passing identity, the decoder clock a passing's track time was mapped
    from (the P3 client, `timing/p3/clock_map.py`)."""
    before = count_passings(conn, event_id)
    statement = insert_or_ignore(conn, passings, ("event_id", "identity"))
    raw = rtc_us or {}
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        conn.execute(statement, [_passing_row(event_id, p, s, raw) for p, s in chunk])
        if progress is not None:
            progress(start + len(chunk), len(rows))
    return count_passings(conn, event_id) - before


def _passing_row(
    event_id: str, passing: Passing, session_id: str | None, rtc_us: Mapping[str, int]
) -> dict[str, Any]:
    return {
        "event_id": event_id,
        "time_us": passing.time_us,
        "transponder": passing.transponder,
        "loop": passing.loop,
        "decoder": passing.decoder,
        "passing_number": passing.passing_number,
        "source": passing.source,
        "session_id": session_id,
        "identity": passing.identity,
        "rtc_us": rtc_us.get(passing.identity),
    }
