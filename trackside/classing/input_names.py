"""The neutral names of a car's inputs, and what each one expects.

The engine names an input by its neutral key (`tire_width`, `weight`, `displacement`): the
short name users type, without the unit the `CarSpec` field carries (`tire_width_mm`,
`weight_lb`, `displacement_l`). Errors and missing inputs carry the key; each front end names
it the way its user typed it (an option, a form field, a CSV column).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

ALIASES = {
    "tire_width": "tire_width_mm",
    "oe_tire_width": "oe_tire_width_mm",
    "weight": "weight_lb",
    "curb_weight": "curb_weight_lb",
    "displacement": "displacement_l",
    "kw": "motor_kw",
    "boost_units": "forced_induction_units",
    "series": "alternate_series",
    "mods": "modifications",
}
"""Neutral key → CarSpec field (only where they differ). Both names are accepted everywhere."""

_KEY_OF_FIELD = {field: key for key, field in ALIASES.items() if key != "mods"}

EXPECTED = {
    "year": "a model year like 2019",
    "tire_width": "a width in millimetres like 245",
    "oe_tire_width": "a width in millimetres like 245",
    "treadwear": "a UTQG treadwear grade like 200",
    "weight": "a weight in pounds like 2800",
    "curb_weight": "a weight in pounds like 2800",
    "displacement": "a number of litres like 4.0",
    "kw": "a motor power in kW like 150",
    "boost_units": "a whole number of forced-induction units like 1",
}
"""What a number input must look like, for "expected ..., got '4.0l'"."""

DESCRIPTIONS = {
    "displacement": "OE displacement (litres)",
    "kw": "OE rated motor power (kW)",
    "weight": "competition weight with driver (lb)",
}
"""What an input is, for "needs ..." (the inputs a class can depend on)."""


def field_of(name: str) -> str:
    """The CarSpec field a typed name means: `Tire-Width` → `tire_width_mm`."""
    key = re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")
    return ALIASES.get(key, key)


def input_key(name: str) -> str:
    """The neutral key of a typed name or CarSpec field: `weight_lb`, `Weight` → `weight`."""
    field = field_of(name)
    return _KEY_OF_FIELD.get(field, field)


def given_as(values: Mapping[str, Any], key: str) -> str | None:
    """The name under which `values` gave the input `key` (`Tire Width` for `tire_width`)."""
    return next((name for name in values if input_key(name) == key), None)
