"""Only the page assets are served under /static (issue "Trust: …": `GET /static/__init__.py`
served the package's source)."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from trackside.web.assets import static_assets


@pytest.fixture(scope="module")
def client() -> TestClient:
    app = FastAPI()
    app.mount("/static", static_assets(), name="static")
    return TestClient(app)


@pytest.mark.parametrize("path", ["live.css", "live.js"])
def test_the_page_assets_are_served(client, path):
    reply = client.get(f"/static/{path}")
    assert reply.status_code == 200
    assert len(reply.content) > 100


@pytest.mark.parametrize("path", ["__init__.py", "__pycache__/__init__.cpython-311.pyc",
                                  "../app.py", "..%2Fapp.py", "LIVE.PY"])
def test_nothing_else_of_the_package_is(client, path):
    reply = client.get(f"/static/{path}")
    assert reply.status_code == 404
    assert b"import" not in reply.content
