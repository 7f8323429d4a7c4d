"""The results cache's rows (`schema.results_cache`) and the passing counts that check them.

Not part of the journal: rows are replaced and deleted freely, and losing them loses nothing.
"""

from __future__ import annotations

import time
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, and_, case, delete, func, or_, select

from trackside.core.records import Passing
from trackside.core.session_inputs import PassingSpan
from trackside.store.facts import as_passing
from trackside.store.fast_read import fetch_tuples
from trackside.store.schema import passings, results_cache


@dataclass(frozen=True, slots=True)
class CachedSession:
    session_id: str
    fingerprint: str
    span: PassingSpan
    payload: bytes


def cached_sessions(conn: Connection, event_id: str) -> dict[str, CachedSession]:
    """The event's cached sessions by session id."""
    c = results_cache.c
    query = select(c.session_id, c.fingerprint, c.since_us, c.until_us, c.payload).where(
        c.event_id == event_id
    )
    return {
        sid: CachedSession(sid, fingerprint, PassingSpan(since, until), bytes(payload))
        for sid, fingerprint, since, until, payload in conn.execute(query)
    }


def _in_span(span: PassingSpan):  # type: ignore[no-untyped-def]
    terms = []
    if span.since_us is not None:
        terms.append(passings.c.time_us >= span.since_us)
    if span.until_us is not None:
        terms.append(passings.c.time_us < span.until_us)
    return and_(True, *terms)


def passing_stats(
    conn: Connection, event_id: str, spans: Sequence[PassingSpan]
) -> list[tuple[int, int]]:
    """(how many, the highest id) of the event's passings in each span, in one pass: the
    journal only ever grows, so these two name the set."""
    if not spans:
        return []
    cuts = sorted({t for s in spans for t in (s.since_us, s.until_us) if t is not None})
    band = case(*((passings.c.time_us < cut, index) for index, cut in enumerate(cuts)),
                else_=len(cuts))  # fmt: skip
    query = (
        select(band, func.count(), func.max(passings.c.id))
        .where(passings.c.event_id == event_id)
        .group_by(band)
    )
    bands = {int(b): (int(n), int(top)) for b, n, top in fetch_tuples(conn, query)}
    stats = []
    for span in spans:
        first = 0 if span.since_us is None else cuts.index(span.since_us) + 1
        last = len(cuts) if span.until_us is None else cuts.index(span.until_us)
        inside = [bands[i] for i in range(first, last + 1) if i in bands]
        stats.append((sum(n for n, _ in inside), max((top for _, top in inside), default=0)))
    return stats


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
    query = (
        select(passings.c.id, passings.c.time_us, passings.c.transponder, passings.c.loop,
               passings.c.decoder, passings.c.passing_number, passings.c.source)
        .where(passings.c.event_id == event_id, or_(False, *map(_in_span, spans)))
        .order_by(passings.c.time_us, passings.c.id)
    )  # fmt: skip
    rows = fetch_tuples(conn, query)
    return [row[0] for row in rows], tuple(as_passing(row[1:]) for row in rows)


def passing_counts(conn: Connection, event_id: str, transponders: Iterable[str]) -> dict[str, int]:
    """The whole day's passings of each of these transponders."""
    wanted = sorted(set(transponders))
    if not wanted:
        return {}
    query = (
        select(passings.c.transponder, func.count())
        .where(passings.c.event_id == event_id, passings.c.transponder.in_(wanted))
        .group_by(passings.c.transponder)
    )
    return {transponder: int(count) for transponder, count in conn.execute(query)}


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
