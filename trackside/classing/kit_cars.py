"""Max Category Eligible Kit Cars (also eligible for Unlimited, Unlimited 1.1.1)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from trackside.classing.car import CarSpec
from trackside.classing.names import has_phrase, tokens


@dataclass(frozen=True)
class KitCar:
    name: str
    spellings: tuple[tuple[str, ...], ...]
    section: str


@cache
def eligible_kit_cars() -> tuple[KitCar, ...]:
    source = resources.files("trackside.classing.data") / "max_kit_cars.csv"
    with source.open(encoding="utf-8") as handle:
        return tuple(_kit(row) for row in csv.DictReader(handle))


def _kit(row: dict[str, str]) -> KitCar:
    spellings = tuple(tokens(s) for s in row["match"].split("|") if s.strip())
    return KitCar(row["kit"], spellings, row["section"])


def find_kit_car(car: CarSpec) -> KitCar | None:
    """The eligible kit named by the car's make, model and trim ("Factory Five 818C")."""
    words = tokens(f"{car.make} {car.model} {car.trim}")
    return next(
        (kit for kit in eligible_kit_cars() if any(has_phrase(words, s) for s in kit.spellings)),
        None,
    )
