"""Max Category (M1-M5): tires, kit cars, Tuner exclusion list, engine envelope, then weight.

Max 3.2 (tires: 200+ treadwear DOT, or OE tires on a Sport-prepared car), Max 1.3 and Eligible
Kit Cars, Tuner 10.1 (the cars on its exclusion list are "automatically placed in Max 1"),
Max 8.1-8.5 (engine envelopes, `max_engines`; weights, `max_weights`).
"""

from __future__ import annotations

from trackside.classing.car import CarSpec, EngineKind, VehicleKind
from trackside.classing.classes import CarClass, Category
from trackside.classing.errors import IncompleteCarError
from trackside.classing.input_names import DESCRIPTIONS
from trackside.classing.kit_cars import find_kit_car
from trackside.classing.listings import Table, find_exclusion
from trackside.classing.max_engines import engine_class
from trackside.classing.max_weights import weigh, weigh_low_production
from trackside.classing.result import Reason
from trackside.classing.tires import max_oe_tire_allowance, street_tire_problem
from trackside.classing.trail import Trail, Undecided

MAX = Category.MAX
MAX_CLASSES = (CarClass.M5, CarClass.M4, CarClass.M3, CarClass.M2, CarClass.M1)
ENGINE_RULE = "Max Category 8.1.1-8.5.1"


def classify_max(car: CarSpec, trail: Trail) -> CarClass | Undecided | None:
    """The Max class, or None with the reason recorded (the car then goes to Unlimited).

    Without the engine size, a car heavy enough for every Max class is Max with the class
    undecided; without the weight, Max itself is uncertain (IncompleteCarError)."""
    if not _tires_pass(car, trail) or not _kit_passes(car, trail):
        return None
    excluded = find_exclusion(car, Table.TUNER_EXCLUSIONS)
    if excluded is not None and car.kind is VehicleKind.PRODUCTION:
        text = f"on the Tuner exclusion list as '{excluded.name}': automatically Max 1"
        trail.step(text, excluded.section)
        return CarClass.M1
    require_max_facts(car, trail)
    if _engine_size(car) is None:
        return _without_engine_size(car, trail)
    by_engine, reason = engine_class(car)
    trail.add(reason)
    fitted, why = _weigh(car, by_engine)
    if fitted is None:
        trail.reject(MAX, why)
        return None
    trail.add(why)
    return fitted


def _weigh(car: CarSpec, by_engine: CarClass) -> tuple[CarClass | None, Reason]:
    assert car.weight_lb is not None
    if car.low_production and by_engine is not CarClass.M1:
        return weigh_low_production(car.weight_lb, car.curb_weight_lb)
    return weigh(by_engine, car.weight_lb, car.curb_weight_lb)


def _engine_size(car: CarSpec) -> float | None:
    return car.motor_kw if car.engine is EngineKind.ELECTRIC else car.displacement_l


def _size_key(car: CarSpec) -> str:
    return "kw" if car.engine is EngineKind.ELECTRIC else "displacement"


def _without_engine_size(car: CarSpec, trail: Trail) -> Undecided:
    """Every Max class takes the car's weight (8.1.1-8.5.1): Max, the class by engine size."""
    classes = _weights_by_class(car)
    key = _size_key(car)
    trail.step(f"weighs {car.weight_lb:,g} lb with driver: every Max class takes that weight",
               "Max Category 8.1-8.5")
    trail.need(key, DESCRIPTIONS[key], "the Max class is set by the engine envelope",
               ENGINE_RULE)
    return Undecided(MAX, tuple(c for c in MAX_CLASSES if c in classes))


def _tires_pass(car: CarSpec, trail: Trail) -> bool:
    problem = street_tire_problem(car, "Max")
    if problem is None:
        return True
    allowance = max_oe_tire_allowance(car)
    if allowance is None:
        trail.reject(MAX, problem)
        return False
    trail.add(allowance)
    return True


def _kit_passes(car: CarSpec, trail: Trail) -> bool:
    if car.kind is not VehicleKind.KIT:
        return True
    kit = find_kit_car(car)
    if kit is None:
        trail.not_in(MAX, "a kit car not on the eligible list", "Max Category, Eligible Kit Cars")
        return False
    trail.step(f"eligible kit car: {kit.name}", kit.section)
    return True


def require_max_facts(car: CarSpec, trail: Trail) -> None:
    """Max needs the weight with driver to know the car is Max at all (a car lighter than
    every band is Unlimited); and the engine size too, unless every Max class takes the
    weight. IncompleteCarError carries the first missing input's neutral key."""
    missing = [] if car.weight_lb is not None else ["weight"]
    if _engine_size(car) is None and (missing or None in _weights_by_class(car)):
        missing.insert(0, _size_key(car))
    if missing:
        context = "; ".join(i.sentence() for i in trail.against)
        needs = " and the ".join(DESCRIPTIONS[key] for key in missing)
        raise IncompleteCarError(
            f"{car.description} goes to Max ({context}); Max classing needs the {needs}",
            field=missing[0],
        )


def _weights_by_class(car: CarSpec) -> set[CarClass | None]:
    return {_weigh(car, by_engine)[0] for by_engine in MAX_CLASSES}
