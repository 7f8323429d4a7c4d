"""Race facts (endurance.md): each car's roster of drivers (a definition, replaced per car on
import), and the pit stops and driver changes officials record (journal rows, only inserted;
the same pit stop again adds nothing). One recorded by mistake is revoked by a row of
`race_record_revokes`: it stays listed, marked, and is no longer a fact results read."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, delete, select

from trackside.core.records import DriverChange, PitStopRecord, RosterDriver
from trackside.store.journal import now_us
from trackside.store.race_reads import driver_changes_in, pit_stops_in, roster_in

__all__ = ["driver_changes_in", "pit_stops_in", "roster_in"]
from trackside.store.schema import driver_changes, pit_stops, race_record_revokes, roster_drivers

PIT_STOP = "pit-stop"
DRIVER_CHANGE = "driver-change"
_TABLES = {PIT_STOP: pit_stops, DRIVER_CHANGE: driver_changes}


def replace_roster(
    conn: Connection, event_id: str, drivers: Sequence[RosterDriver], author: str
) -> list[str]:
    """The roster of every car named in `drivers` becomes those drivers, in the order given;
    other cars' rosters are kept. Returns the car numbers replaced, in first-seen order."""
    numbers = list(dict.fromkeys(d.number for d in drivers))
    if not numbers:
        return []
    conn.execute(delete(roster_drivers).where(roster_drivers.c.event_id == event_id,
                                              roster_drivers.c.number.in_(numbers)))
    recorded = now_us()
    positions: dict[str, int] = {}
    rows = []
    for driver in drivers:
        positions[driver.number] = positions.get(driver.number, 0) + 1
        rows.append({"event_id": event_id, "number": driver.number,
                     "position": positions[driver.number], "first_name": driver.first_name,
                     "last_name": driver.last_name, "member_id": driver.member_id,
                     "driver_transponder": driver.driver_transponder, "author": author,
                     "recorded_us": recorded})  # fmt: skip
    conn.execute(roster_drivers.insert(), rows)
    return numbers


def append_pit_stop(conn: Connection, event_id: str, stop: PitStopRecord, author: str
                    ) -> PitStopRecord | None:  # fmt: skip
    """Insert an official's pit stop; None when the same stop (session, car, in, out) is already
    in force. Returns it with its journal id."""
    same = [p for p in pit_stops_in(conn, event_id) if (p.session_id, p.number, p.in_us, p.out_us)
            == (stop.session_id, stop.number, stop.in_us, stop.out_us)]  # fmt: skip
    if same:
        return None
    row = {"event_id": event_id, "session_id": stop.session_id, "number": stop.number,
           "in_us": stop.in_us, "out_us": stop.out_us, "author": author,
           "recorded_us": now_us()}  # fmt: skip
    new_id = conn.execute(pit_stops.insert().values(row).returning(pit_stops.c.id)).scalar_one()
    return PitStopRecord(stop.session_id, stop.number, stop.in_us, stop.out_us, new_id, author)


def _unrevoked(record: str):  # type: ignore[no-untyped-def]
    """The record's table outer-joined to its revocations (a null revocation: in force)."""
    table = _TABLES[record]
    r = race_record_revokes.c
    return table.outerjoin(race_record_revokes, and_(
        r.event_id == table.c.event_id, r.record == record, r.record_id == table.c.id))


def append_driver_change(
    conn: Connection, event_id: str, change: DriverChange, author: str
) -> DriverChange:
    """Insert a declared driver change; returns it with its journal id."""
    row = {"event_id": event_id, "session_id": change.session_id, "number": change.number,
           "driver": change.driver, "at_us": change.at_us, "author": author,
           "recorded_us": now_us()}  # fmt: skip
    statement = driver_changes.insert().values(row).returning(driver_changes.c.id)
    new_id = conn.execute(statement).scalar_one()
    return DriverChange(change.session_id, change.number, change.driver, change.at_us, new_id,
                        author)  # fmt: skip


@dataclass(frozen=True, slots=True)
class RecordListing:
    """A pit stop or driver change as recorded (revoked ones too), with its revocation."""

    record: str
    """`pit-stop` or `driver-change`."""
    values: dict[str, Any]
    """Its row: id, session_id, number, in_us/out_us or driver/at_us, author, recorded_us."""
    revoked: dict[str, Any] | None
    """The revocation's id, reason, author and recorded_us; None while in force."""


def race_records(conn: Connection, event_id: str, record: str) -> list[RecordListing]:
    """Every pit stop (or driver change) ever recorded for the event, in the order recorded."""
    table = _TABLES[record]
    r = race_record_revokes.c
    query = (
        select(table, r.id.label("revoke_id"), r.reason, r.author.label("revoke_author"),
               r.recorded_us.label("revoke_recorded_us"))
        .select_from(_unrevoked(record))
        .where(table.c.event_id == event_id)
        .order_by(table.c.id)
    )
    listed = []
    for row in conn.execute(query):
        values = {c.key: row._mapping[c.key] for c in table.columns if c.key != "event_id"}
        revoked = None if row.revoke_id is None else {
            "id": row.revoke_id, "reason": row.reason, "author": row.revoke_author,
            "recorded_us": row.revoke_recorded_us}  # fmt: skip
        listed.append(RecordListing(record, values, revoked))
    return listed


def append_record_revoke(
    conn: Connection, event_id: str, record: str, record_id: int, reason: str, author: str
) -> int:
    """Revoke a pit stop or driver change (checked by the caller); the revocation's id."""
    row = {"event_id": event_id, "record": record, "record_id": record_id, "reason": reason,
           "author": author, "recorded_us": now_us()}  # fmt: skip
    statement = race_record_revokes.insert().values(row).returning(race_record_revokes.c.id)
    return conn.execute(statement).scalar_one()

