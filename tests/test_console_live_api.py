"""The officials' screens' live documents and streams (docs/console.md, "Live") against a real
`trackside serve`: signed-in only, for the roles that may open the screen (console.md's table);
401 without an account, 403 naming the roles, 404 for an unknown event or session; the
documents as the screens show them."""

from __future__ import annotations

import httpx
import pytest

from tests.console_server import EVENT, console_server

PATHS = {
    "timing": f"/api/console/events/{EVENT}/timing",
    "timing stream": f"/api/console/events/{EVENT}/timing/stream",
    "race control": f"/api/console/events/{EVENT}/race-control",
    "race control stream": f"/api/console/events/{EVENT}/race-control/stream",
}
ANSWERS = {  # role (None: no account) -> status of the timing and race control paths
    None: (401, 401),
    "timing-chief": (200, 403),
    "competition-director": (403, 200),
    "event-lead": (200, 200),
    "registrar": (403, 403),
    "pit-marshal": (403, 403),
}


@pytest.fixture(scope="module")
def console(tmp_path_factory):
    with console_server(tmp_path_factory.mktemp("console-live")) as running:
        yield running


def status(console, path: str, role: str | None) -> int:
    headers = {} if role is None else {"Authorization": f"Bearer {console.tokens[role]}"}
    with httpx.stream("GET", console.url + path, headers=headers, timeout=10) as answer:
        if answer.status_code == 200 and path.endswith("/stream"):
            assert answer.headers["content-type"].startswith("text/event-stream")
        return answer.status_code


@pytest.mark.parametrize(("role", "answers"), ANSWERS.items())
def test_the_screens_live_parts_need_an_account_that_may_open_the_screen(console, role,
                                                                         answers):
    timing, race_control = answers
    assert {name: status(console, path, role) for name, path in PATHS.items()} == {
        "timing": timing, "timing stream": timing,
        "race control": race_control, "race control stream": race_control}


def test_a_refusal_names_the_roles_that_may(console):
    answer = httpx.get(console.url + PATHS["race control"], timeout=10,
                       headers={"Authorization": f"Bearer {console.tokens['timing-chief']}"})
    assert answer.status_code == 403
    assert answer.json()["allowed_roles"] == ["event-lead", "competition-director"]


def test_unknown_events_and_sessions_are_404(console):
    headers = {"Authorization": f"Bearer {console.tokens['event-lead']}"}
    for path in ("/api/console/events/nope/timing/stream",
                 f"{PATHS['race control stream']}?session=TA9"):
        assert httpx.get(console.url + path, headers=headers, timeout=10).status_code == 404


def test_a_session_cookie_opens_them_until_signed_out(console):
    with console.signed_in("timing-chief") as client:
        assert client.get(PATHS["timing"]).status_code == 200
        csrf = client.get("/api/session").json()["csrf"]
        assert client.post("/logout", data={"csrf": csrf}).status_code == 303
        assert client.get(PATHS["timing"]).status_code == 401


def test_the_timing_stand_document(console):
    doc = httpx.get(console.url + PATHS["timing"], timeout=10,
                    headers={"Authorization": f"Bearer {console.tokens['timing-chief']}"}).json()
    assert [(s["id"], s["flag"], s["state"], s["elapsed"], [f["state"] for f in s["flags"]])
            for s in doc["sessions"]] == [
        ("TA1-A", "Checkered flag", "checkered", "20:00", ["green", "checkered"]),
        ("TA1-I", "Not started", "", "0:00", []),
    ]  # fmt: skip
    assert [(p["time"], p["transponder"], p["number"]) for p in doc["passings"][:3]] == [
        ("09:05:21.000", "7777", None), ("09:05:20.000", "1002", "22"),
        ("09:05:03.000", "1001", "21")]
    assert doc["unknown"] == [{"transponder": "7777", "passings": 1, "first": "09:05:21.000",
                               "last": "09:05:21.000"}]  # fmt: skip
    assert doc["provisional"] is True


def test_race_controls_document_follows_the_session_asked_for(console):
    headers = {"Authorization": f"Bearer {console.tokens['competition-director']}"}
    doc = httpx.get(console.url + PATHS["race control"], params={"session": "TA1-I"},
                    headers=headers, timeout=10).json()  # fmt: skip
    assert (doc["session"], doc["session_name"], doc["decisions"]) == (
        "TA1-I", "Time Attack 1, Intermediate", [])
    assert [(r["number"], r["laps"]) for r in doc["standings"]] == [("33", 0)]
