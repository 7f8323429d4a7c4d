"""Sport Category (S1-S6): listing, exclusion list, wheels, tire width and its bump-ups.

Sport 1.3 (production of 1,000+), 3.1.1.F (wheel weights), 3.2.1 (tires), 3.2.3 (width limits:
S2-S6 bump up, an S1 car on oversized tires goes to its Tuner class), 10.1-10.6 (listings),
10.7 (alternate series), 10.8 (exclusion list).
"""

from __future__ import annotations

from trackside.classing.car import AlternateSeries, CarSpec
from trackside.classing.classes import CarClass, Category
from trackside.classing.listed import excluded, listed_step, lookup, low_production
from trackside.classing.listings import Table
from trackside.classing.tires import fit_tire_width, street_tire_problem
from trackside.classing.trail import Trail
from trackside.classing.wheels import check_wheel

SPORT = Category.SPORT
WIDTH_RULE = "Sport Category 3.2.3"


def classify_sport(car: CarSpec, trail: Trail) -> CarClass | None:
    """The Sport class, or None with the reason recorded in `trail`."""
    if low_production(car, SPORT, trail):
        return None
    problem = street_tire_problem(car, "Sport")
    if problem:
        trail.reject(SPORT, problem)
        return None
    if car.alternate_series is AlternateSeries.SOLO_SSC:
        return _solo_spec_coupe(trail)
    if excluded(car, Table.SPORT_EXCLUSIONS, SPORT, trail):
        return None
    match = lookup(car, Table.SPORT, SPORT, trail)
    if match is None:
        return None
    listed = listed_step(match, trail)
    if car.alternate_series is AlternateSeries.SOLO_STREET:
        return _solo_street(listed, trail)
    if car.alternate_series is None and not _wheels_pass(car, trail):
        return None
    if car.alternate_series is AlternateSeries.SHOWROOM_STOCK:
        text = "prepared to the SCCA Showroom Stock rules, on TT-legal tires"
        trail.step(text, "Sport Category 10.7.3")
    return _fit_width(car, listed, trail)


def _wheels_pass(car: CarSpec, trail: Trail) -> bool:
    checks = [check_wheel(wheel) for wheel in car.wheels]
    for passes, reason in checks:
        if not passes:
            trail.reject(SPORT, reason)
            return False
    for _, reason in checks:
        trail.add(reason)
    return True


def _fit_width(car: CarSpec, listed: CarClass, trail: Trail) -> CarClass | None:
    fitted, reasons = fit_tire_width(car, listed, oe_width_allowed=True)
    if fitted is not None:
        for reason in reasons:
            trail.add(reason)
        return fitted
    for reason in reasons[:-1]:
        trail.add(reason)
    last = reasons[-1]
    trail.not_in(SPORT, f"{last.text}; an S1 car on oversized tires goes to Tuner", WIDTH_RULE)
    return None


def _solo_street(listed: CarClass, trail: Trail) -> CarClass:
    text = "prepared to Solo Street rules: runs in its listed class, free of Sport tire widths"
    trail.step(text, "Sport Category 10.7.1")
    return listed


def _solo_spec_coupe(trail: Trail) -> CarClass:
    trail.step("prepared to Solo Spec Coupe (SSC) rules on the spec tire", "Sport Category 10.7.2")
    return CarClass.S5
