"""The pages in a real browser (issue 3, "Browser tests"): Debian's chromium driven by
Playwright against a real `trackside serve` over a SQLite file. The live page's running order
changes as passings reach the journal, from the test or from the simulated decoder; the results
pages work with JavaScript off."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.live_server import SimulatorThread, at, free_port, live_server, load_scenario
from trackside.core.records import Passing
from trackside.services import record_flag
from trackside.store import open_engine

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run"]
WAIT_MS = 15_000


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} not found: run `make system-deps` (Debian package chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(f"!!! SKIPPING BROWSER TESTS !!! {message}")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def db_file(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'live.db'}"


def running_order(page: Page) -> list[str]:
    return page.eval_on_selector_all("#board tbody tr", "rows => rows.map(r => r.dataset.number)")


def wait_for_leader(page: Page, number: str) -> None:
    page.wait_for_function(
        "n => document.querySelector('#board tbody tr')?.dataset.number === n", arg=number,
        timeout=WAIT_MS)  # fmt: skip


def open_live(browser: Browser, url: str) -> tuple[Page, list[str]]:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.wait_for_function("document.querySelector('[data-live-state]').textContent === 'Live'",
                           timeout=WAIT_MS)  # fmt: skip
    return page, errors


def test_the_running_order_changes_as_passings_reach_the_journal(browser, db_file, scenario):
    event_id = load_scenario(db_file, scenario, passings=True)
    with live_server(db_file, event_id) as server:
        page, errors = open_live(browser, f"{server.url}/events/{event_id}/live?session=TA1-A")
        assert running_order(page) == ["21", "22"]
        server.store(("09:06:50", "1002"))  # car 22: 1:30.000
        wait_for_leader(page, "22")
        assert running_order(page) == ["22", "21"]
        row = page.locator("#car-22")
        assert row.locator("[data-field=best]").inner_text() == "1:30.000"
        assert row.locator("[data-field=position]").inner_text() == "1"
        assert page.locator("#car-21 [data-field=gap]").inner_text() == "+30.500"
        assert "New leader: car 22" in page.locator("#announcer").inner_text()
        assert errors == []
        page.close()


def test_a_lap_that_stops_counting_is_struck_through_with_its_reason(browser, db_file, scenario):
    event_id = load_scenario(db_file, scenario, passings=True)
    with live_server(db_file, event_id) as server:
        page, _ = open_live(browser, f"{server.url}/events/{event_id}/live?session=TA1-A")
        engine = open_engine(db_file, migrate=False)
        record_flag(engine, event_id, "TA1-A", "red", at("09:04:00"), "Race control")
        engine.dispose()
        struck = page.locator("#car-21 [data-field=last] del")
        struck.wait_for(timeout=WAIT_MS)
        assert struck.inner_text() == "2:00.500"
        assert page.locator("#car-21 [data-field=last] .reason").inner_text() == "after red flag"
        assert "RED FLAG" in page.locator("[data-board=flag]").inner_text().upper()
        page.close()


def test_the_simulated_decoder_changes_the_running_order(browser, db_file, scenario):
    """The issue's browser test: passings fed through the P3 decoder simulator."""
    event_id = load_scenario(db_file, scenario, passings=True)
    decoder_port = free_port()
    with live_server(db_file, event_id, "--clock", "decoder",
                     "--decoder", f"127.0.0.1:{decoder_port}",
                     "--loop", "D0000C01=SF") as server:
        page, errors = open_live(browser, f"{server.url}/events/{event_id}/live?session=TA1-A")
        assert running_order(page) == ["21", "22"]
        fast_lap = [Passing(at("09:06:50"), "1002", "SF"), Passing(at("09:07:30"), "1001", "SF")]
        simulator = SimulatorThread(fast_lap, decoder_port, speed=10).start()
        try:
            wait_for_leader(page, "22")
            assert page.locator("#car-22 [data-field=best]").inner_text() == "1:30.000"
        finally:
            simulator.stop()
        assert errors == []
        page.close()


def test_results_pages_work_without_javascript(browser, db_file, scenario):
    event_id = load_scenario(db_file, scenario, passings=True)
    with live_server(db_file, event_id) as server:
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(f"{server.url}/events/{event_id}/sessions/TA1-A")
        rows = page.locator("table.results tbody tr")
        assert rows.count() == 2 and "Ann Lee" in rows.nth(0).inner_text()
        page.goto(f"{server.url}/events/{event_id}/sessions/TA1-A/laps")
        assert page.locator("table.laps").count() >= 1
        page.goto(f"{server.url}/events/{event_id}/live?session=TA1-A")
        assert running_order(page) == ["21", "22"]
        page.select_option("#class-filter", "S2")
        page.click("text=Show")
        page.wait_for_url("**class=S2**")
        assert page.locator("caption").inner_text().endswith("class S2 (gaps within the class)")
        context.close()


def test_the_classing_form_answers_with_the_rule_path(browser, db_file, scenario):
    """Issue 4, "Where users meet it": the 2019 Civic Type R is listed in S3 (Sport 10.3); on
    305 mm tires it is over S3's 285 mm 2WD limit and bumps to S2 (Sport 3.2.3)."""
    event_id = load_scenario(db_file, scenario)
    with live_server(db_file, event_id) as server:
        page = browser.new_page()
        page.goto(f"{server.url}/")
        page.get_by_role("link", name="Which class is my car in?").click()
        page.get_by_label("Year").fill("2019")
        page.get_by_label("Make").fill("Honda")
        page.get_by_label("Model", exact=True).fill("Civic")
        page.get_by_label("Trim").fill("Type R")
        page.get_by_label("Widest tire, section width (mm)").fill("305")
        page.get_by_label("UTQG treadwear").fill("200")
        page.get_by_role("button", name="Classify").click()
        heading = page.locator("[data-answer=class]")
        assert heading.inner_text() == "Sport 2 (S2), Sport Category"
        reasons = page.locator("ol.reasons").inner_text()
        assert "bumped up to S2 (Sport Category 3.2.3)" in reasons
        assert page.get_by_label("Widest tire, section width (mm)").input_value() == "305"
        twin = page.locator("link[rel=alternate]").get_attribute("href")
        assert server.get(twin).json()["class"] == "S2"
        page.get_by_label("Model", exact=True).fill("Civc")
        page.get_by_role("button", name="Classify").click()
        alert = page.get_by_role("alert").inner_text()
        assert "Model: " in alert and "closest listings:" in alert  # the form's label
        assert server.get(twin.replace("Civic", "Civc")).status_code == 422
        page.close()
