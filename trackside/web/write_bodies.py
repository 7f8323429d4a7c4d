"""The bodies of the write API (console.md, "The write API"): each endpoint's fields and their
types, read from JSON or from a console form, refused (422) naming the field at fault; and
their OpenAPI description (`/api/docs`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from trackside.web.auth import CSRF_FIELD, Refusal

Values = dict[str, Any]
FORM_ONLY = (CSRF_FIELD, "next")
"""A console form's own fields: the session's CSRF token and the page to go back to."""


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    type: type
    required: bool = False


FLAG_BODY = (Field("session", str, True), Field("state", str, True), Field("at", str, True))
DECISION_BODY = (Field("number", str, True), Field("kind", str, True), Field("session", str),
                 Field("lap", int), Field("run", int), Field("at", str), Field("seconds", float),
                 Field("count", int), Field("reason", str, True),
                 Field("laps", int), Field("places", int), Field("served_at", str))  # fmt: skip
REVOKE_BODY = (Field("reason", str, True),)
PASSING_BODY = (Field("number", str, True), Field("at", str, True), Field("reason", str, True))
TRANSPONDER_BODY = (Field("number", str, True), Field("transponder", str, True))
FINALIZE_BODY = (Field("reason", str),)
_JSON_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean"}


def schema(body: tuple[Field, ...]) -> dict[str, Any]:
    """The OpenAPI request body of a write (`/api/docs`): the fields parsed by `_checked`."""
    schema = {"type": "object", "additionalProperties": False,
              "properties": {f.name: {"type": _JSON_TYPES[f.type]} for f in body},
              "required": [f.name for f in body if f.required]}  # fmt: skip
    return {"requestBody": {"required": any(f.required for f in body),
                            "content": {"application/json": {"schema": schema}}}}


def json_values(body: tuple[Field, ...], raw: bytes) -> Values:
    if not raw.strip():
        doc: Any = {}
    else:
        try:
            doc = json.loads(raw)
        except ValueError:
            raise Refusal(422, "the body is not JSON", field=None) from None
    if not isinstance(doc, dict):
        raise Refusal(422, "expected a JSON object", field=None)
    return _checked(body, {k: v for k, v in doc.items() if v is not None}, strings=False)


def form_values(body: tuple[Field, ...], fields: dict[str, str]) -> Values:
    given = {k: v for k, v in fields.items() if k not in FORM_ONLY and v.strip() != ""}
    return _checked(body, given, strings=True)


def _checked(body: tuple[Field, ...], given: dict[str, Any], *, strings: bool) -> Values:
    """The body's values, each of its field's type; Refusal(422) naming the field at fault."""
    known = {f.name: f for f in body}
    for name in given:
        if name == "author":
            raise Refusal(422, "author is the signed-in account, never a field", field=name)
        if name not in known:
            raise Refusal(422, f"unknown field {name!r}; expected {', '.join(known)}",
                          field=name)  # fmt: skip
    values: Values = {}
    for field in body:
        if field.name not in given:
            if field.required:
                raise Refusal(422, f"{field.name} is required", field=field.name)
            continue
        values[field.name] = _typed(field, given[field.name], strings)
    return values


_TYPE_WORDS = {str: "text", int: "a whole number", float: "a number", bool: "true or false"}
_FORM_BOOLS = {"yes": True, "true": True, "on": True, "no": False, "false": False}
"""A console form's words for a `bool` field (JSON sends true or false)."""


def _typed(field: Field, value: Any, strings: bool) -> Any:
    if field.type is bool:
        found = _FORM_BOOLS.get(value.strip().lower()) if strings else value
        if isinstance(found, bool):
            return found
    elif strings and field.type is not str:
        try:
            return field.type(value)
        except ValueError:
            pass
    elif field.type is str and isinstance(value, str):
        if not value.strip() and field.required:
            raise Refusal(422, f"{field.name} is empty", field=field.name)
        return value
    elif field.type is int and isinstance(value, int) and not isinstance(value, bool):
        return value
    elif field.type is float and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    raise Refusal(422, f"{field.name}: expected {_TYPE_WORDS[field.type]}, got {value!r}",
                  field=field.name)  # fmt: skip
