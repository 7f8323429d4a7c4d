"""Appending facts. Rows of the journal are inserted once and never updated or deleted."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Insert, Table, func, select

from trackside.core.clock import parse_local_time
from trackside.core.records import Decision, Flag, Passing
from trackside.store.schema import decisions, flags, passings

CHUNK = 1000


def now_us() -> int:
    """The local wall-clock time, as the journal records when something was written."""
    return parse_local_time(datetime.now().isoformat())


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


def append_flags(conn: Connection, event_id: str, new: Iterable[Flag], author: str) -> int:
    """Insert flags; re-recording an identical flag (session, state, time) adds nothing."""
    rows = [
        {"event_id": event_id, "session_id": f.session_id, "state": str(f.state),
         "time_us": f.time_us, "author": author, "recorded_us": now_us()}
        for f in new
    ]
    if not rows:
        return 0
    statement = insert_or_ignore(conn, flags, ("event_id", "session_id", "state", "time_us"))
    before = _count(conn, flags, event_id)
    conn.execute(statement, rows)
    return _count(conn, flags, event_id) - before


def _count(conn: Connection, table: Table, event_id: str) -> int:
    query = select(func.count()).select_from(table).where(table.c.event_id == event_id)
    return conn.execute(query).scalar_one()


def append_decision(conn: Connection, event_id: str, decision: Decision) -> Decision:
    """Insert a decision; returns it with the id and creation time the journal gave it."""
    created = decision.created_us or now_us()
    values = {
        "event_id": event_id,
        "number": decision.number,
        "kind": str(decision.kind),
        "session_id": decision.session_id,
        "lap": decision.lap,
        "at_us": decision.at_us,
        "seconds": None if decision.penalty_us is None else decision.penalty_us / 1_000_000,
        "reason": decision.reason,
        "author": decision.author,
        "created_us": created,
        "revokes": decision.revokes,
        "flag_id": decision.flag_id,
        "run": decision.run,
        "count": decision.count,
        "other_number": decision.other_number,
        "served_us": decision.served_us,
        "serves": decision.serves,
        "query_id": decision.query_id,
    }
    new_id = conn.execute(decisions.insert().values(values).returning(decisions.c.id)).scalar_one()
    return replace(decision, id=new_id, created_us=created)
