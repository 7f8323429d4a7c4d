"""The history of event definitions: each one stored, with who stored it and when.

Rows are only ever inserted; `events` holds the newest definition of each event."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, select

from trackside.store.schema import event_versions


@dataclass(frozen=True, slots=True)
class EventVersion:
    event_id: str
    version: int
    definition: dict[str, Any]
    author: str
    recorded_us: int


def append_event_version(
    conn: Connection, event_id: str, definition: dict[str, Any], author: str, recorded_us: int
) -> int:
    """Record the event's definition as its next version; returns the version number."""
    version = _last_version(conn, event_id) + 1
    conn.execute(event_versions.insert().values(
        event_id=event_id, version=version, definition=definition, author=author,
        recorded_us=recorded_us,
    ))
    return version


def _last_version(conn: Connection, event_id: str) -> int:
    query = select(func.max(event_versions.c.version)).where(event_versions.c.event_id == event_id)
    return conn.execute(query).scalar_one() or 0


def event_versions_of(conn: Connection, event_id: str) -> list[EventVersion]:
    """Every version of the event's definition, oldest first."""
    query = (select(event_versions).where(event_versions.c.event_id == event_id)
             .order_by(event_versions.c.version))
    return [_version(row) for row in conn.execute(query).mappings()]


def latest_event_version(conn: Connection, event_id: str) -> EventVersion | None:
    """The event's newest version (its number is how many there are), or None."""
    query = (select(event_versions).where(event_versions.c.event_id == event_id)
             .order_by(event_versions.c.version.desc()).limit(1))
    row = conn.execute(query).mappings().first()
    return _version(row) if row is not None else None


def _version(row: Any) -> EventVersion:
    return EventVersion(row["event_id"], row["version"], row["definition"], row["author"],
                        row["recorded_us"])
