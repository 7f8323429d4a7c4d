"""The pit marshal's screen and race control's race sections in Debian's chromium, JavaScript
off (every console form works without it), against a real `trackside serve` over a SQLite file
holding a small race day (issue 15; console.md, "The officials' screens").

The pit marshal, on a 412 px phone, taps car 21 in and out of the pits and declares its driver
change: the live race board and the stints report show them; race control and a penalty are
refused (403), nothing stored. The competition director records a contact in qualifying (both
cars to the back of the grid) and marks a drive-through served (the unserved 60 s go)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext
from typer.testing import CliRunner

from tests.race_console import EV, Console, race_console
from tests.test_console_browser import sign_in
from tests.test_phone_pages import SHOTS
from tests.test_web_browser import WAIT_MS
from tests.test_web_browser import browser as browser  # noqa: F401 - the shared fixture
from trackside.cli import app

PHONE = {"width": 412, "height": 915}
LANE = f"/console/events/{EV}/pit-lane"
CONTROL = f"/console/events/{EV}/race-control"


@pytest.fixture
def console(tmp_path) -> Iterator[Console]:
    with race_console(tmp_path) as running:
        yield running


@pytest.fixture
def phone(browser: Browser) -> Iterator[BrowserContext]:  # noqa: F811
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    yield context
    context.close()


def live_row(console: Console, number: str) -> dict:
    board = httpx.get(f"{console.url}/api/events/{EV}/live", params={"session": "R1"},
                      timeout=10).json()  # fmt: skip
    return next(row for row in board["rows"] if row["number"] == number)


def race_entry(console: Console, number: str) -> dict:
    doc = httpx.get(f"{console.url}/api/events/{EV}/sessions/R1", timeout=10).json()
    return next(e for e in doc["entries"] if e["number"] == number)


def stints_report(console: Console) -> list[dict]:
    """`trackside report stints EVENT R1 --format json`, on the server's database."""
    result = CliRunner().invoke(app, ["--db", console.server.db_url, "report", "stints", EV,
                                      "R1", "--format", "json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def fits(page) -> bool:  # type: ignore[no-untyped-def]
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_pit_marshal_records_a_stop_and_a_driver_change_on_a_phone(console, phone):
    assert (live_row(console, "21")["driver"], race_entry(console, "21")["stops"]) == (
        "Cy Dee", [])
    page = sign_in(phone, console, "pit-marshal", LANE)
    assert fits(page)
    assert page.locator("[data-session]").inner_text() == "R1"
    assert page.locator("#stint-warnings").inner_text().startswith(
        "Car 7: no official confirmed Ann Lee fully exited the car")
    car = page.locator("[data-car='21']")
    assert car.locator("[data-field=driver]").inner_text() == "Cy Dee"
    box = car.locator("[data-form=pit-in] button").bounding_box()
    assert box is not None and box["height"] >= 44  # a thumb's target
    car.locator("[data-form=pit-in] button").click()
    page.wait_for_load_state()
    assert "21 (in since 12:12:20, not stored yet)" in page.locator("#in-pit-now").inner_text()
    assert console.rows()["pit_stops"] == []  # a pit-in alone stores nothing
    car = page.locator("[data-car='21']")
    car.locator("[data-form=pit-out] input[name=in]").fill("12:04:40")
    car.locator("[data-form=pit-out] input[name=out]").fill("12:05:10")
    car.locator("[data-form=pit-out] button").click()
    page.wait_for_load_state()
    assert page.locator("[role=status]").inner_text() == (
        "pit stop 1 of car 21 in R1: 12:04:40 - 12:05:10 recorded")
    assert fits(page)
    car = page.locator("[data-car='21']")
    car.locator("[data-form=driver-change] select[name=driver]").select_option("Dan Fox")
    car.locator("[data-form=driver-change] input[name=at]").fill("12:04:50")
    car.locator("[data-form=driver-change] button").click()
    page.wait_for_load_state()
    assert page.locator("[role=status]").inner_text() == (
        "driver change 1: Dan Fox in car 21 (R1) recorded")
    assert page.locator("[data-car='21'] [data-field=driver]").inner_text() == "Dan Fox"
    assert "Car 21: 12:04:40 - 12:05:10 (30.000), mandatory, official" in page.locator(
        "#stop-list").inner_text()
    assert fits(page)

    assert live_row(console, "21")["driver"] == "Dan Fox"
    assert race_entry(console, "21")["stops"] == [{
        "in": "2026-06-13T12:04:40.000", "out": "2026-06-13T12:05:10.000", "duration_s": 30.0,
        "mandatory": True, "source": "official"}]  # fmt: skip
    team = next(t for t in stints_report(console)["teams"] if t["number"] == "21")
    assert [(s["driver"], s["start"][11:19], s["end"][11:19]) for s in team["stints"]] == [
        ("Cy Dee", "12:00:00", "12:04:40"), ("Dan Fox", "12:05:10", "12:11:40")]
    [(table, [stop]), (table2, [change])] = [
        (t, console.rows()[t]) for t in ("pit_stops", "driver_changes")]
    assert "pitmarshal" in stop and "pitmarshal" in change

    before = console.rows()
    refused = page.goto(console.url + CONTROL)
    assert refused is not None and refused.status == 403
    session = page.request.get(f"{console.url}/api/session").json()
    penalty = page.request.post(f"{console.url}/api/events/{EV}/decisions",
                                headers={"X-CSRF-Token": session["csrf"]},
                                data={"number": "21", "kind": "drive-through", "session": "R1",
                                      "reason": "pit speeding"})  # fmt: skip
    assert penalty.status == 403
    assert penalty.json()["allowed_roles"] == ["event-lead", "competition-director"]
    assert console.rows() == before


def test_the_competition_director_records_a_contact_and_a_drive_through_served(console, phone):
    grid = httpx.get(f"{console.url}/api/events/{EV}/sessions/R1/grid", timeout=10).json()
    assert [row["number"] for row in grid["grid"]] == ["21", "7", "12"]
    page = sign_in(phone, console, "competition-director", CONTROL)
    assert page.locator("#unserved").count() == 0  # nothing to serve yet
    assert page.locator("[data-query='1'] [data-field=fee-due]").inner_text() == "$500"
    form = page.locator("#contact-form")
    form.locator("select[name=number]").select_option("21")
    form.locator("select[name=other]").select_option("7")
    form.locator("select[name=session]").select_option("Q1")
    form.locator("input[name=reason]").fill("door to door at T3")
    form.locator("button").click()
    page.wait_for_load_state()
    assert page.locator("[role=status]").inner_text() == (
        "decision 1: contact between cars 21 and 7 in Q1")
    grid = httpx.get(f"{console.url}/api/events/{EV}/sessions/R1/grid", timeout=10).json()
    assert [row["number"] for row in grid["grid"]] == ["12", "21", "7"]

    page.select_option("#d-number", "21")
    page.select_option("#d-kind", "drive-through")
    page.select_option("#d-session", "R1")
    page.fill("#d-reason", "pit lane speeding")
    page.click("#penalty-check button[type=submit]")
    page.wait_for_load_state()
    page.click("#penalty-confirm button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("[role=status]").inner_text() == (
        "decision 2: drive-through for car 21 recorded")
    assert race_entry(console, "21")["race_time_s"] == 760.0  # 700 s + 60 s unserved
    row = page.locator("[data-unserved='2']")
    row.locator("input[name=at]").fill("12:07:00")
    row.locator("button").click()
    page.wait_for_load_state()
    assert page.locator("[role=status]").inner_text() == (
        "decision 3: decision 2 served at 12:07:00")
    assert page.locator("#unserved").count() == 0
    assert page.locator("[data-decision='3'] td").nth(2).inner_text() == "penalty-served"
    assert race_entry(console, "21")["race_time_s"] == 700.0
    decisions = {row[0]: row for row in console.rows()["decisions"]}
    assert all("competitiondirector" in row for row in decisions.values())

    page.locator("[data-query='1'] form").first.locator("button").click()
    page.wait_for_load_state()
    assert page.locator("[role=status]").inner_text() == (
        "query 1: fee waived by competitiondirector, $0 due")
    assert page.locator("[data-query='1'] [data-field=fee-due]").inner_text() == "$0"


@pytest.fixture
def phone_with_script(browser: Browser) -> Iterator[BrowserContext]:  # noqa: F811
    context = browser.new_context(viewport=PHONE)
    yield context
    context.close()


def test_the_pit_lane_follows_the_race_live_over_the_stream(console, phone_with_script):
    """With JavaScript on, a stop and a driver change another official records show on the
    open screen without a reload (the live stream, then the board's JSON)."""
    page = sign_in(phone_with_script, console, "pit-marshal", LANE)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.locator("[data-car='21'] [data-field=driver]").wait_for()
    assert page.locator("[data-car='21'] [data-field=driver]").inner_text() == "Cy Dee"
    for path, body in (("pit-stops", {"number": "21", "session": "R1", "in": "12:04:40",
                                      "out": "12:05:10"}),
                       ("driver-changes", {"number": "21", "session": "R1", "at": "12:04:50",
                                           "driver": "Dan Fox"})):  # fmt: skip
        assert console.post(f"/api/events/{EV}/{path}", body,
                            role="competition-director").status_code == 201
    page.wait_for_function(
        "document.querySelector(\"[data-car='21'] [data-field=driver]\").textContent"
        " === 'Dan Fox'", timeout=WAIT_MS)
    assert page.url == console.url + LANE  # no reload: the same page, updated
    assert fits(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "console-pit-lane.png"), full_page=True)
    assert errors == []
