"""Tech inspection records (`schema.tech_status`, docs/tech.md): appended, never updated."""

from __future__ import annotations

from sqlalchemy import Connection, select

from trackside.core.tech import TechRecord, TechState
from trackside.store.journal import now_us
from trackside.store.schema import tech_status


def append_tech_record(conn: Connection, event_id: str, record: TechRecord) -> TechRecord:
    """Insert one change of a car's status; returns it with the id and time it was given."""
    recorded = record.recorded_us or now_us()
    new_id = conn.execute(tech_status.insert().values(
        event_id=event_id, number=record.number, status=str(record.state),
        reason=record.reason, note=record.note, author=record.author,
        recorded_us=recorded)).inserted_primary_key[0]  # fmt: skip
    return TechRecord(int(new_id), record.number, record.state, record.reason, record.note,
                      record.author, recorded)  # fmt: skip


def tech_records_of(conn: Connection, event_id: str) -> list[TechRecord]:
    """Every tech record of the event, oldest first."""
    t = tech_status.c
    found = conn.execute(select(t.id, t.number, t.status, t.reason, t.note, t.author,
                                t.recorded_us)
                         .where(t.event_id == event_id).order_by(t.id))  # fmt: skip
    return [TechRecord(i, n, TechState(s), r, note, a, at) for i, n, s, r, note, a, at in found]
