"""Transponders seen on the line that no entry (nor team driver) holds, read from the journal
(issue 15, "Registration desk"): how many passings each has and when it was first and last
seen, for the registrar to assign it to a car."""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import Connection, func, select

from trackside.store.passing_entries import entered_transponders
from trackside.store.schema import passings


class SeenTransponder(NamedTuple):
    transponder: str
    passings: int
    first_us: int
    last_us: int


def unknown_transponders(conn: Connection, event_id: str) -> list[SeenTransponder]:
    """Every unknown transponder of the event's passings, the most passings first (then the
    earliest seen, then by name)."""
    held = entered_transponders(conn, event_id)
    query = (select(passings.c.transponder, func.count(), func.min(passings.c.time_us),
                    func.max(passings.c.time_us))
             .where(passings.c.event_id == event_id)
             .group_by(passings.c.transponder))  # fmt: skip
    if held:
        query = query.where(passings.c.transponder.not_in(sorted(held)))
    rows = [SeenTransponder(t, int(n), int(first), int(last))
            for t, n, first, last in conn.execute(query)]  # fmt: skip
    return sorted(rows, key=lambda r: (-r.passings, r.first_us, r.transponder))
