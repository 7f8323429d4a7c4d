"""The registration desk's class check (issue 15, "Registration desk: the class check through
the classifier"): an entry's car classified as `trackside classify` and the /classify page do
(rules VII), beside the class the entry declares, and whether they agree."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from trackside.classing.car import CarSpec
from trackside.classing.classes import CarClass
from trackside.classing.classifier import classify
from trackside.classing.fields import REQUIRED, car_spec, field_key, has_car_data
from trackside.errors import InputError


@dataclass(frozen=True, slots=True)
class ClassCheck:
    """What the classifier says of an entry's car.

    `found` is the class (None when undecided or not classified); `summary` the rule path in
    one line; `problem` why the car could not be classified (too little data, a bad value);
    `agrees` whether the declared class is the class found, or one an undecided answer can
    still be (None when nothing was classified)."""

    declared: str
    found: str | None
    summary: str
    reasons: tuple[tuple[str, str], ...] = ()
    """The rule path: (what was found, the rule), in order."""
    candidates: tuple[str, ...] = ()
    problem: str | None = None
    agrees: bool | None = None

    @property
    def mismatch(self) -> bool:
        return self.agrees is False

    @property
    def suggested(self) -> str | None:
        """The class one button applies: the class found, when decided and different."""
        return self.found if self.mismatch else None


def car_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """The entry's values the classifier reads (its car columns, extra columns included)."""
    return {k: v for k, v in values.items()
            if field_key(k) in CarSpec.model_fields and v not in (None, "")}  # fmt: skip


def check_class(declared: str, values: Mapping[str, Any]) -> ClassCheck:
    """Classify the car `values` describe (entry columns: year, make, model, tire_width, ...)
    and compare with `declared`."""
    car = car_values(values)
    if not has_car_data(car):
        missing = [name for name in REQUIRED if field_key(name) not in {field_key(k) for k in car}]
        return ClassCheck(declared, None, "", problem=f"not enough car data to classify: "
                                                      f"needs {', '.join(missing)}")  # fmt: skip
    try:
        answer = classify(car_spec(car))
    except InputError as err:
        where = f"{err.field}: " if err.field else ""
        return ClassCheck(declared, None, "", problem=f"cannot be classified: {where}"
                                                      f"{err.message.splitlines()[0]}")  # fmt: skip
    wanted = declared.strip().upper()
    agrees = wanted == (answer.car_class.value if answer.car_class else None) or wanted in {
        c.value for c in answer.candidates}
    found = answer.car_class.value if answer.car_class else None
    return ClassCheck(declared, found, answer.summary(),
                      tuple((r.text, r.rule) for r in answer.reasons),
                      tuple(c.value for c in answer.candidates), None, agrees)  # fmt: skip


def is_scca_class(name: str) -> bool:
    """`name` is one of the SCCA Time Trials classes (rules VII), whatever its case."""
    return name.strip().upper() in CarClass.__members__
