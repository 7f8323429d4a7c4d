"""Unlimited Category (U1, U2) and the regional sports-racer classes (TTS, TTA, TTW, TTN, TTV).

Unlimited 3.2: U2 is production silhouette at 1,750 lb or more with driver and 3.0 L or less
corrected displacement; U1 everything else production-based (3.1). Corrected displacement
(3.3): rotary x2, 2-cycle x2, forced induction x1.5 on the actual or corrected displacement, plus
0.5 for each extra unit. Unlimited 4: suggested regional classes for formula cars, sports
racers and specials (not eligible at National events).
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

from trackside.classing.car import CarSpec, EngineKind
from trackside.classing.classes import CarClass, Category
from trackside.classing.errors import IncompleteCarError
from trackside.classing.input_names import DESCRIPTIONS
from trackside.classing.max_engines import litres as _l
from trackside.classing.names import tokens
from trackside.classing.trail import Trail, Undecided

U = "Unlimited Category"
U2_MIN_WEIGHT_LB = 1750
U2_MAX_CORRECTED_L = 3.0
CYCLE_FACTOR = {EngineKind.ROTARY: 2.0, EngineKind.TWO_CYCLE: 2.0}
U2_OR_U1 = Undecided(Category.UNLIMITED, (CarClass.U2, CarClass.U1))


def corrected_displacement(car: CarSpec) -> tuple[float, str] | None:
    """(litres, how) per Unlimited 3.3; None for an electric car (no displacement rule).
    IncompleteCarError (key `displacement`) when the displacement is not given."""
    if car.engine is EngineKind.ELECTRIC:
        return None
    if car.displacement_l is None:
        raise IncompleteCarError(
            f"{car.description}: the corrected displacement needs the OE displacement",
            field="displacement",
        )
    value, steps = car.displacement_l, [f"{_l(car.displacement_l)} L"]
    if car.engine in CYCLE_FACTOR:
        value *= CYCLE_FACTOR[car.engine]
        steps.append(f"x 2.0 ({car.engine.value})")
    units = car.boost_units
    if units:
        factor = 1.5 + 0.5 * (units - 1)
        value *= factor
        steps.append(f"x {_l(factor)} ({units} forced-induction unit{'s' if units > 1 else ''})")
    if len(steps) == 1:
        steps.append("(no modifier applies)")
    return round(value, 3), " ".join(steps)


def classify_unlimited(car: CarSpec, trail: Trail) -> CarClass | Undecided:
    """U2 when small enough in displacement and heavy enough; U1 otherwise (3.2). Without
    the inputs that decide it the answer is Unlimited, U2 or U1, with what is missing."""
    if car.engine is not EngineKind.ELECTRIC and car.displacement_l is None:
        return _without_displacement(car, trail)
    corrected = corrected_displacement(car)
    if corrected is None:
        trail.step("electric: U2's limit is a corrected displacement, so U1", f"{U} 3.1")
        return CarClass.U1
    litres, how = corrected
    if litres > U2_MAX_CORRECTED_L:
        text = (
            f"corrected displacement {how} = {_l(litres)} L > {_l(U2_MAX_CORRECTED_L)} L U2 limit"
        )
        trail.step(text, f"{U} 3.2.2, 3.3")
        return CarClass.U1
    text = f"corrected displacement {how} = {_l(litres)} L ≤ {_l(U2_MAX_CORRECTED_L)} L"
    trail.step(text, f"{U} 3.2.2, 3.3")
    return _by_weight(car, trail)


def _without_displacement(car: CarSpec, trail: Trail) -> CarClass | Undecided:
    """Under 1,750 lb the car is U1 whatever its engine; otherwise U2 or U1 is undecided."""
    if car.weight_lb is not None and car.weight_lb < U2_MIN_WEIGHT_LB:
        return _by_weight(car, trail)
    text = f"U2 is for {_l(U2_MAX_CORRECTED_L)} L or less corrected displacement"
    trail.need("displacement", DESCRIPTIONS["displacement"], text, f"{U} 3.2.2, 3.3")
    return _by_weight(car, trail)


def _by_weight(car: CarSpec, trail: Trail) -> CarClass | Undecided:
    if car.weight_lb is None:
        text = f"U2 is for {U2_MIN_WEIGHT_LB:,} lb or more with driver"
        trail.need("weight", DESCRIPTIONS["weight"], text, f"{U} 3.2.1")
        return U2_OR_U1
    if car.weight_lb < U2_MIN_WEIGHT_LB:
        text = f"weighs {car.weight_lb:,g} lb with driver < 1,750 lb U2 minimum"
        trail.step(text, f"{U} 3.2.1")
        return CarClass.U1
    trail.step(f"weighs {car.weight_lb:,g} lb with driver ≥ 1,750 lb", f"{U} 3.2.1")
    return U2_OR_U1 if trail.missing else CarClass.U2


@cache
def regional_classes() -> tuple[tuple[CarClass, str, tuple[str, ...], str], ...]:
    """(class, name, eligible racer classes, section) from data/regional_classes.csv."""
    source = resources.files("trackside.classing.data") / "regional_classes.csv"
    with source.open(encoding="utf-8") as handle:
        return tuple(
            (CarClass(r["car_class"]), r["name"], tuple(r["eligible"].split("|")), r["section"])
            for r in csv.DictReader(handle)
        )


def classify_regional(car: CarSpec, trail: Trail) -> CarClass:
    """A formula car, sports racer or special by its declared racer class; TTS otherwise."""
    wanted = "".join(tokens(car.racer_class))
    for car_class, name, eligible, section in regional_classes():
        if wanted and any("".join(tokens(e)) == wanted for e in eligible):
            trail.step(f"{car.racer_class} runs in {name}", section)
            return car_class
    what = f"'{car.racer_class}' is in no other regional class" if wanted else "no racer class"
    trail.step(f"{what}: Time Trial Special", f"{U} 4.1")
    return CarClass.TTS
