"""Which car a transponder belongs to in a race (endurance.md, "Drivers and stints"): the
entry's own transponder, or a roster driver's `driver_transponder` (whose passings also name
the driver in the car)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from trackside.core.records import Entry, RosterDriver


class CarIds(NamedTuple):
    owner: dict[str, str]
    """transponder -> car number (entry and driver transponders alike)."""
    driver_of: dict[str, str]
    """driver transponder -> the roster driver's name."""
    roster: dict[str, tuple[RosterDriver, ...]]
    """car number -> its roster, in roster order."""


def car_ids(entries: Iterable[Entry], roster: Iterable[RosterDriver]) -> CarIds:
    """A roster row for a car that has no entry is ignored (the entry makes the car)."""
    owner = {e.transponder: e.number for e in entries if e.transponder}
    numbers = set(owner.values()) | {e.number for e in entries}
    by_car: dict[str, list[RosterDriver]] = {}
    driver_of: dict[str, str] = {}
    for driver in roster:
        if driver.number not in numbers:
            continue
        by_car.setdefault(driver.number, []).append(driver)
        if driver.driver_transponder:
            owner.setdefault(driver.driver_transponder, driver.number)
            driver_of[driver.driver_transponder] = driver.name
    return CarIds(owner, driver_of, {n: tuple(ds) for n, ds in by_car.items()})


def first_driver(entry: Entry, roster: tuple[RosterDriver, ...]) -> str:
    """The driver in the car at G: the team's first-listed driver, else the entry's driver."""
    return roster[0].name if roster else entry.driver


def roster_name(roster: tuple[RosterDriver, ...], name: str) -> str | None:
    """The roster's spelling of a declared driver (case and spacing aside); None: not listed."""
    wanted = " ".join(name.split()).casefold()
    return next((d.name for d in roster if " ".join(d.name.split()).casefold() == wanted), None)
