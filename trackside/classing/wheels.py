"""Sport Category 3.1.1.F: minimum weight of aftermarket, accessory or non-standard OE wheels.

Minimum weight = (diameter + width) x multiplier, the multiplier by rim diameter:
15 in 0.48; 16 and 17 in 0.58; 18 in 0.65; 19 and 20 in 0.71. The rule gives no multiplier for
other diameters, so those wheels are reported as not checked. Tuner has no wheel weight rule
(Tuner 3.1.2).
"""

from __future__ import annotations

from trackside.classing.car import Wheel
from trackside.classing.result import Reason

RULE = "Sport Category 3.1.1.F"
MULTIPLIERS = {15: 0.48, 16: 0.58, 17: 0.58, 18: 0.65, 19: 0.71, 20: 0.71}


def minimum_wheel_weight(diameter_in: float, width_in: float) -> float | None:
    """The minimum weight in lb, or None when the rule has no multiplier for the diameter."""
    multiplier = MULTIPLIERS.get(int(diameter_in)) if float(diameter_in).is_integer() else None
    if multiplier is None:
        return None
    return round((diameter_in + width_in) * multiplier, 2)


def check_wheel(wheel: Wheel) -> tuple[bool, Reason]:
    """(passes, explanation) for one non-OE wheel."""
    size = f"{_num(wheel.diameter_in)}x{_num(wheel.width_in)}"
    minimum = minimum_wheel_weight(wheel.diameter_in, wheel.width_in)
    if minimum is None:
        return True, Reason(f"{size} wheel: no multiplier for this diameter, not checked", RULE)
    formula = (
        f"({_num(wheel.diameter_in)} + {_num(wheel.width_in)}) x "
        f"{MULTIPLIERS[int(wheel.diameter_in)]}"
    )
    passes = wheel.weight_lb >= minimum
    relation = "≥" if passes else "<"
    text = (
        f"{size} wheel weighs {_num(wheel.weight_lb)} lb {relation} "
        f"{_num(minimum)} lb minimum {formula}"
    )
    return passes, Reason(text, RULE)


def _num(value: float) -> str:
    return f"{value:g}"
