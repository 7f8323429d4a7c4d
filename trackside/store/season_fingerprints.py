"""What a trackside event's results depend on, as one digest per event: the count and highest
id of each of its journal tables (the journal only grows, so these name its rows), its
definition's time, and its entries as the count of rows and the count and highest id of their
history (`entry_versions`: every change to an entry appends a version, `store/entries.py`), all
read in one query for every event of a series. The season's class results cache is keyed by it
(`services/season_results.py`)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from sqlalchemy import Connection, Table, func, literal, select, union_all

from trackside.store.schema import (
    decisions,
    entries,
    entry_versions,
    events,
    flags,
    passings,
    releases,
    trips,
)

_JOURNALS: tuple[Table, ...] = (passings, flags, decisions, trips, releases, entry_versions)


def event_digests(conn: Connection, event_ids: Iterable[str]) -> dict[str, str]:
    """Event id -> digest of its journal rows, definition and entries (events not stored are
    left out)."""
    wanted = sorted(set(event_ids))
    if not wanted:
        return {}
    parts = [select(literal("events").label("part"), events.c.id.label("event_id"),
                    events.c.updated_us.label("a"), literal(0).label("b"))
             .where(events.c.id.in_(wanted))]  # fmt: skip
    parts.extend(
        select(literal(table.name), table.c.event_id, func.count(), func.max(table.c.id))
        .where(table.c.event_id.in_(wanted)).group_by(table.c.event_id)
        for table in _JOURNALS)  # fmt: skip
    parts.append(select(literal("entries"), entries.c.event_id, func.count(), literal(0))
                 .where(entries.c.event_id.in_(wanted)).group_by(entries.c.event_id))
    found = conn.execute(union_all(*parts))
    rows = sorted((str(eid), str(part), a, b) for part, eid, a, b in found)
    digests: dict[str, hashlib._Hash] = {}
    present = set()
    for eid, part, a, b in rows:
        if part == "events":
            present.add(eid)
        digests.setdefault(eid, hashlib.sha256()).update(f"{part}:{a}:{b}|".encode())
    return {eid: digest.hexdigest() for eid, digest in digests.items() if eid in present}
