"""Max Category (M1-M5): tires, kit cars, Tuner exclusion list, engine envelope, then weight.

Max 3.2 (tires: 200+ treadwear DOT, or OE tires on a Sport-prepared car), Max 1.3 and Eligible
Kit Cars, Tuner 10.1 (the cars on its exclusion list are "automatically placed in Max 1"),
Max 8.1-8.5 (engine envelopes, `max_engines`; weights, `max_weights`).
"""

from __future__ import annotations

from trackside.classing.car import CarSpec, EngineKind, VehicleKind
from trackside.classing.classes import CarClass, Category
from trackside.classing.errors import IncompleteCarError
from trackside.classing.kit_cars import find_kit_car
from trackside.classing.listings import Table, find_exclusion
from trackside.classing.max_engines import engine_class
from trackside.classing.max_weights import weigh, weigh_low_production
from trackside.classing.tires import max_oe_tire_allowance, street_tire_problem
from trackside.classing.trail import Trail

MAX = Category.MAX


def classify_max(car: CarSpec, trail: Trail) -> CarClass | None:
    """The Max class, or None with the reason recorded (the car then goes to Unlimited)."""
    if not _tires_pass(car, trail) or not _kit_passes(car, trail):
        return None
    excluded = find_exclusion(car, Table.TUNER_EXCLUSIONS)
    if excluded is not None and car.kind is VehicleKind.PRODUCTION:
        text = f"on the Tuner exclusion list as '{excluded.name}': automatically Max 1"
        trail.step(text, excluded.section)
        return CarClass.M1
    require_max_facts(car, trail)
    by_engine, reason = engine_class(car)
    trail.add(reason)
    assert car.weight_lb is not None
    if car.low_production and by_engine is not CarClass.M1:
        fitted, why = weigh_low_production(car.weight_lb, car.curb_weight_lb)
    else:
        fitted, why = weigh(by_engine, car.weight_lb, car.curb_weight_lb)
    if fitted is None:
        trail.reject(MAX, why)
        return None
    trail.add(why)
    return fitted


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
    """Max classing needs the engine size and the weight with driver."""
    missing = []
    if car.engine is EngineKind.ELECTRIC and car.motor_kw is None:
        missing.append("motor_kw (OE rated motor power)")
    if car.engine is not EngineKind.ELECTRIC and car.displacement_l is None:
        missing.append("displacement_l (OE displacement)")
    if car.weight_lb is None:
        missing.append("weight_lb (competition weight with driver)")
    if missing:
        context = "; ".join(i.sentence() for i in trail.against)
        raise IncompleteCarError(
            f"{car.description} goes to Max ({context}); Max classing needs " + ", ".join(missing),
            field=missing[0].split()[0],
        )
