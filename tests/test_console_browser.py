"""The officials' screens in Debian's chromium against a real `trackside serve` over a SQLite
file (issue 15, "Tests"; console.md), with JavaScript off: every console form works without it.
The timing chief throws a red flag and the live page shows it; the competition director sees
the rulebook's escalation prompt, adds a penalty, the results change, revokes it and they
change back; each role sees only the screens it may use."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from tests.console_server import ACCOUNTS, EVENT, PASSWORD, Console, console_server
from tests.live_server import wait_until
from tests.test_web_browser import WAIT_MS
from tests.test_web_browser import browser as browser  # noqa: F401 - the shared fixture


@pytest.fixture
def console(tmp_path) -> Iterator[Console]:
    with console_server(tmp_path) as running:
        yield running


@pytest.fixture
def no_script(browser: Browser) -> Iterator[BrowserContext]:  # noqa: F811
    context = browser.new_context(java_script_enabled=False)
    yield context
    context.close()


def sign_in(context: BrowserContext, console: Console, role: str, next_path: str) -> Page:
    """Open `next_path`, be sent to the sign-in form, sign in as the account holding `role`."""
    page = context.new_page()
    page.goto(console.url + next_path)
    assert page.url.startswith(console.url + "/login?next=")
    page.fill("#username", ACCOUNTS[role])
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(console.url + next_path, timeout=WAIT_MS)
    return page


def results_of(console: Console) -> list[tuple[str, int, float]]:
    doc = httpx.get(f"{console.url}/api/events/{EVENT}/results", timeout=10).json()
    return [(e["number"], e["position"], e["total_s"]) for e in doc["entries"]
            if e["position"] is not None]  # fmt: skip


def test_the_timing_chief_throws_a_red_flag_and_the_live_page_shows_it(console, no_script,
                                                                        browser):  # noqa: F811
    page = sign_in(no_script, console, "timing-chief", f"/console/events/{EVENT}/timing")
    stand = page.locator("[data-session=TA1-I]")
    assert stand.locator("[data-field=flag]").inner_text() == "Not started"
    for state, at in (("green", "09:30:00"), ("red", "09:35:00")):
        stand.locator("input[name=at]").fill(at)
        stand.locator(f"button[data-flag={state}]").click()
        page.wait_for_load_state()
        assert page.locator("[role=status]").inner_text() == (
            f"flag {state} in TA1-I at 2026-05-16T{at}.000 recorded")
        stand = page.locator("[data-session=TA1-I]")
    assert stand.locator("[data-field=flag]").get_attribute("data-state") == "red"

    def board_flag() -> str | None:
        board = httpx.get(f"{console.url}/api/events/{EVENT}/live", timeout=10,
                          params={"session": "TA1-I"}).json()  # fmt: skip
        return board["flag"]["state"] if board["flag"]["state"] == "red" else None

    assert wait_until(board_flag) == "red"
    live = browser.new_page()
    live.goto(f"{console.url}/events/{EVENT}/live?session=TA1-I")
    assert "RED FLAG" in live.locator("[data-board=flag]").inner_text().upper()
    live.close()
    audit = httpx.get(f"{console.url}/api/audit", timeout=10, params={"session": "TA1-I"},
                      headers={"Authorization": f"Bearer {console.tokens['event-lead']}"})
    assert [(r["kind"], r["author"], r["changed"]) for r in audit.json()["entries"]] == [
        ("flag green", "timingchief", "shows green in TA1-I at 09:30:00"),
        ("flag red", "timingchief", "shows red in TA1-I at 09:35:00")]


def test_the_competition_director_adds_and_revokes_a_penalty_and_the_results_change(
    console, no_script
):
    assert results_of(console) == [("21", 1, 120.5), ("22", 2, 125.0)]
    page = sign_in(no_script, console, "competition-director",
                   f"/console/events/{EVENT}/race-control")
    check_penalty(page, "21", "track-limits", "TA1-A", "four wheels off at T5")
    assert page.locator("[data-escalation]").inner_text() == (
        "The rulebook's ladder has no step for this offense.")
    assert results_of(console) == [("21", 1, 120.5), ("22", 2, 125.0)]  # nothing saved yet
    page.click("#penalty-confirm button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("[role=status]").inner_text() == (
        "decision 1: track-limits for car 21 recorded")
    row = page.locator("[data-decision='1']")
    assert row.locator("td").nth(5).inner_text() == "competitiondirector"
    # the fastest lap (2:00.500) is gone: 2:02.500 counts
    assert results_of(console) == [("21", 1, 122.5), ("22", 2, 125.0)]

    check_penalty(page, "21", "loss-of-control", "TA1-A", "spun at T2")
    assert page.locator("[data-escalation]").inner_text() == (
        "Rulebook: second track-limits/loss-of-control offense: disqualification from the "
        "session may apply (session-dq) (SCCA TT VI.1.1.2.C)")
    assert page.locator("#decision-list tbody tr").count() == 1  # a check saves nothing

    row = page.locator("[data-decision='1']")
    row.locator("input[name=reason]").fill("video: two wheels on")
    row.locator("button").click()
    page.wait_for_load_state()
    assert page.locator("[role=status]").inner_text() == (
        "decision 2: revoke for car 21 recorded")
    assert page.locator("[data-decision='1']").inner_text().endswith("revoked by #2")
    assert results_of(console) == [("21", 1, 120.5), ("22", 2, 125.0)]


def check_penalty(page: Page, number: str, kind: str, session: str, reason: str) -> None:
    """Fill race control's decision form and press Check (shows the escalation prompt)."""
    page.select_option("#d-number", number)
    page.select_option("#d-kind", kind)
    page.select_option("#d-session", session)
    page.fill("#d-reason", reason)
    page.click("#penalty-check button[type=submit]")
    page.wait_for_load_state()


SCREENS = {  # role -> the screens its console home links for the event (console.md's table)
    "event-lead": ["Timing stand", "Race control", "Registration desk", "Tech", "Audit"],
    "timing-chief": ["Timing stand", "Audit"],
    "competition-director": ["Race control", "Audit"],
    "registrar": ["Registration desk", "Audit"],
    "tech": ["Tech", "Audit"],
    "driver-coach": ["Audit"],
    "pit-marshal": ["Audit"],
}


@pytest.mark.parametrize(("role", "screens"), SCREENS.items())
def test_each_role_sees_only_the_screens_it_may_use(console, no_script, role, screens):
    page = sign_in(no_script, console, role, "/console")
    links = page.locator(f"[data-event={EVENT}] a").all_inner_texts()
    assert links == screens
    for path, label in (("timing", "Timing stand"), ("race-control", "Race control"),
                        ("tech", "Tech")):
        answer = page.goto(f"{console.url}/console/events/{EVENT}/{path}")
        assert answer.status == (200 if label in screens else 403)
        assert (page.locator("form button[type=submit]").count() > 1) == (label in screens)


def test_the_timing_chief_assigns_an_unknown_transponder_and_its_laps_appear(console,
                                                                             no_script):
    green = console.post(f"/api/events/{EVENT}/flags",
                         {"session": "TA1-I", "state": "green", "at": "09:30:00"},
                         role="timing-chief")  # fmt: skip
    assert green.status_code == 201
    console.server.store(("09:31:00", "8888"), ("09:33:00", "8888"), ("09:34:50", "8888"))

    def total_of_33() -> float | None:
        doc = httpx.get(f"{console.url}/api/events/{EVENT}/results", timeout=10).json()
        return next(e["total_s"] for e in doc["entries"] if e["number"] == "33")

    assert total_of_33() is None  # car 33's own transponder 1003 never crossed the line
    page = sign_in(no_script, console, "timing-chief", f"/console/events/{EVENT}/timing")
    unknown = page.locator("#recent-passings tr.unknown-transponder")
    assert unknown.evaluate_all("rows => rows.map(r => r.dataset.transponder)") == [
        "8888", "8888", "8888", "7777"]
    first = page.locator("#recent-passings tr[data-transponder='8888']").first
    first.locator("select[name=number]").select_option("33")
    first.locator("button").click()
    page.wait_for_load_state()
    assert page.locator("[role=status]").inner_text() == "car 33: transponder 8888"
    assert page.locator("#recent-passings tr.unknown-transponder").evaluate_all(
        "rows => rows.map(r => r.dataset.transponder)") == ["7777"]
    assert wait_until(lambda: total_of_33() == 110.0)  # 09:33:00 -> 09:34:50
