"""What a trackside event's results depend on, as one digest per event: the count and highest
id of each of its journal tables (the journal only grows, so these name its rows), its
definition's time and every column of its entries. The season's class results cache is keyed
by it (`services/season_results.py`)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from sqlalchemy import Connection, func, select

from trackside.store.schema import decisions, entries, events, flags, passings, releases, trips

_JOURNALS = (passings, flags, decisions, trips, releases)


def event_digests(conn: Connection, event_ids: Iterable[str]) -> dict[str, str]:
    """Event id -> digest of its journal rows, definition and entries (events not stored are
    left out)."""
    wanted = sorted(set(event_ids))
    digests = {eid: hashlib.sha256(repr(updated).encode()) for eid, updated in conn.execute(
        select(events.c.id, events.c.updated_us).where(events.c.id.in_(wanted)))}  # fmt: skip
    for table in _JOURNALS:
        query = (select(table.c.event_id, func.count(), func.max(table.c.id))
                 .where(table.c.event_id.in_(wanted)).group_by(table.c.event_id))
        for eid, count, top in conn.execute(query):
            digests[eid].update(f"{table.name}:{count}:{top}".encode())
    columns = [c for c in entries.c if c.name != "event_id"]
    query = (select(entries.c.event_id, *columns).where(entries.c.event_id.in_(wanted))
             .order_by(entries.c.event_id, entries.c.number))
    for row in conn.execute(query):
        digests[row[0]].update(repr(tuple(row[1:])).encode())
    return {eid: digest.hexdigest() for eid, digest in digests.items()}
