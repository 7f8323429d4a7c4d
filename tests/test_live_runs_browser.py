"""A run session's live page in a real browser (issue 11, item 3: "the live page shows cars on
course, the last finishers with their times and the running order"): Debian's chromium at
412 px against a real `trackside serve` over a SQLite file; releases and light trips reach the
journal from outside (as the starter's tablet and the lights recorder write them) and the
"On course" and "Last finishers" tables and the running order follow over SSE, without a
reload."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

from tests.live_server import at, live_server
from trackside.core.records import LightChannel, Release, Trip
from trackside.services import import_entries, import_event, import_flags
from trackside.store import open_engine
from trackside.store.run_facts import append_releases, append_trips

CHROMIUM = Path("/usr/bin/chromium")
PHONE = {"width": 412, "height": 900}
WAIT_MS = 15_000

EVENT = """\
[event]
id = "ts"
name = "Hill and sprint day"
date = "2026-05-16"

[track]
start_finish_loop = "SF"

[[session]]
id = "TS1"
name = "TrackSprint 1"
format = "tracksprint"
timing = "lights"
groups = ["All"]
cone_penalty_s = 2.0
"""
ENTRIES = """\
number,first_name,last_name,class,group,transponder
7,Ann,Lee,S2,All,1001
12,Bob,Ray,S2,All,1002
21,Cy,Dee,S4,All,1003
"""
FLAGS = "session,state,time\nTS1,green,10:00:00\n"


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} not found: run `make system-deps` (Debian package chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(f"!!! SKIPPING BROWSER TESTS !!! {message}")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"])
        yield chromium
        chromium.close()


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'live.db'}"
    for name, text in (("ev.toml", EVENT), ("entries.csv", ENTRIES), ("flags.csv", FLAGS)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    engine = open_engine(url)
    try:
        import_event(engine, tmp_path / "ev.toml")
        import_entries(engine, "ts", tmp_path / "entries.csv")
        import_flags(engine, "ts", tmp_path / "flags.csv")
    finally:
        engine.dispose()
    return url


def journal(db_url: str, trips: tuple[tuple[str, str], ...] = (),
            releases: tuple[tuple[str, str], ...] = ()) -> None:
    """Trips (time, channel) and releases (time, car) committed to the journal."""
    engine = open_engine(db_url, migrate=False)
    try:
        with engine.begin() as conn:
            append_trips(conn, "ts", [Trip("TS1", LightChannel(ch), at(c)) for c, ch in trips])
            append_releases(conn, "ts", [Release("TS1", car, at(c)) for c, car in releases],
                            "Starter")
    finally:
        engine.dispose()


def column(page: Page, selector: str) -> list[str]:
    return page.eval_on_selector_all(selector, "rows => rows.map(r => r.dataset.number || '-')")


def wait_for(page: Page, selector: str, numbers: list[str]) -> None:
    page.wait_for_function(
        "([s, n]) => JSON.stringify([...document.querySelectorAll(s)]"
        ".map(r => r.dataset.number || '-')) === JSON.stringify(n)",
        arg=[selector, numbers], timeout=WAIT_MS)  # fmt: skip


ON_COURSE, FINISHERS, ORDER = "[data-runs=on_course] tr", "[data-runs=last_finishers] tr", \
    "#board tbody tr"


def test_on_course_last_finishers_and_running_order_follow_the_journal(browser, db_url):
    journal(db_url, trips=(("10:01:00", "start"),),
            releases=(("10:00:50", "7"), ("10:01:20", "12")))
    with live_server(db_url, "ts") as server:
        page = browser.new_page(viewport=PHONE)
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{server.url}/events/ts/live?session=TS1")
        page.wait_for_function("document.querySelector('[data-live-state]').textContent "
                               "=== 'Live'", timeout=WAIT_MS)  # fmt: skip
        page.evaluate("window.notReloaded = true")
        assert column(page, ON_COURSE) == ["7"]
        headers = page.locator("#board thead").inner_text().split()
        assert headers == ["POS", "PIC", "NO.", "DRIVER", "CLASS", "BEST", "RUN", "GAP", "INT.",
                           "LAST", "RUN", "RUNS"]  # a run session's columns say run
        assert column(page, FINISHERS) == ["-"]  # "No run finished yet."
        assert page.locator(ON_COURSE).inner_text().split("\t")[-1] == "10:01:00.0"

        journal(db_url, trips=(("10:01:30", "start"),))  # car 12 on course behind 7
        wait_for(page, ON_COURSE, ["7", "12"])
        journal(db_url, trips=(("10:02:05.250", "finish"),))  # car 7: 1:05.250
        wait_for(page, ON_COURSE, ["12"])
        assert column(page, FINISHERS) == ["7"]
        assert page.locator(f"{FINISHERS} .lap-cell").inner_text().startswith("1:05.250")
        assert page.locator("#car-7 [data-field=position]").inner_text() == "1"
        assert page.locator("#car-7 [data-field=best]").inner_text() == "1:05.250"

        journal(db_url, trips=(("10:02:40", "start"), ("10:02:31.500", "finish")),
                releases=(("10:02:35", "21"),))  # 12 finishes in 1:01.500, 21 starts
        wait_for(page, FINISHERS, ["12", "7"])
        assert column(page, ON_COURSE) == ["21"]
        wait_for(page, ORDER, ["12", "7", "21"])
        assert page.locator("#car-7 [data-field=gap]").inner_text() == "+3.750"

        engine = open_engine(db_url, migrate=False)
        try:  # the starter's decision: car 21 left the course
            from trackside.services.runs import record_run_dnf

            record_run_dnf(engine, "ts", "TS1", "21", at("10:03:00"), "Starter")
        finally:
            engine.dispose()
        wait_for(page, ON_COURSE, ["-"])  # "No car on course."
        assert page.locator(ON_COURSE).inner_text() == "No car on course."
        assert page.evaluate("window.notReloaded") is True
        assert page.evaluate("document.documentElement.scrollWidth") == PHONE["width"]
        assert errors == []
        page.close()
