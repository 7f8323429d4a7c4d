"""A `CarSpec` from loose named values: command-line options, entry-list columns, a car file.

Users type short names (`tire_width`, `weight`, `displacement`); the model's fields carry units
(`tire_width_mm`, `weight_lb`, `displacement_l`). This is where loose values become a car, and
a validation failure an `InputError` carrying the input's neutral key (`input_names`).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from trackside.classing.car import CarSpec, Wheel
from trackside.classing.input_names import ALIASES, EXPECTED, input_key
from trackside.classing.input_names import field_of as field_key
from trackside.errors import InputError

CAR_FIELDS = frozenset(CarSpec.model_fields) | frozenset(ALIASES)
REQUIRED = ("year", "make", "model", "tire_width")
"""What an entry needs before it can be classified (the listing and the tire rule)."""
_PARSING = {"int_parsing", "int_from_float", "float_parsing", "bool_parsing", "int_type",
            "float_type", "finite_number"}

_WHEEL = re.compile(r"^\s*([\d.]+)\s*[xX×]\s*([\d.]+)\s*@\s*([\d.]+)\s*(?:lb)?\s*$")


def has_car_data(values: Mapping[str, Any]) -> bool:
    """Enough is given to classify: year, make, model and the widest tire's width."""
    keys = {field_key(k) for k, v in values.items() if _given(v)}
    return all(field_key(name) in keys for name in REQUIRED)


def car_spec(
    values: Mapping[str, Any], *, source: str | None = None, line: int | None = None
) -> CarSpec:
    """The car the values describe; `InputError` naming the first bad input by its neutral key
    (`displacement`), or an unknown name as typed."""
    data: dict[str, Any] = {}
    for name, value in values.items():
        if not _given(value):
            continue
        key = field_key(name)
        if key not in CarSpec.model_fields:
            raise InputError(f"unknown car field (known: {_known()})", source=source,
                             line=line, field=name)
        data[key] = _value(key, value, source=source, line=line)
    try:
        return CarSpec(**data)
    except ValidationError as err:
        first = _first_problem(err)
        key = input_key(str(first["loc"][0])) if first["loc"] else ""
        raise InputError(_message(key, first), source=source, line=line, field=key) from None


def read_car_file(path: Path) -> dict[str, Any]:
    """A car described in TOML (top-level keys as `car_spec` takes them)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror}", source=str(path)) from None
    except tomllib.TOMLDecodeError as err:
        raise InputError(f"not valid TOML: {err}", source=str(path)) from None
    return data.get("car", data)


def parse_wheel(text: str) -> Wheel:
    """ "17x9@19.5": a 17 in × 9 in wheel weighing 19.5 lb (Sport 3.1.1.F)."""
    match = _WHEEL.match(text)
    if not match:
        raise InputError(f"wheel {text!r} is not DIAMETERxWIDTH@POUNDS, e.g. 17x9@19.5",
                         field="wheel")
    diameter, width, weight = (float(g) for g in match.groups())
    try:
        return Wheel(diameter_in=diameter, width_in=width, weight_lb=weight)
    except ValidationError:
        raise InputError(f"wheel {text!r}: sizes and weight must be above 0",
                         field="wheel") from None


def _value(key: str, value: Any, *, source: str | None, line: int | None) -> Any:
    if key == "modifications" and isinstance(value, str):
        return tuple(m.strip() for m in re.split(r"[;,]", value) if m.strip())
    if key == "wheels":
        items = re.split(r"[;,]", value) if isinstance(value, str) else value
        try:
            return tuple(parse_wheel(w) if isinstance(w, str) else w for w in items)
        except InputError as err:
            raise InputError(err.message, source=source, line=line, field="wheels") from None
    if key == "dot" and isinstance(value, str):
        return value.strip().lower() not in ("no", "false", "0", "non-dot", "n")
    return value.strip() if isinstance(value, str) else value


def _given(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _first_problem(err: ValidationError) -> Mapping[str, Any]:
    """A bad value before a missing one: `--displacement 4.0l` is the news, not `--year`."""
    errors = err.errors()
    return next((e for e in errors if e["type"] != "missing"), errors[0])


def _message(key: str, error: Mapping[str, Any]) -> str:
    """ "expected a number of litres like 4.0, got '4.0l'"; pydantic's words otherwise."""
    kind, got = error["type"], error.get("input")
    if kind == "missing":
        return "required to classify the car"
    if kind == "enum":
        return f"expected {error['ctx']['expected']}, got {got!r}"
    if kind in _PARSING:
        return f"expected {EXPECTED.get(key, 'a number')}, got {got!r}"
    text = str(error["msg"])
    return text[0].lower() + text[1:]


def _known() -> str:
    return ", ".join(input_key(k) for k in CarSpec.model_fields)
