"""Assigning a transponder to an entry from the console (issue 15, "Timing stand": an unknown
transponder assignable to an entry). The entry's new version names the account; the car's
laps are then scored from that transponder's passings, earlier ones included."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from trackside.errors import InputError
from trackside.services.checks import require_event
from trackside.store.database import writing
from trackside.store.entries import replace_entries, stored_entries


@dataclass(frozen=True, slots=True)
class Assigned:
    number: str
    transponder: str
    previous: str
    author: str


def assign_transponder(
    engine: Engine, event_id: str, number: str, transponder: str, author: str
) -> Assigned:
    """Give car `number` the transponder `transponder` (one transaction; refused when another
    car of the event holds it)."""
    transponder = transponder.strip()
    if not transponder:
        raise InputError("the transponder is empty", source="option --transponder")
    with writing(engine) as conn:
        require_event(conn, event_id)
        stored = stored_entries(conn, event_id)
        entry = stored.get(number)
        if entry is None:
            raise InputError(f"car {number!r} is not entered in event {event_id!r}",
                             source="argument NUMBER")  # fmt: skip
        holder = next((n for n, e in stored.items()
                       if e["transponder"] == transponder and n != number), None)  # fmt: skip
        if holder is not None:
            raise InputError(f"transponder {transponder!r} already belongs to car {holder!r} "
                             "in this event", source="option --transponder")  # fmt: skip
        replace_entries(conn, event_id, [{**entry, "transponder": transponder}], author)
    return Assigned(number, transponder, entry["transponder"], author)
