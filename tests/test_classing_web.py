"""The `/classify` page and its JSON twin name inputs the way the form shows them (issue
"Trust: mistakes caught...", items 4 and 5), over the classing router alone (no database).

Hand-checked: UTQG 180 is under the 200 minimum of Sport/Tuner 3.2.1 and Max 3.2.2, so the
car is Unlimited; U2 or U1 depends on displacement and weight (Unlimited Category 3.2)."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from trackside.web import classing

CIVIC = {"year": "2019", "make": "Honda", "model": "Civic", "trim": "Type R",
         "tire_width": "245", "treadwear": "200"}


@pytest.fixture(scope="module")
def client() -> TestClient:
    app = FastAPI()
    app.include_router(classing.router)
    return TestClient(app)


def test_a_bad_number_is_named_by_its_form_label(client):
    page = client.get("/classify", params={**CIVIC, "displacement": "4.0l"})
    assert page.status_code == 200
    assert ("OE displacement (litres): expected a number of litres like 4.0, got &#39;4.0l&#39;"
            in page.text)
    assert "displacement_l" not in page.text


def test_the_json_twin_names_the_query_parameter(client):
    reply = client.get("/api/classify", params={**CIVIC, "displacement": "4.0l"})
    assert reply.status_code == 422
    assert reply.json() == {
        "detail": "field 'displacement': expected a number of litres like 4.0, got '4.0l'",
        "field": "displacement",
    }


def test_180_treadwear_answers_unlimited_and_lists_what_the_class_needs(client):
    page = client.get("/classify", params={**CIVIC, "treadwear": "180"})
    assert "Unlimited Category, class not decided (U2 or U1)" in page.text
    assert "<strong>OE displacement (litres)</strong>" in page.text
    assert "<strong>Weight with driver (lb)</strong>" in page.text
    twin = client.get("/api/classify", params={**CIVIC, "treadwear": "180"}).json()
    assert (twin["category"], twin["class"]) == ("Unlimited", None)
    assert [m["field"] for m in twin["missing"]] == ["displacement", "weight"]
