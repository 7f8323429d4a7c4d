"""Passings inserted by hand: who, for which car, why (`schema.manual_passings`); the passing
itself goes into the journal as any other (`journal.append_passings`)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select

from trackside.store.journal import now_us
from trackside.store.schema import manual_passings


@dataclass(frozen=True, slots=True)
class ManualPassing:
    id: int
    identity: str
    number: str
    author: str
    reason: str
    recorded_us: int


def append_manual_passing(
    conn: Connection, event_id: str, identity: str, number: str, author: str, reason: str
) -> ManualPassing:
    recorded = now_us()
    new_id = conn.execute(manual_passings.insert().values(
        event_id=event_id, identity=identity, number=number, author=author, reason=reason,
        recorded_us=recorded)).inserted_primary_key[0]  # fmt: skip
    return ManualPassing(int(new_id), identity, number, author, reason, recorded)


def manual_passings_of(conn: Connection, event_id: str) -> list[ManualPassing]:
    m = manual_passings.c
    rows = conn.execute(select(m.id, m.identity, m.number, m.author, m.reason, m.recorded_us)
                        .where(m.event_id == event_id).order_by(m.id))  # fmt: skip
    return [ManualPassing(*row) for row in rows]
