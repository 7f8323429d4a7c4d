"""Inputs that cannot all be true are refused before any rule is applied."""

from __future__ import annotations

from trackside.classing.car import AlternateSeries, CarSpec, Drive, EngineKind, Induction
from trackside.classing.car import VehicleKind as Kind
from trackside.classing.drive import all_wheel_only, listing_drive
from trackside.classing.errors import ContradictoryInputError
from trackside.classing.listings import Listing
from trackside.classing.names import same_make

MIN_TIRE_MM, MAX_TIRE_MM = 100, 500
MIN_WEIGHT_LB = 500  # lighter than any car with its driver: a units slip (kg?) or a typo
MAX_DISPLACEMENT_L = 15.0


def check_consistency(car: CarSpec) -> None:
    """Raise ContradictoryInputError, with the input's neutral key, for the first contradiction."""
    for check in (_year, _tires, _weights, _engine, _induction, _kind, _series, _drive):
        problem = check(car)
        if problem:
            field, message = problem
            raise ContradictoryInputError(f"{car.description}: {message}", field=field)


def check_listing_drive(car: CarSpec, listing: Listing) -> None:
    """The car's drive against a listing that names one ("535i RWD", "440i xDrive")."""
    implied = listing_drive(listing.trim)
    if implied is not None and implied is not car.drive:
        raise ContradictoryInputError(
            f"{car.description}: declared {_drive_name(car.drive)}, but the listing "
            f"{listing.label} is {_drive_name(implied)} only",
            field="drive",
        )


def _drive_name(drive: Drive) -> str:
    return "AWD" if drive is Drive.ALL_WHEEL else "2WD"


def _year(car: CarSpec) -> tuple[str, str] | None:
    if not 1886 <= car.year <= 2100:
        return "year", f"model year {car.year} is not a car's model year"
    return None


def _tires(car: CarSpec) -> tuple[str, str] | None:
    widths = (("tire_width", car.tire_width_mm), ("oe_tire_width", car.oe_tire_width_mm))
    for field, width in widths:
        if width is not None and not MIN_TIRE_MM <= width <= MAX_TIRE_MM:
            return field, f"tire width {width} mm is outside {MIN_TIRE_MM}-{MAX_TIRE_MM} mm"
    if not car.dot and car.treadwear is not None:
        return "treadwear", "non-DOT tires carry no UTQG treadwear grade"
    if car.treadwear is not None and not 0 < car.treadwear <= 1500:
        return "treadwear", f"UTQG treadwear {car.treadwear} is not a grade (1-1500)"
    oe_width = car.oe_tire_width_mm
    if car.oe_tires and oe_width is not None and car.tire_width_mm != oe_width:
        return "oe_tires", f"OE tires, but {car.tire_width_mm} mm is not the OE {oe_width} mm"
    return None


def _weights(car: CarSpec) -> tuple[str, str] | None:
    for field, weight in (("weight", car.weight_lb), ("curb_weight", car.curb_weight_lb)):
        if weight is not None and weight < MIN_WEIGHT_LB:
            return field, f"{weight:g} lb is below any car's physical weight (kg instead of lb?)"
    weight, curb = car.weight_lb, car.curb_weight_lb
    if weight is not None and curb is not None and weight < curb / 2:
        return "weight", f"{weight:g} lb with driver is under half the {curb:g} lb curb weight"
    return None


def _engine(car: CarSpec) -> tuple[str, str] | None:
    if car.engine is EngineKind.ELECTRIC:
        if car.displacement_l is not None:
            return "displacement", "an electric motor has no displacement; give its power in kW"
        if car.induction is not Induction.NATURAL or car.forced_induction_added:
            return "induction", "an electric motor has no forced induction"
    if car.displacement_l is not None and not 0 < car.displacement_l <= MAX_DISPLACEMENT_L:
        return "displacement", f"{car.displacement_l:g} L is not an engine displacement"
    if car.motor_kw is not None and car.motor_kw <= 0:
        return "kw", f"{car.motor_kw:g} kW is not a motor rating"
    return None


def _induction(car: CarSpec) -> tuple[str, str] | None:
    units = car.forced_induction_units
    if units is None:
        return None
    if car.induction is Induction.NATURAL and not car.forced_induction_added and units > 0:
        return "boost_units", f"{units} boost unit(s) on a naturally aspirated engine"
    if car.induction is Induction.MULTI and units < 2:
        return "boost_units", "multi-unit induction needs at least 2 units"
    if car.induction is Induction.SINGLE and not car.forced_induction_added and units != 1:
        return "boost_units", f"single-unit induction with {units} units"
    return None


def _kind(car: CarSpec) -> tuple[str, str] | None:
    if car.racer_class and car.kind is not Kind.RACER:
        return "racer_class", "a racer class is given for a car that is not a formula/sports racer"
    return None


def _series(car: CarSpec) -> tuple[str, str] | None:
    if car.alternate_series is AlternateSeries.SPEC_MIATA and not same_make("Mazda", car.make):
        return "series", "Spec Miata preparation on a car that is not a Mazda"
    return None


def _drive(car: CarSpec) -> tuple[str, str] | None:
    model = all_wheel_only(car.make, car.model, car.trim)
    if model and car.drive is Drive.TWO_WHEEL:
        return "drive", f"declared 2WD, but the {model} is all-wheel drive"
    return None
