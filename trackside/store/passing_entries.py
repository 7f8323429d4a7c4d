"""Passings matched to entries by transponder: the entered transponders of an event, and its
stored passings with the car number each maps to. A team driver's own transponder (the roster's
`driver_transponder`, endurance.md) maps to the driver's car as the car's does."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, and_, func, select, union

from trackside.store.schema import entries, passings, roster_drivers


@dataclass(frozen=True, slots=True)
class PassingListing:
    """A stored passing and the car number its transponder maps to (None when unknown)."""

    time_us: int
    transponder: str
    loop: str | None
    decoder: str | None
    passing_number: int | None
    source: str
    number: str | None


def entered_transponders(conn: Connection, event_id: str) -> set[str]:
    """The transponders of the event's entries and of its team drivers."""
    cars = select(entries.c.transponder).where(entries.c.event_id == event_id)
    drivers = select(roster_drivers.c.driver_transponder).where(
        roster_drivers.c.event_id == event_id, roster_drivers.c.driver_transponder.is_not(None))
    return set(conn.execute(union(cars, drivers)).scalars())


def passings_with_numbers(conn: Connection, event_id: str) -> list[PassingListing]:
    """Every stored passing of the event in time order, with the entry number it maps to."""
    join = passings.outerjoin(entries, and_(entries.c.event_id == passings.c.event_id,
                                            entries.c.transponder == passings.c.transponder))
    join = join.outerjoin(roster_drivers, and_(
        roster_drivers.c.event_id == passings.c.event_id,
        roster_drivers.c.driver_transponder == passings.c.transponder))
    query = (
        select(passings.c.time_us, passings.c.transponder, passings.c.loop, passings.c.decoder,
               passings.c.passing_number, passings.c.source,
               func.coalesce(entries.c.number, roster_drivers.c.number))
        .select_from(join)
        .where(passings.c.event_id == event_id)
        .order_by(passings.c.time_us, passings.c.id)
    )
    return [PassingListing(*row) for row in conn.execute(query)]
