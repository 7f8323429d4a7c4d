"""The classing form's fields: the query parameters it sends (the inputs' neutral keys) and
the label a user reads for each, so an error or a missing input is named as on the form."""

from __future__ import annotations

from trackside.errors import InputError

LABELS = {
    "year": "Year",
    "make": "Make",
    "model": "Model",
    "trim": "Trim",
    "drive": "Drive",
    "tire_width": "Widest tire, section width (mm)",
    "treadwear": "UTQG treadwear",
    "oe_tire_width": "OE tire width (mm)",
    "dot": "DOT-legal",
    "wheels": "Non-OE wheels",
    "prep": "Modifications fit within",
    "series": "Prepared for another series",
    "kind": "Vehicle",
    "racer_class": "Racer class",
    "low_production": "Fewer than 1,000 made",
    "engine": "Engine",
    "displacement": "OE displacement (litres)",
    "kw": "Electric motor power (kW)",
    "induction": "OE induction",
    "boost_units": "Forced-induction units as run",
    "forced_induction_added": "Forced induction added",
    "engine_modified": "Engine modified",
    "weight": "Weight with driver (lb)",
    "curb_weight": "OE curb weight (lb)",
    "modifications": "Modifications",
}
"""Form field (= neutral input key) → its label on the page."""
FIELDS = tuple(LABELS)
"""The query parameters the form sends; `points=1` adds the example points index."""
CHECKBOXES = ("forced_induction_added", "engine_modified", "low_production")
SOURCE = "form"


def label(key: str) -> str:
    """The label of a form field; an input the form has no field for by its key."""
    return LABELS.get(key, key)


def page_error(err: InputError) -> str:
    """The error as the page shows it, naming the form field by its label."""
    if err.source == SOURCE and err.field:
        return f"{label(err.field)}: {err.message}"
    return str(err).removeprefix(f"{SOURCE}: ")


def api_error(err: InputError) -> dict[str, str | None]:
    """The JSON twin's 422 body: the message naming the query parameter, and the parameter."""
    field = err.field if err.source == SOURCE else None
    return {"detail": str(err).removeprefix(f"{SOURCE}: "), "field": field}
