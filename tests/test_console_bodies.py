"""The write API's bodies (console.md, "The write API": 422 with the field at fault for bad
input): whatever JSON object arrives, it is either read into values of each field's type or
refused with 422 naming a field it gave or one it lacks; never anything else."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trackside.web.auth import Refusal
from trackside.web.write_bodies import (
    DECISION_BODY,
    FLAG_BODY,
    PASSING_BODY,
    form_values,
    json_values,
)

NAMES = st.sampled_from(["number", "kind", "session", "lap", "run", "at", "seconds", "count",
                         "reason", "author", "car", "state"])  # fmt: skip
VALUES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                   st.text(max_size=5), st.lists(st.integers(), max_size=2))  # fmt: skip
LOADED = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
"""The build machine is shared: generating inputs may be slow, never wrong."""


@pytest.mark.parametrize("body", [DECISION_BODY, FLAG_BODY, PASSING_BODY])
@LOADED
@given(doc=st.dictionaries(NAMES, VALUES, max_size=8))
def test_a_body_is_read_or_refused_naming_a_field(body, doc):
    given_names = {k for k, v in doc.items() if v is not None}
    try:
        values = json_values(body, json.dumps(doc).encode())
    except Refusal as refusal:
        assert refusal.status == 422
        named = refusal.extra["field"]
        assert named in given_names | {f.name for f in body if f.required}
        return
    fields = {f.name: f for f in body}
    assert set(values) <= given_names and set(values) <= set(fields)
    assert {f.name for f in body if f.required} <= set(values)
    for name, value in values.items():
        assert type(value) is fields[name].type


@LOADED
@given(doc=st.dictionaries(NAMES, st.text(max_size=4), max_size=8))
def test_a_form_is_read_or_refused_naming_a_field(doc):
    try:
        values = form_values(DECISION_BODY, {**doc, "csrf": "x", "next": "/console"})
    except Refusal as refusal:
        assert refusal.status == 422 and refusal.extra["field"] is not None
        return
    assert "csrf" not in values and "next" not in values
    assert {"number", "kind", "reason"} <= set(values)


BAD_BODIES = [  # raw body -> the detail (field None: no field to name)
    (b"[1, 2]", "expected a JSON object"),
    (b"{oops", "the body is not JSON"),
    (b'"text"', "expected a JSON object"),
]


@pytest.mark.parametrize(("raw", "detail"), BAD_BODIES)
def test_a_body_that_is_no_json_object(raw, detail):
    with pytest.raises(Refusal) as refused:
        json_values(FLAG_BODY, raw)
    assert (refused.value.status, refused.value.detail, refused.value.extra) == (
        422, detail, {"field": None})
