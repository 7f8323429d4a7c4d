"""A race's grid from qualifying (endurance.md, "Grid from qualifying"; IMG no-contact policy:
"any body-to-body contact during practice or qualifying sessions will result in both cars
involved being gridded last for the subsequent race (regardless of fault)").

- Cars are ordered by their best valid lap in the event's `qualifying` sessions before the race
  (laps as in time-attack.md: the lap scorer's best valid lap of each session), equal times to
  whoever set theirs first, then the car number.
- A `contact` decision in force in a practice or qualifying session before the race, naming
  `number` and `other_number`, sends both cars to the back, in their qualifying order.
- Cars with no qualifying time follow, by car number (a car in contact with no time too).
"""

from __future__ import annotations

from typing import Any

from trackside.core.grid_order import GridInput, GridTime, best_of
from trackside.core.records import DecisionKind, Entry, SessionFormat
from trackside.core.results import natural_key

CONTACT_SESSIONS = frozenset({SessionFormat.PRACTICE, SessionFormat.QUALIFYING})


def contact_cars(given: GridInput) -> set[str]:
    """Cars named by a `contact` decision in a practice or qualifying session before the race."""
    formats = {s.id: s.format for s in given.event.sessions}
    before = set(given.previous)
    cars: set[str] = set()
    for d in given.decisions:
        if d.kind is not DecisionKind.CONTACT or d.session_id not in before:
            continue
        if formats.get(d.session_id) in CONTACT_SESSIONS:
            cars |= {n for n in (d.number, d.other_number) if n is not None}
    return cars


def by_qualifying(given: GridInput) -> list[tuple[Entry, GridTime | None]]:
    """Qualified cars by best lap, then the cars in contact, then cars with no time."""
    formats = {s.id: s.format for s in given.event.sessions}
    qualifying = [sid for sid in given.previous if formats.get(sid) == SessionFormat.QUALIFYING]
    contact = contact_cars(given)
    placed = [(e, best_of(given.best.get(e.number, {}), qualifying)) for e in given.entries]

    def key(item: tuple[Entry, GridTime | None]) -> tuple[int, int, int, Any]:
        entry, best = item
        if best is None:
            return (2, 0, 0, natural_key(entry.number))
        return (int(entry.number in contact), best.time_us, best.set_us, natural_key(entry.number))

    return sorted(placed, key=key)
