"""Tech's screen and writes against a real `trackside serve` over a SQLite file (docs/tech.md;
console.md "tech status, reclassification findings": tech, event-lead). The API: 401 without an
account, 403 naming the roles for every other role with nothing stored, 422 naming the field,
201 with the stored record or decision. In Debian's chromium with JavaScript off: the tech
inspector passes a car and reclassifies one, the class results change, a revoke restores them;
the timing stand marks the passings of cars tech has not passed (a warning, SCCA TT Rules 5)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext

from tests.console_server import ACCOUNTS, EVENT, Console, console_server
from tests.test_console_browser import sign_in
from tests.test_web_browser import browser as browser  # noqa: F401 - the shared fixture

TECH = f"/api/events/{EVENT}/tech"
RECLASSIFY = f"/api/events/{EVENT}/reclassifications"
PASS_21 = {"number": "21", "status": "passed", "note": "annual logbook 114"}
MOVE_22 = {"number": "22", "class": "S4", "reason": "aftermarket seat not declared"}


@pytest.fixture
def console(tmp_path) -> Iterator[Console]:
    with console_server(tmp_path) as running:
        yield running


def class_rows(console: Console) -> dict[str, list[tuple[str, int | None]]]:
    doc = httpx.get(f"{console.url}/api/events/{EVENT}/results", timeout=10).json()
    classes: dict[str, list[tuple[str, int | None]]] = {}
    for row in doc["entries"]:
        classes.setdefault(row["class"], []).append((row["number"], row["class_position"]))
    return classes


def test_the_api_refuses_without_the_role_and_stores_what_tech_records(console: Console):
    before = console.rows()
    for path, body in ((TECH, PASS_21), (RECLASSIFY, MOVE_22)):
        assert console.post(path, body).status_code == 401
        for role in ("registrar", "timing-chief", "competition-director", "driver-coach",
                     "pit-marshal"):
            answer = console.post(path, body, role=role)
            assert (answer.status_code, answer.json()["allowed_roles"]) == (
                403, ["event-lead", "tech"]), role
            assert answer.json()["detail"].endswith(f"{ACCOUNTS[role]} holds {role}")
    refusals = [
        (TECH, {"number": "21", "status": "failed"}, "reason"),
        (TECH, {"number": "21", "status": "broken"}, "status"),
        (TECH, {"number": "99", "status": "passed"}, "number"),
        (TECH, {"number": "21", "status": "passed", "author": "x"}, "author"),
        (RECLASSIFY, {**MOVE_22, "class": "GT1"}, "class"),
        (RECLASSIFY, {**MOVE_22, "class": "S2"}, "class"),
        (RECLASSIFY, {"number": "22", "class": "S4"}, "reason"),
    ]
    for path, body, field in refusals:
        answer = console.post(path, body, role="tech")
        assert (answer.status_code, answer.json()["field"]) == (422, field), body
    assert console.rows() == before

    stored = console.post(TECH, PASS_21, role="tech")
    assert stored.status_code == 201
    assert {k: stored.json()[k] for k in ("id", "number", "status", "note", "author")} == {
        "id": 1, "number": "21", "status": "passed", "note": "annual logbook 114",
        "author": "tech"}
    moved = console.post(RECLASSIFY, MOVE_22, role="event-lead")
    assert moved.status_code == 201
    assert {k: moved.json()[k] for k in ("kind", "number", "class", "author", "reason")} == {
        "kind": "reclassify", "number": "22", "class": "S4", "author": "eventlead",
        "reason": "aftermarket seat not declared"}
    revoke = f"/api/events/{EVENT}/decisions/{moved.json()['id']}/revoke"
    answer = console.post(revoke, {"reason": "not mine"}, role="competition-director")
    assert (answer.status_code, answer.json()["allowed_roles"]) == (403, ["event-lead", "tech"])
    assert console.post(revoke, {"reason": "stock seat"}, role="tech").status_code == 201


@pytest.fixture
def no_script(browser: Browser) -> Iterator[BrowserContext]:  # noqa: F811
    context = browser.new_context(java_script_enabled=False)
    yield context
    context.close()


def test_the_tech_inspector_passes_a_car_reclassifies_one_and_the_class_results_change(
    console, no_script, browser  # noqa: F811
):
    stand = sign_in(no_script, console, "timing-chief", f"/console/events/{EVENT}/timing")
    assert marked_passings(stand) == {"21": "pending", "22": "pending"}

    tech_context = browser.new_context(java_script_enabled=False)
    page = sign_in(tech_context, console, "tech", f"/console/events/{EVENT}/tech")
    assert cars_listed(page) == [("21", "pending"), ("22", "pending"), ("33", "pending")]
    page.locator("[data-car='21'] input[name=note]").fill("annual logbook 114")
    page.locator("[data-car='21'] button[data-tech=passed]").click()
    page.wait_for_load_state()
    assert page.locator("[role=status]").inner_text() == "car 21: tech passed recorded"
    assert cars_listed(page) == [("22", "pending"), ("33", "pending"), ("21", "passed")]
    assert page.locator("#tech-pending").inner_text() == "Still pending: 22, 33"

    assert class_rows(console) == {"S2": [("21", 1), ("22", 2)], "S4": [("33", None)]}
    page.select_option("#rc-number", "22")
    page.select_option("#rc-class", "S4")
    page.fill("#rc-reason", "aftermarket seat not declared (Rules 5.1.B)")
    page.click("#reclassify-form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("[role=status]").inner_text() == (
        "decision 1: reclassify for car 22 recorded")
    assert page.locator("[data-car='22'] [data-field=class]").inner_text() == (
        "S4 (entered S2)")
    assert class_rows(console) == {"S2": [("21", 1)], "S4": [("22", 1), ("33", None)]}
    results = tech_context.new_page()
    results.goto(f"{console.url}/events/{EVENT}/results?class=S4")
    assert "Bob Ray" in results.locator("main").inner_text()
    results.goto(f"{console.url}/events/{EVENT}/results?class=S2")
    assert "Bob Ray" not in results.locator("main").inner_text()

    stand.reload()
    assert marked_passings(stand) == {"22": "pending"}  # 21 passed: no longer marked

    row = page.locator("#reclassifications [data-decision='1']")
    row.locator("input[name=reason]").fill("the seat is stock")
    row.locator("button").click()
    page.wait_for_load_state()
    assert page.locator("#reclassifications [data-decision='1']").inner_text().endswith(
        "revoked by #2")
    assert class_rows(console) == {"S2": [("21", 1), ("22", 2)], "S4": [("33", None)]}
    tech_context.close()


def cars_listed(page) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    rows = page.locator("#tech-list tbody tr")
    return [(rows.nth(i).get_attribute("data-car"), rows.nth(i).get_attribute("data-status"))
            for i in range(rows.count())]  # fmt: skip


def marked_passings(page) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Car -> the tech status its passings on the timing stand are marked with."""
    rows = page.locator("#recent-passings tr.tech-not-passed")
    marks = {}
    for i in range(rows.count()):
        cell = rows.nth(i).locator("td").nth(2).inner_text()
        marks[cell.split()[0]] = rows.nth(i).get_attribute("data-tech")
    return marks


def test_the_tech_screen_opens_only_for_tech_and_the_event_lead(console: Console):
    for role, status in (("tech", 200), ("event-lead", 200), ("registrar", 403),
                         ("timing-chief", 403)):
        with console.signed_in(role) as client:
            answer = client.get(f"/console/events/{EVENT}/tech")
            assert answer.status_code == status, role
            home = client.get("/console").text
            assert (f"/console/events/{EVENT}/tech" in home) is (status == 200)
