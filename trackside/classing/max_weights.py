"""Max Category weights: class minimums, 95% of curb weight, underweight bump-ups.

Each class has a minimum weight with driver, or 95% of curb weight if greater (8.1.1-8.5.1).
A car under its engine class's minimum may move up to a faster class through the underweight
bands (8.1.2, 8.2.2, 8.3.2, 8.4.2): weighing less than the band's top but not less than its
floor or 95% of curb weight. The nearest (slowest) band that holds the weight is used: the M4
bands to M2 (1,800-2,000 lb) and M1 (1,600-2,000 lb) overlap, and the car goes to M2.
Low-production cars (8.1.3) go to Max 1 down to 1,100 lb.
"""

from __future__ import annotations

from dataclasses import dataclass

from trackside.classing.classes import CarClass
from trackside.classing.result import Reason

M = "Max Category 8"
CLASS_MINIMUM = {
    CarClass.M1: (2500, f"{M}.1.1"),
    CarClass.M2: (2800, f"{M}.2.1"),
    CarClass.M3: (2500, f"{M}.3.1"),
    CarClass.M4: (2200, f"{M}.4.1"),
    CarClass.M5: (1900, f"{M}.5.1"),
}
LOW_PRODUCTION_MINIMUM = (1100, f"{M}.1.3.A")
CURB_SHARE = 0.95


@dataclass(frozen=True)
class Band:
    """An underweight bump-up: cars of `engine_class` weighing floor <= w < top go to `to`."""

    engine_class: CarClass
    to: CarClass
    floor: int
    top: int
    rule: str


BANDS: tuple[Band, ...] = (
    Band(CarClass.M2, CarClass.M1, 2400, 2800, f"{M}.1.2.A"),
    Band(CarClass.M3, CarClass.M2, 2300, 2500, f"{M}.2.2.A"),
    Band(CarClass.M3, CarClass.M1, 2000, 2300, f"{M}.1.2.B"),
    Band(CarClass.M4, CarClass.M3, 2000, 2200, f"{M}.3.2.A"),
    Band(CarClass.M4, CarClass.M2, 1800, 2000, f"{M}.2.2.B"),
    Band(CarClass.M4, CarClass.M1, 1600, 2000, f"{M}.1.2.C"),
    Band(CarClass.M5, CarClass.M4, 1700, 1900, f"{M}.4.2.A"),
    Band(CarClass.M5, CarClass.M3, 1500, 1700, f"{M}.3.2.B"),
    Band(CarClass.M5, CarClass.M2, 1300, 1500, f"{M}.2.2.C"),
    Band(CarClass.M5, CarClass.M1, 1100, 1300, f"{M}.1.2.D"),
)


def curb_floor(curb_weight_lb: float | None) -> float | None:
    return round(curb_weight_lb * CURB_SHARE, 1) if curb_weight_lb is not None else None


def minimum_text(minimum: int, curb: float | None) -> tuple[float, str]:
    """The effective minimum and how it was found: "2,500 lb (class minimum)"."""
    floor = curb_floor(curb)
    if floor is not None and floor > minimum:
        return floor, f"{floor:,g} lb (95% of the {curb:,g} lb curb weight)"
    return minimum, f"{minimum:,} lb (class minimum)"


def weigh(
    engine_class: CarClass, weight: float, curb: float | None
) -> tuple[CarClass | None, Reason]:
    """The Max class for this engine class and weight, or None (with why) when the car is
    lighter than every band allows."""
    minimum, rule = CLASS_MINIMUM[engine_class]
    effective, how = minimum_text(minimum, curb)
    if weight >= effective:
        return engine_class, Reason(f"weighs {weight:,g} lb with driver ≥ {how}", rule)
    for band in (b for b in BANDS if b.engine_class is engine_class):
        floor, _ = minimum_text(band.floor, curb)
        if floor <= weight < band.top:
            text = (
                f"weighs {weight:,g} lb with driver, under the {engine_class.value} minimum "
                f"{how}: underweight, {floor:,g} ≤ {weight:,g} < {band.top:,} lb moves it to "
                f"{band.to.value}"
            )
            return band.to, Reason(text, band.rule)
    text = f"weighs {weight:,g} lb with driver, under {how} and every underweight band"
    return None, Reason(text, rule)


def weigh_low_production(weight: float, curb: float | None) -> tuple[CarClass | None, Reason]:
    """Max 8.1.3.A: low-production cars within Max 2-5 engine limits, Max 1 down to 1,100 lb."""
    minimum, rule = LOW_PRODUCTION_MINIMUM
    effective, how = minimum_text(minimum, curb)
    if weight >= effective:
        text = f"fewer than 1,000 made: Max 1 at {weight:,g} lb with driver ≥ {how}"
        return CarClass.M1, Reason(text, rule)
    return None, Reason(f"fewer than 1,000 made, and {weight:,g} lb is under {how}", rule)
