"""Race facts (endurance.md): each car's roster of drivers (a definition, replaced per car on
import), and the pit stops and driver changes officials record (journal rows, only inserted;
the same pit stop again adds nothing)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, delete, func, select

from trackside.core.records import DriverChange, PitStopRecord, RosterDriver
from trackside.store.journal import insert_or_ignore, now_us
from trackside.store.schema import driver_changes, pit_stops, roster_drivers


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


def roster_in(conn: Connection, event_id: str) -> tuple[RosterDriver, ...]:
    """Every car's drivers: cars in number order (as text), each car's in roster order."""
    c = roster_drivers.c
    query = (
        select(c.number, c.first_name, c.last_name, c.member_id, c.driver_transponder)
        .where(c.event_id == event_id)
        .order_by(c.number, c.position)
    )
    return tuple(RosterDriver(*row) for row in conn.execute(query))


def append_pit_stop(conn: Connection, event_id: str, stop: PitStopRecord, author: str) -> bool:
    """Insert an official's pit stop; False when the same stop was already recorded."""
    row = {"event_id": event_id, "session_id": stop.session_id, "number": stop.number,
           "in_us": stop.in_us, "out_us": stop.out_us, "author": author,
           "recorded_us": now_us()}  # fmt: skip
    keys = ("event_id", "session_id", "number", "in_us", "out_us")
    before = _count(conn, event_id)
    conn.execute(insert_or_ignore(conn, pit_stops, keys), row)
    return _count(conn, event_id) > before


def _count(conn: Connection, event_id: str) -> int:
    query = select(func.count()).select_from(pit_stops).where(pit_stops.c.event_id == event_id)
    return conn.execute(query).scalar_one()


def pit_stops_in(conn: Connection, event_id: str) -> tuple[PitStopRecord, ...]:
    """Every official pit stop of the event, in time order."""
    c = pit_stops.c
    query = (
        select(c.session_id, c.number, c.in_us, c.out_us, c.id, c.author)
        .where(c.event_id == event_id)
        .order_by(c.in_us, c.id)
    )
    return tuple(PitStopRecord(*row) for row in conn.execute(query))


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


def driver_changes_in(conn: Connection, event_id: str) -> tuple[DriverChange, ...]:
    """Every declared driver change of the event, in time order."""
    c = driver_changes.c
    query = (
        select(c.session_id, c.number, c.driver, c.at_us, c.id, c.author)
        .where(c.event_id == event_id)
        .order_by(c.at_us, c.id)
    )
    return tuple(DriverChange(*row) for row in conn.execute(query))

