"""The results cache's rows (`schema.results_cache`) and the passing counts that check them.

Not part of the journal: rows are replaced and deleted freely, and losing them loses nothing.
"""

from __future__ import annotations

import time
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import Engine, delete

from trackside.core.records import Passing
from trackside.core.session_inputs import PassingSpan
from trackside.store.facts import PASSING_COLUMNS, as_passing
from trackside.store.plain_sql import Connection, rows
from trackside.store.schema import results_cache


@dataclass(frozen=True, slots=True)
class CachedSession:
    session_id: str
    fingerprint: str
    span: PassingSpan
    payload: bytes


def cached_sessions(conn: Connection, event_id: str) -> dict[str, CachedSession]:
    """The event's cached sessions by session id."""
    found = rows(conn, "SELECT session_id, fingerprint, since_us, until_us, payload "
                       "FROM results_cache WHERE event_id = :event_id", {"event_id": event_id})
    return {
        sid: CachedSession(sid, fingerprint, PassingSpan(since, until), bytes(payload))
        for sid, fingerprint, since, until, payload in found
    }


def passing_stats(
    conn: Connection, event_id: str, spans: Sequence[PassingSpan]
) -> list[tuple[int, int]]:
    """(how many, the highest id) of the event's passings in each span, in one pass: the
    journal only ever grows, so these two name the set. Plain SQL (`plain_sql.py`): composing
    and compiling this CASE with SQLAlchemy on every call cost more than running it for a
    small day (bench/scaling.py)."""
    if not spans:
        return []
    cuts = sorted({t for s in spans for t in (s.since_us, s.until_us) if t is not None})
    params: dict[str, object] = {f"cut{i}": cut for i, cut in enumerate(cuts)}
    params["event_id"] = event_id
    found = rows(conn, _stats_sql(len(cuts)), params)
    bands = {int(b): (int(n), int(top)) for b, n, top in found}
    stats = []
    for span in spans:
        first = 0 if span.since_us is None else cuts.index(span.since_us) + 1
        last = len(cuts) if span.until_us is None else cuts.index(span.until_us)
        inside = [bands[i] for i in range(first, last + 1) if i in bands]
        stats.append((sum(n for n, _ in inside), max((top for _, top in inside), default=0)))
    return stats


@lru_cache(maxsize=64)
def _stats_sql(cuts: int) -> str:
    """Count and highest id per band: band i holds the times before cut i (and from cut i-1)."""
    band = "".join(f"WHEN time_us < :cut{i} THEN {i} " for i in range(cuts))
    band = f"CASE {band}ELSE {cuts} END" if cuts else "0"
    return (f"SELECT {band} AS band, count(*), max(id) FROM passings "
            "WHERE event_id = :event_id GROUP BY 1")


def stats_of(ids: Sequence[int], times: Sequence[int], span: PassingSpan) -> tuple[int, int]:
    """`passing_stats` of the span over passings already read (their ids and times, in time
    order as `passings_in_spans` gives them)."""
    first = 0 if span.since_us is None else bisect_left(times, span.since_us)
    last = len(times) if span.until_us is None else bisect_left(times, span.until_us)
    inside = ids[first:last]
    return len(inside), max(inside, default=0)


def passings_in_spans(
    conn: Connection, event_id: str, spans: Iterable[PassingSpan]
) -> tuple[list[int], tuple[Passing, ...]]:
    """The ids and passings (in time order) of the event's passings in any of the spans."""
    params: dict[str, object] = {"event_id": event_id}
    terms = []
    for i, span in enumerate(spans):
        bounds = ["1 = 1"]
        if span.since_us is not None:
            bounds.append(f"time_us >= :since{i}")
            params[f"since{i}"] = span.since_us
        if span.until_us is not None:
            bounds.append(f"time_us < :until{i}")
            params[f"until{i}"] = span.until_us
        terms.append(f"({' AND '.join(bounds)})")
    found = rows(conn, f"SELECT id, {PASSING_COLUMNS} FROM passings WHERE event_id = :event_id "
                       f"AND ({' OR '.join(terms) or '1 = 0'}) ORDER BY time_us, id", params)
    return [row[0] for row in found], tuple(as_passing(row[1:]) for row in found)


def passing_counts(conn: Connection, event_id: str, transponders: Iterable[str]) -> dict[str, int]:
    """The whole day's passings of each of these transponders."""
    wanted = sorted(set(transponders))
    if not wanted:
        return {}
    named = {f"t{i}": t for i, t in enumerate(wanted)}
    found = rows(conn, "SELECT transponder, count(*) FROM passings WHERE event_id = :event_id "
                       f"AND transponder IN ({', '.join(':' + name for name in named)}) "
                       "GROUP BY transponder", {**named, "event_id": event_id})
    return {transponder: int(count) for transponder, count in found}


@dataclass(frozen=True, slots=True)
class SessionRow:
    session_id: str
    fingerprint: str
    span: PassingSpan
    payload: bytes


def store_sessions(
    engine: Engine, event_id: str, rows: Sequence[SessionRow], *, wait_ms: int = 250
) -> None:
    """Replace the cached rows of these sessions, in one transaction of its own. On SQLite it
    waits at most `wait_ms` for the write lock: a busy writer (the decoder client) wins."""
    if not rows:
        return
    stored_us = time.time_ns() // 1000
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            waited = raw.execute("PRAGMA busy_timeout").fetchone()[0]  # type: ignore[union-attr]
            raw.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")  # type: ignore[union-attr]
        try:
            with conn.begin():
                conn.execute(delete(results_cache).where(
                    results_cache.c.event_id == event_id,
                    results_cache.c.session_id.in_([r.session_id for r in rows])))
                conn.execute(results_cache.insert(), [
                    {"event_id": event_id, "session_id": r.session_id,
                     "fingerprint": r.fingerprint, "since_us": r.span.since_us,
                     "until_us": r.span.until_us, "payload": r.payload, "stored_us": stored_us}
                    for r in rows
                ])  # fmt: skip
        finally:
            if sqlite:
                raw.execute(f"PRAGMA busy_timeout = {int(waited)}")  # type: ignore[union-attr]


def clear_cache(engine: Engine, event_id: str | None = None) -> int:
    """Delete the cached results of one event (all events when None); how many rows."""
    statement = delete(results_cache)
    if event_id is not None:
        statement = statement.where(results_cache.c.event_id == event_id)
    with engine.begin() as conn:
        return conn.execute(statement).rowcount
