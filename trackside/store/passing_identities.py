"""Stored passings looked up by identity (decoder + passing number, or transponder + time)."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import Connection, select

from trackside.core.records import Passing
from trackside.store.schema import passings

CHUNK = 500


def passings_by_identity(
    conn: Connection, event_id: str, identities: Collection[str]
) -> dict[str, Passing]:
    """The event's stored passings among `identities`, by identity."""
    wanted = sorted(set(identities))
    columns = (passings.c.identity, passings.c.time_us, passings.c.transponder, passings.c.loop,
               passings.c.decoder, passings.c.passing_number, passings.c.source)
    found: dict[str, Passing] = {}
    for start in range(0, len(wanted), CHUNK):
        query = select(*columns).where(passings.c.event_id == event_id,
                                       passings.c.identity.in_(wanted[start : start + CHUNK]))
        for identity, *values in conn.execute(query):
            found[identity] = Passing(*values)
    return found
