"""Tire rules: treadwear, DOT, the tire exclusion list, and the class width limits.

Sport 3.2.1 / Tuner 3.2.1 / Max 3.2.2: UTQG treadwear 200 or more, DOT approved, not on the
exclusion list. Max 3.2.1 also admits OE DOT tires on a car prepared within Sport rules.
Below 200 or non-DOT is Unlimited (Unlimited Category, introduction).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from trackside.classing.car import CarSpec, Drive, Prep
from trackside.classing.classes import CarClass
from trackside.classing.names import fold, has_phrase, tokens
from trackside.classing.result import Reason

MIN_TREADWEAR = 200
STREET_TIRE_RULE = {
    "Sport": "Sport Category 3.2.1",
    "Tuner": "Tuner Category 3.2.1",
    "Max": "Max Category 3.2.2",
}


@dataclass(frozen=True)
class WidthLimit:
    car_class: CarClass
    drive: Drive
    limit_mm: int
    section: str


@cache
def width_limits() -> dict[tuple[CarClass, Drive], WidthLimit]:
    """Sport 3.2.3 and Tuner 3.2.2 tire section-width limits by class and drive."""
    source = resources.files("trackside.classing.data") / "tire_width_limits.csv"
    with source.open(encoding="utf-8") as handle:
        rows = [_width_limit(row) for row in csv.DictReader(handle)]
    return {(row.car_class, row.drive): row for row in rows}


def _width_limit(row: dict[str, str]) -> WidthLimit:
    return WidthLimit(
        CarClass(row["car_class"]), Drive(row["drive"]), int(row["limit_mm"]), row["section"]
    )


def width_limit(car_class: CarClass, drive: Drive) -> WidthLimit:
    return width_limits()[(car_class, drive)]


@cache
def excluded_tires() -> tuple[tuple[str, str, str], ...]:
    """(tire, reason, section) rows of the tire exclusion list."""
    source = resources.files("trackside.classing.data") / "excluded_tires.csv"
    with source.open(encoding="utf-8") as handle:
        return tuple((r["tire"], r["reason"], r["section"]) for r in csv.DictReader(handle))


def excluded_tire(tire_model: str) -> tuple[str, str, str] | None:
    """The exclusion row whose every word is in the tire's name ("Kumho Ecsta V720 ACR")."""
    words = tokens(tire_model)
    if not words:
        return None
    return next(
        (row for row in excluded_tires() if all(has_phrase(words, (w,)) for w in tokens(row[0]))),
        None,
    )


def street_tire_problem(car: CarSpec, category: str) -> Reason | None:
    """Why the tires are not legal in Sport, Tuner or Max (aftermarket rules), or None."""
    rule = STREET_TIRE_RULE[category]
    if not car.dot:
        return Reason("tires are not DOT approved", rule)
    if car.treadwear is None or car.treadwear < MIN_TREADWEAR:
        grade = "no UTQG treadwear grade" if car.treadwear is None else f"UTQG {car.treadwear}"
        return Reason(f"tires have {grade}, under the minimum {MIN_TREADWEAR}", rule)
    excluded = excluded_tire(car.tire_model)
    if excluded:
        why = f" ({excluded[1]})" if excluded[1] else ""
        return Reason(f"{excluded[0]} is on the tire exclusion list{why}", excluded[2])
    return None


def max_oe_tire_allowance(car: CarSpec) -> Reason | None:
    """Max 3.2.1: OE DOT tires (size and model as delivered) on a car within Sport rules."""
    if car.oe_tires and car.dot and car.prep is Prep.SPORT and not excluded_tire(car.tire_model):
        return Reason(
            "OE tires as delivered, on a car prepared within Sport rules", "Max Category 3.2.1"
        )
    return None


def describe_tires(car: CarSpec) -> str:
    grade = "unrated" if car.treadwear is None else f"UTQG {car.treadwear}"
    name = f"{car.tire_model} " if fold(car.tire_model).strip() else ""
    return f"{name}{car.tire_width_mm} mm, {grade}{'' if car.dot else ', non-DOT'}"


def drive_label(drive: Drive) -> str:
    return "AWD" if drive is Drive.ALL_WHEEL else "2WD"


def fit_tire_width(
    car: CarSpec, listed: CarClass, *, oe_width_allowed: bool
) -> tuple[CarClass | None, list[Reason]]:
    """Bump up from the listed class until the tire width fits the class limit for the car's
    drive (Sport 3.2.3, Tuner 3.2.2-3.2.3); None past the category's fastest class.

    Sport also allows the OE section width above the limit (Sport 3.2.3); Tuner does not."""
    width, drive = car.tire_width_mm, drive_label(car.drive)
    oe = car.oe_tire_width_mm
    if oe_width_allowed and oe is not None and width <= oe:
        limit = width_limit(listed, car.drive)
        text = f"tire {width} mm ≤ the OE section width {oe} mm (allowed whatever the limit)"
        return listed, [Reason(text, limit.section)]
    reasons: list[Reason] = []
    current: CarClass | None = listed
    while current is not None:
        limit = width_limit(current, car.drive)
        if width <= limit.limit_mm:
            text = f"tire {width} mm ≤ {limit.limit_mm} mm {current.value} {drive} limit"
            return current, [*reasons, Reason(text, limit.section)]
        current = current.faster()
        where = f"bumped up to {current.value}" if current else "over the top class's limit"
        over = f"tire {width} mm > {limit.limit_mm} mm {limit.car_class.value} {drive} limit"
        reasons.append(Reason(f"{over}: {where}", limit.section))
    return None, reasons
