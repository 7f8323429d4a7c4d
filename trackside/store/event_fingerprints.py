"""Per-event fingerprints of the journal: row counts and a digest of the definition and entries,
which the live hub compares to notice missed rows or a re-imported event."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, Table, func, select

from trackside.store.schema import decisions, entries, events, flags, passings


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What the engine compares to notice missed rows or re-imported definitions."""

    passings: int
    flags: int
    decisions: int
    definitions: str


def fingerprints(conn: Connection, event_ids: Iterable[str]) -> dict[str, Fingerprint]:
    """Row counts and a digest of the definition and entries of each event."""
    wanted = sorted(set(event_ids))
    counts = {t.name: _counts(conn, t, wanted) for t in (passings, flags, decisions)}
    digests = _definition_digests(conn, wanted)
    return {
        eid: Fingerprint(
            counts["passings"].get(eid, 0), counts["flags"].get(eid, 0),
            counts["decisions"].get(eid, 0), digests.get(eid, ""),
        )  # fmt: skip
        for eid in wanted
    }


def _counts(conn: Connection, table: Table, event_ids: list[str]) -> dict[str, int]:
    query = (
        select(table.c.event_id, func.count())
        .where(table.c.event_id.in_(event_ids))
        .group_by(table.c.event_id)
    )
    return dict(conn.execute(query).all())  # type: ignore[arg-type]


def _definition_digests(conn: Connection, event_ids: list[str]) -> dict[str, str]:
    digests = {eid: hashlib.sha1() for eid in event_ids}
    for eid, updated in conn.execute(
        select(events.c.id, events.c.updated_us).where(events.c.id.in_(event_ids))
    ):
        digests[eid].update(repr(updated).encode())
    query = (
        select(entries.c.event_id, entries.c.number, entries.c.transponder, entries.c.first_name,
               entries.c.last_name, entries.c.car_class, entries.c.run_group)
        .where(entries.c.event_id.in_(event_ids))
        .order_by(entries.c.event_id, entries.c.number)
    )  # fmt: skip
    for row in conn.execute(query):
        digests[row[0]].update(repr(tuple(row[1:])).encode())
    return {eid: digest.hexdigest() for eid, digest in digests.items()}
