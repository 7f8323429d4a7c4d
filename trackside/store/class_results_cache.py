"""The season's cache of each trackside event's class results (`schema.class_results_cache`):
not part of the journal, any row may go and is computed again."""

from __future__ import annotations

import marshal
import time
from collections.abc import Iterable, Mapping

from sqlalchemy import Connection, Engine, delete, select

from trackside.core.series_records import ClassResult
from trackside.store.schema import class_results_cache as cache


def cached_class_results(
    conn: Connection, fingerprints: Mapping[str, str]
) -> dict[str, tuple[ClassResult, ...]]:
    """The cached class results of the events whose stored fingerprint is the one given."""
    query = select(cache.c.event_id, cache.c.fingerprint, cache.c.payload).where(
        cache.c.event_id.in_(sorted(fingerprints)))
    found = {}
    for event_id, fingerprint, payload in conn.execute(query):
        if fingerprints.get(event_id) != fingerprint:
            continue
        try:
            found[event_id] = tuple(ClassResult(*row) for row in marshal.loads(bytes(payload)))
        except (ValueError, EOFError, TypeError):
            continue
    return found


def store_class_results(
    engine: Engine, rows: Iterable[tuple[str, str, tuple[ClassResult, ...]]]
) -> None:
    """Replace the cached class results of these events (event id, fingerprint, results)."""
    rows = list(rows)
    if not rows:
        return
    stored = time.time_ns() // 1000
    with engine.begin() as conn:
        conn.execute(delete(cache).where(cache.c.event_id.in_([r[0] for r in rows])))
        conn.execute(cache.insert(), [
            {"event_id": eid, "fingerprint": fp, "payload": marshal.dumps(
                [tuple(result) for result in results]), "stored_us": stored}
            for eid, fp, results in rows])  # fmt: skip
