"""What Sport and Tuner share: the listing lookup explained as reasons and notes."""

from __future__ import annotations

from trackside.classing.car import CarSpec
from trackside.classing.classes import CarClass, Category
from trackside.classing.consistency import check_listing_drive
from trackside.classing.listings import Match, Table, find_exclusion, find_listing
from trackside.classing.trail import Trail

LISTING_SECTIONS = {
    Category.SPORT: "Sport Category 10.1-10.6",
    Category.TUNER: "Tuner Category 10.3-10.7",
}
PRODUCTION_RULE = {
    Category.SPORT: "Sport Category 1.3.1.A",
    Category.TUNER: "Tuner Category 1.3.1.A",
}


def lookup(car: CarSpec, table: Table, category: Category, trail: Trail) -> Match | None:
    """The car's listing in `table`, its drive checked; records why when there is none."""
    match = find_listing(car, table)
    if match is None:
        trail.not_in(category, "not listed", LISTING_SECTIONS[category])
        return None
    check_listing_drive(car, match.listing)
    return match


def listed_step(match: Match, trail: Trail) -> CarClass:
    """Record "listed in ..." with the prior class, partial-trim and rival-listing notes."""
    row = match.listing
    assert row.car_class is not None
    prior = f"; {row.prior_class.value} before 2023" if row.prior_class else ""
    trail.step(f"listed as '{row.name}'{prior}", row.section)
    if match.partial:
        trail.note(f"trim matched only in part: the listing reads '{row.trim}'")
    for rival in match.rivals:
        trail.note(f"also listed as {rival.label}; the faster class is taken")
    if row.note:
        trail.note(f"transcription note for {row.section} line {row.source_line}: {row.note}")
    return row.car_class


def excluded(car: CarSpec, table: Table, category: Category, trail: Trail) -> bool:
    """True (and the reason recorded) when the car is on the category's exclusion list."""
    row = find_exclusion(car, table)
    if row is None:
        return False
    trail.not_in(category, f"on the {category.value} exclusion list as '{row.name}'", row.section)
    return True


def low_production(car: CarSpec, category: Category, trail: Trail) -> bool:
    if not car.low_production:
        return False
    text = "fewer than 1,000 made that model year for road use"
    trail.not_in(category, text, PRODUCTION_RULE[category])
    return True
