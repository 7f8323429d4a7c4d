"""Competitors of a run: `$A` and `$COMP` merged by registration number, classes from `$C`.

`$G`, `$H` and `$J` name competitors by registration number; `$L` by car number. A later record
of the same competitor replaces what an earlier one said (Orbits re-sends `$A` at driver
changes), except that `$COMP` carries no transponder and keeps the one `$A` gave. Only an `$I`
clears the scoreboard: a run started by a new `$B` keeps the competitors and classes before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from trackside.core.records import Entry
from trackside.timing.rmonitor.records import Competitor, CompetitorExt, RaceClass, Record
from trackside.timing.rmonitor.runs import RunRecords

_UNASSIGNED = re.compile(r"Tx(\d+)", re.IGNORECASE)
_CAR_RECORDS = (Competitor, CompetitorExt, RaceClass)


@dataclass(frozen=True, slots=True)
class Car:
    """What the run's records say about one competitor."""

    registration: str
    number: str
    transponder: str = ""
    first_name: str = ""
    last_name: str = ""
    nationality: str = ""
    class_number: int | None = None

    @property
    def timing_id(self) -> str:
        """The transponder, or `#<number>` for a car without one (`0` means none)."""
        if self.transponder and self.transponder.strip("0"):
            return self.transponder
        return f"#{self.number}"


@dataclass(frozen=True, slots=True)
class Cars:
    """A run's competitors (in order of first appearance) and class names."""

    by_registration: dict[str, Car]
    classes: dict[int, str]

    def entry(self, car: Car, group: str) -> Entry:
        class_name = self.classes.get(car.class_number, "") if car.class_number else ""
        extra = {"registration": car.registration}
        if car.nationality:
            extra["nationality"] = car.nationality
        return Entry(
            car.number, car.first_name, car.last_name, class_name, group, car.timing_id, extra
        )

    def by_number(self, number: str) -> Car | None:
        found = [c for c in self.by_registration.values() if c.number == number]
        return found[-1] if found else self.by_registration.get(number)

    def transponder_of(self, number: str) -> str | None:
        """A `$L` number's transponder: `Tx<transponder>` as is, else the car's."""
        unassigned = _UNASSIGNED.fullmatch(number)
        if unassigned:
            return unassigned.group(1)
        car = self.by_number(number)
        return car.timing_id if car else None


def collect_cars(records: Iterable[Record]) -> Cars:
    """Merge every `$A`/`$COMP` of a run; the last word on each competitor wins."""
    cars: dict[str, Car] = {}
    classes: dict[int, str] = {}
    for record in records:
        if isinstance(record, Competitor | CompetitorExt):
            merge_car(cars, record)
        elif isinstance(record, RaceClass):
            classes[record.unique_number] = record.description
    return Cars(cars, classes)


def merge_car(cars: dict[str, Car], record: Competitor | CompetitorExt) -> Car:
    """Apply one `$A`/`$COMP` to a table of cars by registration; the car as it now stands."""
    if isinstance(record, Competitor):
        car = _from_competitor(record)
    else:
        car = _from_ext(cars.get(record.registration), record)
    cars[record.registration] = car
    return car


def _from_competitor(record: Competitor) -> Car:
    return Car(
        record.registration,
        record.number,
        record.transponder,
        record.first_name,
        record.last_name,
        record.nationality,
        record.class_number,
    )


def _from_ext(known: Car | None, record: CompetitorExt) -> Car:
    base = known or Car(record.registration, record.number)
    return replace(
        base,
        number=record.number,
        first_name=record.first_name,
        last_name=record.last_name,
        nationality=record.nationality,
        class_number=record.class_number,
    )


def car_tables(parts: Iterable[RunRecords]) -> list[Cars]:
    """Each run's competitors: its own records and, unless an `$I` started it, the earlier
    runs' back to the last reset."""
    carried: list[Record] = []
    tables = []
    for part in parts:
        if part.init is not None:
            carried = []
        carried = carried + [r for r in part.records if isinstance(r, _CAR_RECORDS)]
        tables.append(collect_cars(carried))
    return tables
