"""TrackSprint and HillClimb facts in the journal (tracksprint.md, "Facts"): the raw lines a
timing-light system sent, the trips read from them, and the starter's releases. Rows are only
ever inserted; the same trip or release again adds nothing."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, func, select

from trackside.core.records import Release, Trip
from trackside.store.facts import releases_in, trips_in
from trackside.store.journal import insert_or_ignore, now_us
from trackside.store.schema import light_lines, releases, trips

__all__ = ["append_light_line", "append_releases", "append_trips", "light_lines_in",
           "releases_in", "trips_in"]  # the readers live in facts.py (plain SQL)


def append_light_line(
    conn: Connection, event_id: str, session_id: str, protocol: str, source: str, raw: str,
    received_us: int | None = None,
) -> int:
    """Journal one raw line as it came; returns its id (for the trips read from it)."""
    values = {"event_id": event_id, "session_id": session_id, "protocol": protocol,
              "source": source, "raw": raw, "received_us": received_us or now_us()}
    statement = light_lines.insert().values(values).returning(light_lines.c.id)
    return conn.execute(statement).scalar_one()


def append_trips(conn: Connection, event_id: str, new: Sequence[Trip]) -> int:
    """Insert trips; one already stored (session, channel, time) adds nothing. How many new."""
    if not new:
        return 0
    before = _count(conn, trips, event_id)
    rows = [{"event_id": event_id, "session_id": t.session_id, "channel": str(t.channel),
             "time_us": t.time_us, "line_id": t.line_id} for t in new]
    keys = ("event_id", "session_id", "channel", "time_us")
    conn.execute(insert_or_ignore(conn, trips, keys), rows)
    return _count(conn, trips, event_id) - before


def append_releases(conn: Connection, event_id: str, new: Sequence[Release], author: str) -> int:
    """Insert releases; one already stored (session, car, time) adds nothing. How many new."""
    if not new:
        return 0
    before = _count(conn, releases, event_id)
    rows = [{"event_id": event_id, "session_id": r.session_id, "number": r.number,
             "time_us": r.time_us, "author": author, "recorded_us": now_us()} for r in new]
    keys = ("event_id", "session_id", "number", "time_us")
    conn.execute(insert_or_ignore(conn, releases, keys), rows)
    return _count(conn, releases, event_id) - before


def light_lines_in(
    conn: Connection, event_id: str, session_id: str
) -> list[tuple[int, str, str, str, int]]:
    """(id, protocol, source, raw, received_us) of a session's raw lines, in the order received
    (to read a session again after a mapping fix)."""
    query = (
        select(light_lines.c.id, light_lines.c.protocol, light_lines.c.source, light_lines.c.raw,
               light_lines.c.received_us)
        .where(light_lines.c.event_id == event_id, light_lines.c.session_id == session_id)
        .order_by(light_lines.c.id)
    )
    return [tuple(row) for row in conn.execute(query)]  # type: ignore[misc]


def _count(conn: Connection, table, event_id: str) -> int:  # type: ignore[no-untyped-def]
    query = select(func.count()).select_from(table).where(table.c.event_id == event_id)
    return conn.execute(query).scalar_one()


