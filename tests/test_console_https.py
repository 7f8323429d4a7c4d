"""console.md, "Sign-in and sessions": the session cookie is `Secure` when the console is served
over HTTPS (and only then, so that a plain-HTTP paddock network still signs in). The
application in-process, as a TLS-terminating proxy or uvicorn's own TLS hands it requests."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from trackside.services.accounts import add_user
from trackside.store import open_engine
from trackside.web.app import create_app


@pytest.mark.parametrize(("base", "secure"), [("https://paddock", True),
                                              ("http://paddock", False)])  # fmt: skip
def test_the_cookie_is_secure_over_https(tmp_path, base, secure):
    engine = open_engine(f"sqlite:///{tmp_path / 'https.db'}")
    add_user(engine, "sue", ["timing-chief"], "pw")
    with TestClient(create_app(engine), base_url=base) as client:
        answer = client.post("/login", data={"username": "sue", "password": "pw"},
                             follow_redirects=False)  # fmt: skip
    engine.dispose()
    assert answer.status_code == 303
    cookie = answer.headers["set-cookie"]
    assert ("; Secure" in cookie) == secure
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
