"""Tech inspection status (docs/tech.md; SCCA TT Rules 5, "Vehicle and driver gear safety
inspection": a vehicle shall not get approval to go on track until it, and its drivers' gear,
have been inspected; an annual inspection noted in a logbook may stand for the event's).

Each change of a car's status is a record of its own, never overwritten: the car's status is
its newest record, `pending` when it has none.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from trackside.core.records import Entry
from trackside.core.results import natural_key


class TechState(StrEnum):
    PENDING = "pending"
    PASSED = "passed"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class TechRecord:
    """One change of car `number`'s tech status: who, when (`recorded_us`), why."""

    id: int
    number: str
    state: TechState
    reason: str = ""
    note: str = ""
    """E.g. "annual inspection, logbook 2026-114" (Rules 5.4)."""
    author: str = ""
    recorded_us: int = 0


@dataclass(frozen=True, slots=True)
class CarTech:
    """A car's tech status now, with the record that set it (None: never inspected)."""

    number: str
    driver: str
    car_class: str
    state: TechState
    record: TechRecord | None
    changes: int
    """How many records the car has (its history)."""


_ORDER = {TechState.PENDING: 0, TechState.FAILED: 1, TechState.PASSED: 2}


def tech_of(entries: Iterable[Entry], records: Iterable[TechRecord]) -> list[CarTech]:
    """Each entered car's status: pending cars first, then failed, then passed; by number
    (natural order: 7 before 21) within each."""
    newest: dict[str, TechRecord] = {}
    counts: dict[str, int] = {}
    for record in sorted(records, key=lambda r: r.id):
        newest[record.number] = record
        counts[record.number] = counts.get(record.number, 0) + 1
    cars = [CarTech(e.number, e.driver, e.car_class,
                    newest[e.number].state if e.number in newest else TechState.PENDING,
                    newest.get(e.number), counts.get(e.number, 0)) for e in entries]
    return sorted(cars, key=lambda c: (_ORDER[c.state], natural_key(c.number)))


def not_passed(cars: Iterable[CarTech]) -> dict[str, TechState]:
    """Car number -> its status, for the cars tech has not passed (the timing stand's marks)."""
    return {c.number: c.state for c in cars if c.state is not TechState.PASSED}


__all__ = ["CarTech", "TechRecord", "TechState", "not_passed", "tech_of"]
