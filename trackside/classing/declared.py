"""Checking a declared class against the car described on an entry (issue: entries import).

A disagreement is a warning for the registrar, never an error: the entry keeps its declared
class until someone changes it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from trackside.classing.car import CarSpec
from trackside.classing.classes import CarClass
from trackside.classing.classifier import classify
from trackside.classing.fields import car_spec, field_key, has_car_data
from trackside.classing.input_names import given_as
from trackside.classing.result import Classification
from trackside.errors import InputError


def declared_class_warning(declared: str, values: Mapping[str, Any]) -> str | None:
    """Why `declared` looks wrong for the car `values` describe, or None when it agrees or
    there is not enough to say (no SCCA class declared, or too little car data). Inputs are
    named by the CSV column that gave them (`column 'tire_width'`)."""
    wanted = declared.strip().upper()
    if wanted not in CarClass.__members__:
        return None
    car_values = {k: v for k, v in values.items() if field_key(k) in CarSpec.model_fields}
    if not has_car_data(car_values):
        return None
    try:
        answer = classify(car_spec(car_values))
    except InputError as err:
        where = f"{_column(car_values, err.field)}: " if err.field else ""
        first = err.message.splitlines()[0]
        return f"declared {declared}, but the car cannot be classified: {where}{first}"
    if _agrees(answer, CarClass(wanted)):
        return None
    found = answer.car_class.value if answer.car_class else f"{answer.category.value} Category"
    summary = answer.summary(lambda key: _column(car_values, key))
    return f"declared {declared}, classifies as {found}: {summary}"


def _agrees(answer: Classification, declared: CarClass) -> bool:
    """The same class, or one of the classes an undecided answer can still be."""
    return declared == answer.car_class or declared in answer.candidates


def _column(values: Mapping[str, Any], key: str) -> str:
    return f"column '{given_as(values, key) or key}'"
