"""Reading an event's race facts (endurance.md): team rosters, and the officials' pit stops and
driver changes in force (a revoked one, `race_record_revokes`, is no longer read).

Plain SQL valid in SQLite and PostgreSQL (`plain_sql.py`), as `facts.py`'s other readers, so
the one-fact commands read an event's facts without importing SQLAlchemy."""

from __future__ import annotations

from trackside.core.records import DriverChange, PitStopRecord, RosterDriver
from trackside.store.plain_sql import Connection, rows

_ROSTER = ("SELECT number, first_name, last_name, member_id, driver_transponder "
           "FROM roster_drivers WHERE event_id = :event_id ORDER BY number, position")


def _in_force(table: str, columns: str, order: str, record: str) -> str:
    return (f"SELECT {columns} FROM {table} t LEFT JOIN race_record_revokes r "
            f"ON r.event_id = t.event_id AND r.record = '{record}' AND r.record_id = t.id "
            f"WHERE t.event_id = :event_id AND r.id IS NULL ORDER BY {order}, t.id")


_PIT_STOPS = _in_force("pit_stops", "t.session_id, t.number, t.in_us, t.out_us, t.id, t.author",
                       "t.in_us", "pit-stop")
_DRIVER_CHANGES = _in_force(
    "driver_changes", "t.session_id, t.number, t.driver, t.at_us, t.id, t.author", "t.at_us",
    "driver-change")


def roster_in(conn: Connection, event_id: str) -> tuple[RosterDriver, ...]:
    """Every car's drivers: cars in number order (as text), each car's in roster order."""
    return tuple(RosterDriver(*row) for row in rows(conn, _ROSTER, {"event_id": event_id}))


def pit_stops_in(conn: Connection, event_id: str) -> tuple[PitStopRecord, ...]:
    """Every official pit stop of the event in force (not revoked), in time order."""
    found = rows(conn, _PIT_STOPS, {"event_id": event_id})
    return tuple(PitStopRecord(*row) for row in found)


def driver_changes_in(conn: Connection, event_id: str) -> tuple[DriverChange, ...]:
    """Every declared driver change in force, in time order."""
    found = rows(conn, _DRIVER_CHANGES, {"event_id": event_id})
    return tuple(DriverChange(*row) for row in found)
