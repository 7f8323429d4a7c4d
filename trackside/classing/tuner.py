"""Tuner Category (T1-T5): listing, exclusion list (to Max 1), tire width and its bump-ups.

Tuner 1.3 (production of 1,000+), 3.2.1 (tires as Sport), 3.2.2 (width limits), 3.2.3 (T2-T5
bump up, a T1 car on oversized tires goes to Max), 10.1 (exclusion list: Max 1), 10.2 (alternate
series), 10.3-10.7 (listings).
"""

from __future__ import annotations

from trackside.classing.car import AlternateSeries, CarSpec
from trackside.classing.classes import CarClass, Category
from trackside.classing.listed import listed_step, lookup, low_production
from trackside.classing.listings import Table, find_exclusion
from trackside.classing.tires import fit_tire_width, street_tire_problem
from trackside.classing.trail import Trail

TUNER = Category.TUNER
WIDTH_RULE = "Tuner Category 3.2.3"
SERIES_ALLOWANCES = {
    AlternateSeries.NATIONAL_TOURING: (
        "prepared to the SCCA National Touring (NT2-NT4) rules, on TT-legal tires",
        "Tuner Category 10.2.1",
    ),
    AlternateSeries.SOLO_STREET_TOURING: (
        "prepared to the SCCA Solo Street Touring rules",
        "Tuner Category 10.2.3",
    ),
}


def classify_tuner(car: CarSpec, trail: Trail) -> CarClass | None:
    """The Tuner class (or Max 1 for an excluded car), or None with the reason recorded."""
    if low_production(car, TUNER, trail):
        return None
    problem = street_tire_problem(car, "Tuner")
    if problem:
        trail.reject(TUNER, problem)
        return None
    row = find_exclusion(car, Table.TUNER_EXCLUSIONS)
    if row is not None:
        trail.step(f"on the Tuner exclusion list as '{row.name}': placed in Max 1", row.section)
        return CarClass.M1
    if car.alternate_series is AlternateSeries.SPEC_MIATA:
        return _spec_miata(car, trail)
    match = lookup(car, Table.TUNER, TUNER, trail)
    if match is None:
        return None
    listed = listed_step(match, trail)
    allowance = SERIES_ALLOWANCES.get(car.alternate_series) if car.alternate_series else None
    if allowance:
        trail.step(*allowance)
    return _fit_width(car, listed, trail)


def _spec_miata(car: CarSpec, trail: Trail) -> CarClass | None:
    trail.step(
        "prepared to the SCCA Spec Miata rules, on TT-legal tires: Tuner 5",
        "Tuner Category 10.2.2",
    )
    return _fit_width(car, CarClass.T5, trail)


def _fit_width(car: CarSpec, listed: CarClass, trail: Trail) -> CarClass | None:
    fitted, reasons = fit_tire_width(car, listed, oe_width_allowed=False)
    for reason in reasons if fitted else reasons[:-1]:
        trail.add(reason)
    if fitted is None:
        text = f"{reasons[-1].text}; a T1 car on oversized tires goes to Max"
        trail.not_in(TUNER, text, WIDTH_RULE)
    return fitted
