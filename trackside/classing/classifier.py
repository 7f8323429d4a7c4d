"""`classify`: walk a car through Sport, Tuner, Max and Unlimited and stop where it fits.

Rules VII: a car runs in the least permissive category whose rules its preparation, tires and
listing meet. Each category that does not take it says why (`Classification.not_eligible`);
the one that does gives the rule path (`Classification.reasons`).
"""

from __future__ import annotations

from collections.abc import Callable

from trackside.classing.car import AlternateSeries, CarSpec, Prep, VehicleKind
from trackside.classing.classes import CarClass, Category
from trackside.classing.consistency import check_consistency
from trackside.classing.errors import UnknownCarError
from trackside.classing.kit_cars import find_kit_car
from trackside.classing.listings import Table, closest_listings, find_exclusion, find_listing
from trackside.classing.max_category import classify_max
from trackside.classing.result import Classification
from trackside.classing.sport import classify_sport
from trackside.classing.tires import street_tire_problem
from trackside.classing.trail import Trail, Undecided
from trackside.classing.tuner import classify_tuner
from trackside.classing.unlimited import classify_regional, classify_unlimited

Stage = Callable[[CarSpec, Trail], CarClass | Undecided | None]
LISTED_TABLES = (Table.SPORT, Table.TUNER)
EXCLUSION_TABLES = (Table.SPORT_EXCLUSIONS, Table.TUNER_EXCLUSIONS)
SPORT_SERIES = {
    AlternateSeries.SOLO_STREET,
    AlternateSeries.SOLO_SSC,
    AlternateSeries.SHOWROOM_STOCK,
}
ASSIGNED_CLASS_SERIES = {AlternateSeries.SOLO_SSC, AlternateSeries.SPEC_MIATA}
STAGES_BY_PREP: dict[Prep, tuple[Stage, ...]] = {
    Prep.SPORT: (classify_sport, classify_tuner, classify_max),
    Prep.TUNER: (classify_tuner, classify_max),
    Prep.MAX: (classify_max,),
    Prep.UNLIMITED: (),
}


def classify(car: CarSpec, *, allow_unlisted: bool = False) -> Classification:
    """The SCCA Time Trials class of `car`, with the reasons, each citing its rule.

    Raises ContradictoryInputError for inputs that cannot all be true, UnknownCarError when a
    street-prepared car matches no Sport or Tuner listing (unless `allow_unlisted`, which sends
    an unlisted car to Max by its engine), IncompleteCarError when the category itself depends
    on facts that were not given (a car reaching Max without its weight). When only the class
    inside a known category needs more (U2 or U1 without the displacement), the answer is that
    category with `missing` inputs and `car_class` None."""
    check_consistency(car)
    trail = Trail()
    if car.kind is VehicleKind.RACER or _unlisted_kit(car, trail):
        trail.note("regional classes are not eligible at National events (Unlimited Category 4)")
        return trail.result(classify_regional(car, trail))
    stages = _stages(car)
    if _needs_listing(car, stages):
        _require_listed(car, allow_unlisted)
    for stage in stages:
        found = stage(car, trail)
        if found is not None:
            return trail.result(found)
        trail.restart()
    if car.prep is Prep.UNLIMITED:
        trail.not_in(Category.MAX, "prepared beyond Max rules (declared)", "Max Category 1.1")
    return trail.result(classify_unlimited(car, trail))


def _stages(car: CarSpec) -> tuple[Stage, ...]:
    if car.kind is VehicleKind.KIT:
        return (classify_max,)
    if car.alternate_series in SPORT_SERIES:
        return STAGES_BY_PREP[Prep.SPORT]
    if car.alternate_series is not None:
        return STAGES_BY_PREP[Prep.TUNER]
    return STAGES_BY_PREP[car.prep]


def _unlisted_kit(car: CarSpec, trail: Trail) -> bool:
    if car.kind is not VehicleKind.KIT or find_kit_car(car) is not None:
        return False
    text = "a kit car not on the Max eligible list"
    trail.not_in(Category.MAX, text, "Max Category, Eligible Kit Cars")
    trail.not_in(Category.UNLIMITED, text, "Unlimited Category 1.1.1")
    return True


def _needs_listing(car: CarSpec, stages: tuple[Stage, ...]) -> bool:
    """A Sport/Tuner-prepared production car on street tires is classed by its listing."""
    street = classify_sport in stages or classify_tuner in stages
    return street and not car.low_production and street_tire_problem(car, "Sport") is None


def _require_listed(car: CarSpec, allow_unlisted: bool) -> None:
    if allow_unlisted or car.alternate_series in ASSIGNED_CLASS_SERIES:
        return
    if any(find_listing(car, t) for t in LISTED_TABLES):
        return
    if any(find_exclusion(car, t) for t in EXCLUSION_TABLES):
        return
    raise UnknownCarError(
        f"{car.description} is not in the Sport or Tuner listings (Sport Category 10.1-10.6, "
        "Tuner Category 10.3-10.7); check the spelling, or if the car is really unlisted "
        "class it in Max by its engine with --allow-unlisted",
        closest_listings(car, (*LISTED_TABLES, *EXCLUSION_TABLES)),
    )
