"""The officials' screens live (issue 15: "live parts over the existing SSE"; docs/console.md,
"Live"), in Debian's chromium against a real `trackside serve` over a SQLite file, JavaScript
on: a passing committed to the journal by another process, a flag thrown at another desk and a
decision added by another official appear on the open page without a reload; the forms the
script builds into new rows post as the server-rendered ones do; no console errors."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from tests.console_server import EVENT, Console, console_server
from tests.test_console_browser import sign_in
from tests.test_web_browser import WAIT_MS
from tests.test_web_browser import browser as browser  # noqa: F401 - the shared fixture

TIMING = f"/console/events/{EVENT}/timing"
RACE_CONTROL = f"/console/events/{EVENT}/race-control"


@pytest.fixture
def console(tmp_path) -> Iterator[Console]:
    with console_server(tmp_path) as running:
        yield running


@pytest.fixture
def desks(browser: Browser) -> Iterator[list[BrowserContext]]:  # noqa: F811
    """Two officials' browsers (separate cookies), JavaScript on."""
    contexts = [browser.new_context(), browser.new_context()]
    yield contexts
    for context in contexts:
        context.close()


def open_live(context: BrowserContext, console: Console, role: str, path: str
              ) -> tuple[Page, list[str]]:  # fmt: skip
    """Sign in as `role`, open `path`, wait for its stream; the page and its console errors.
    A marker on `window` tells a reload (which would lose it) from a live update."""
    errors: list[str] = []
    page = sign_in(context, console, role, path)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.wait_for_function("document.querySelector('[data-live-state]').textContent === 'live'",
                           timeout=WAIT_MS)  # fmt: skip
    page.evaluate("window.notReloaded = true")
    return page, errors


def not_reloaded(page: Page) -> bool:
    return page.evaluate("window.notReloaded === true")


def cells(page: Page, rows: str, count: int) -> list[list[str]]:
    """The first `count` rows' cells' text, a form's left out."""
    return page.locator(rows).evaluate_all(
        f"rows => rows.slice(0, {count}).map(r => [...r.cells].map(c => [...c.childNodes]"
        ".filter(n => n.nodeName !== 'FORM').map(n => n.textContent).join('').trim()))")


def test_a_passing_from_the_journal_appears_on_the_open_timing_stand(console, desks):
    page, errors = open_live(desks[0], console, "timing-chief", TIMING)
    assert cells(page, "#unknown-transponders tbody tr", 5) == [
        ["7777", "1", "09:05:21.000", "09:05:21.000", ""]]
    console.server.store(("09:40:00", "9999"), ("09:40:30", "1003"))  # another process commits
    page.locator("#recent-passings tbody tr[data-transponder='1003']").wait_for(timeout=WAIT_MS)
    assert cells(page, "#recent-passings tbody tr", 3) == [  # newest first
        ["09:40:30.000", "1003", "33 tech pending", "SF"],  # tech has passed no car (docs/tech.md)
        ["09:40:00.000", "9999", "unknown transponder", "SF"],
        ["09:05:21.000", "7777", "unknown transponder", "SF"],
    ]
    classes = page.locator("#recent-passings tbody tr").evaluate_all(
        "rows => rows.slice(0, 3).map(r => r.classList.contains('unknown-transponder'))")
    assert classes == [False, True, True]
    marked = page.locator("#recent-passings tbody tr").evaluate_all(
        "rows => rows.slice(0, 3).map(r => r.dataset.tech || null)")
    assert marked == ["pending", None, None]  # a warning built by the script, as the server does
    assert cells(page, "#unknown-transponders tbody tr", 5) == [
        ["9999", "1", "09:40:00.000", "09:40:00.000", ""],
        ["7777", "1", "09:05:21.000", "09:05:21.000", ""],
    ]
    assert not_reloaded(page)

    # the assign form the script built into the new row posts like a server-rendered one
    row = page.locator("#unknown-transponders tbody tr[data-transponder='9999']")
    row.locator("select[name=number]").select_option("33")
    row.locator("button").click()
    page.wait_for_url(f"{console.url}{TIMING}?*", timeout=WAIT_MS)
    assert page.locator("[role=status]").inner_text() == "car 33: transponder 9999"
    assert cells(page, "#unknown-transponders tbody tr", 5) == [  # car 33's old one now
        ["1003", "1", "09:40:30.000", "09:40:30.000", ""],
        ["7777", "1", "09:05:21.000", "09:05:21.000", ""],
    ]
    assert errors == []


def test_a_flag_thrown_at_another_desk_shows_on_the_open_timing_stand(console, desks):
    page, errors = open_live(desks[0], console, "timing-chief", TIMING)
    stand = page.locator("[data-session=TA1-I]")
    assert stand.locator("[data-field=flag]").inner_text() == "Not started"
    assert stand.locator("table.console-flags").is_hidden()

    other = sign_in(desks[1], console, "event-lead", TIMING)  # the event lead's own browser
    box = other.locator("[data-session=TA1-I]")
    box.locator("input[name=at]").fill("09:30:00")
    box.locator("button[data-flag=green]").click()
    other.wait_for_load_state()
    assert other.locator("[role=status]").inner_text() == (
        "flag green in TA1-I at 2026-05-16T09:30:00.000 recorded")

    page.wait_for_function(
        "document.querySelector('[data-session=TA1-I] [data-field=flag]').dataset.state"
        " === 'green'", timeout=WAIT_MS)
    assert stand.locator("[data-field=flag]").inner_text() == "Green flag"
    assert cells(page, "[data-session=TA1-I] table.console-flags tbody tr", 5) == [
        ["green", "09:30:00.000", "eventlead", ""]]
    assert page.locator("[data-session=TA1-A] [data-field=flag]").inner_text() == (
        "Checkered flag")
    # the session clock runs with track time: a passing a minute after the green
    console.server.store(("09:31:00", "1003"))
    page.wait_for_function(
        "/^1:0\\d$/.test(document.querySelector('[data-session=TA1-I] [data-field=elapsed]')"
        ".textContent)", timeout=WAIT_MS)
    assert page.locator("[data-track-time]").inner_text().startswith("09:31:0")
    assert not_reloaded(page)

    # the revoke form the script built for the new flag posts like a server-rendered one
    flag_row = page.locator("[data-session=TA1-I] table.console-flags tbody tr").first
    flag_row.locator("input[name=reason]").fill("thrown at the wrong desk")
    flag_row.locator("button").click()
    page.wait_for_url(f"{console.url}{TIMING}?*", timeout=WAIT_MS)
    assert page.locator("[role=status]").inner_text().startswith("decision 1: revoke-flag")
    assert page.locator("[data-session=TA1-I] [data-field=flag]").inner_text() == "Not started"
    assert errors == []


STANDINGS_TA1_A = [  # position, car, driver, class, best, gap, laps (tests/conftest.py's laps)
    ["1", "21", "Ann Lee", "S2", "2:00.500", "", "2"],
    ["2", "22", "Bob Ray", "S2", "2:05.000", "+4.500", "2"],
]
# A track-limits penalty takes car 21's fastest lap (2:00.500): its 2:02.500 counts.
STANDINGS_AFTER_PENALTY = [
    ["1", "21", "Ann Lee", "S2", "2:02.500", "", "2"],
    ["2", "22", "Bob Ray", "S2", "2:05.000", "+2.500", "2"],
]


def test_race_control_shows_a_decision_added_by_another_official(console, desks):
    page, errors = open_live(desks[0], console, "competition-director", RACE_CONTROL)
    page.select_option("#d-session", "TA1-A")  # the form's session: its standings are shown
    assert page.locator("[data-standings-session]").inner_text() == "Time Attack 1, Advanced"
    assert cells(page, "#standings-table tbody tr", 5) == STANDINGS_TA1_A
    added = console.post(f"/api/events/{EVENT}/decisions", role="event-lead",
                         body={"number": "21", "kind": "track-limits", "session": "TA1-A",
                               "reason": "four wheels off at T5"})  # fmt: skip
    assert added.status_code == 201
    page.locator("#decision-list tbody tr[data-decision='1']").wait_for(timeout=WAIT_MS)
    assert cells(page, "#decision-list tbody tr", 5) == [
        ["1", "21", "track-limits", "TA1-A", "four wheels off at T5", "eventlead", "", ""]]
    page.wait_for_function(
        "document.querySelector('#standings-table tbody tr td:nth-child(5)').textContent"
        " === '2:02.500'", timeout=WAIT_MS)
    assert cells(page, "#standings-table tbody tr", 5) == STANDINGS_AFTER_PENALTY
    assert not_reloaded(page)

    # the director revokes it through the form the script built into the new row
    row = page.locator("#decision-list tbody tr[data-decision='1']")
    row.locator("input[name=reason]").fill("video: two wheels on")
    row.locator("button").click()
    page.wait_for_url(f"{console.url}{RACE_CONTROL}?*", timeout=WAIT_MS)
    assert page.locator("[role=status]").inner_text() == "decision 2: revoke for car 21 recorded"
    page.select_option("#d-session", "TA1-A")
    page.wait_for_function(
        "document.querySelector('#standings-table tbody tr td:nth-child(5)').textContent"
        " === '2:00.500'", timeout=WAIT_MS)
    assert cells(page, "#standings-table tbody tr", 5) == STANDINGS_TA1_A

    # ... and a revoke by another official shows too: a second penalty, revoked elsewhere
    page.evaluate("window.notReloaded = true")
    third = console.post(f"/api/events/{EVENT}/decisions", role="event-lead",
                         body={"number": "22", "kind": "track-limits", "session": "TA1-A",
                               "reason": "off at T1"})  # fmt: skip
    assert third.status_code == 201
    revoked = console.post(f"/api/events/{EVENT}/decisions/3/revoke", role="event-lead",
                           body={"reason": "not him"})  # fmt: skip
    assert revoked.status_code == 201
    page.wait_for_function(
        "document.querySelector(\"#decision-list tr[data-decision='3']\")?.textContent"
        ".includes('revoked by #4')", timeout=WAIT_MS)
    assert [r[:3] + r[-1:] for r in cells(page, "#decision-list tbody tr", 5)] == [
        ["1", "21", "track-limits", "revoked by #2"],
        ["2", "21", "revoke #1", ""],
        ["3", "22", "track-limits", "revoked by #4"],
        ["4", "22", "revoke #3", ""],
    ]
    assert not_reloaded(page)
    assert errors == []
