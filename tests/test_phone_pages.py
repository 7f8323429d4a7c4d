"""The public pages on a 412 px phone (issue 15, "The public site on phones"): Debian's chromium
driven by Playwright against a real `trackside serve` over a small generated day (the demo
generator at 12 cars), and the results site `trackside publish` writes for it, opened from disk.

Every page fits the screen (`scrollWidth <= 412`) with no console error; the columns that matter
(position, number, driver, best or total, gap) are inside the screen and no results table needs
sideways scrolling; the lap chart keeps its driver column while its laps scroll; the car finder
filters rows without a reload; a followed car stays pinned at the top of the live page across a
reload. Screenshots of every phone page are kept in `build/screenshots/phone/` (not committed).

A race cannot be scored yet by this build (no race scorer is registered), so its live page is the
live template rendered with the race board's rows (`web/race_board.py`, the classification of
`tests/test_race_board.py`), served to the browser by Playwright with the page's own assets and
one event-stream message carrying that board.
"""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Iterator
from dataclasses import replace
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from playwright.sync_api import Browser, Page, Route, sync_playwright

from tests.live_server import LiveServer, live_server
from tests.test_race_board import RACE
from trackside.core.event_results import rank_event
from trackside.core.results import EventEntryResult, EventResult, RoundTime, Status
from trackside.demo.generator import generate_event
from trackside.demo.run import import_demo, score_demo
from trackside.publish import write_site
from trackside.publish.html import event_html
from trackside.publish.ordering import missed_rounds
from trackside.rules.event_ranking import time_trials_rules
from trackside.store import open_engine
from trackside.web.board import _entry_doc
from trackside.web.event_phase import event_phase
from trackside.web.race_board import race_rows
from trackside.web.rendering import render

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run"]  # fmt: skip
PHONE = {"width": 412, "height": 900}
DESKTOP = {"width": 1280, "height": 900}
SHOTS = Path(__file__).resolve().parents[1] / "build" / "screenshots" / "phone"
LONG_NAME = ("Alexandra", "Montgomery-Fitzgerald")
RACE_URL = "http://race.test"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} not found: run `make system-deps` (Debian package chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(f"!!! SKIPPING BROWSER TESTS !!! {message}")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def day(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str, Path, str]:
    """A small generated day imported into a SQLite file, its published site, and the class
    of its first car (the one with the long name)."""
    out = tmp_path_factory.mktemp("phone-day")
    event = generate_event(cars=12, sessions_per_group=2, laps_per_session=4)
    first = {**event.entries[0], "first_name": LONG_NAME[0], "last_name": LONG_NAME[1]}
    event = replace(event, entries=[first, *event.entries[1:]])
    db_url = f"sqlite:///{out / 'phone.db'}"
    engine = open_engine(db_url)
    try:
        import_demo(engine, event, event.write(out / "files"))
        result, sessions = score_demo(engine, event.event_id)
    finally:
        engine.dispose()
    write_site(result, sessions, out / "site")
    return db_url, event.event_id, out / "site", first["class"]


@pytest.fixture(scope="module")
def server(day: tuple[str, str, Path, str]) -> Iterator[LiveServer]:
    db_url, event_id, *_ = day
    with live_server(db_url, event_id) as running:
        yield running


@pytest.fixture(scope="module")
def shots() -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS


def open_page(browser: Browser, url: str, viewport: dict = PHONE, **context: object
              ) -> tuple[Page, list[str]]:  # fmt: skip
    """A fresh page at `url`; the list collects console errors and uncaught exceptions."""
    page = browser.new_context(viewport=viewport, **context).new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(url)
    page.wait_for_load_state("load")
    return page, errors


def close(page: Page) -> None:
    page.context.close()


# --- the race's live page, rendered and served by Playwright -------------------------------

def race_board() -> dict:
    return {
        "event": "img-enduro", "event_name": "IMG SprintDuro, Sonoma Raceway", "session": "R1",
        "session_name": "SprintDuro", "scored": True, "class": None, "classes": ["A", "B"],
        "flag": {"state": "green", "label": "Green flag"},
        "clock": {"phase": "running", "running": False, "rate": 1.0, "track_us": None,
                  "green_elapsed_us": 290_000_000, "duration_us": 7_200_000_000,
                  "remaining_us": 6_910_000_000},
        "rows": race_rows(RACE, None, None, _entry_doc), "race": True, "version": 1,
    }  # fmt: skip


def race_page() -> str:
    board = race_board()
    return render("live.html", board=board, nav=(), twin="/api/events/img-enduro/live",
                  stream="/events/img-enduro/live/stream?session=R1", session_param="R1",
                  sessions=(), refresh_s=10, parts=())  # fmt: skip


def serve_race(route: Route) -> None:
    path = route.request.url.removeprefix(RACE_URL)
    if path.startswith("/static/"):
        name = path.removeprefix("/static/")
        body = resources.files("trackside.web").joinpath("static", name).read_text()
        kind = "text/css" if name.endswith(".css") else "text/javascript"
        route.fulfill(status=200, body=body, content_type=kind)
    elif path.startswith("/events/img-enduro/live/stream"):
        board = {**race_board(), "version": 2}  # the page shows version 1 until it arrives
        message = f"event: board\nid: 2\ndata: {json.dumps(board)}\n\n"
        route.fulfill(status=200, body=message, content_type="text/event-stream")
    else:
        route.fulfill(status=200, body=race_page(), content_type="text/html")


# --- every public page at 412 px ----------------------------------------------------------

KEYS = {
    "results": ".class-block tbody tr:first-child :is(.c-pos, .c-no, .c-name, .c-time)",
    "session": "table[data-findable] tbody tr:first-child "
               ":is(.c-pos, .c-no, .c-name, .c-time, .c-gap)",
    "runs": "table.results tbody tr:first-child :is(.pos, .c-no, .number, th[scope=row], .best)",
    "laps": ".lap-block tbody tr:first-child :is(.fix-pos, .fix-no, .fix-name)",
    "live": "#board tbody tr:first-child :is([data-field=position], [data-field=number], "
            "[data-field=driver], [data-field=best], [data-field=gap])",
    "race": "#board tbody tr:first-child :is([data-field=position], [data-field=number], "
            "[data-field=driver], [data-field=laps], [data-field=gap])",
    "index": "table.results tbody tr:first-child :is(.c-wide, .links a)",
    "grid": "table.grid tbody tr:first-child > *",
    "form": "form.classify button",
}  # fmt: skip
"""For each kind of page, the cells that must be on the screen: the first row's key columns (a
run session's: position, number, driver, best, whether shown as laps or as its run page)."""

SERVED = [
    ("events", "/", "index", 1),
    ("event", "/events/{e}", "index", 1),
    ("results", "/events/{e}/results", "results", 4),
    ("class-results", "/events/{e}/results?class={c}", "results", 4),
    ("session", "/events/{e}/sessions/TA1-A", "session", 5),
    ("run-session", "/events/{e}/sessions/TS1", "runs", 4),
    ("lap-chart", "/events/{e}/sessions/TA1-A/laps", "laps", 3),
    ("grid", "/events/{e}/sessions/TA2-A/grid", "grid", 5),
    ("classify", "/classify", "form", 1),
    ("live", "/events/{e}/live?session=TA1-A", "live", 5),
    ("live-run", "/events/{e}/live?session=TS1", "live", 5),
]
PUBLISHED = [
    ("site-index", "index.html", "index", 1),
    ("site-results", "results.html", "results", 4),
    ("site-session", "sessions/TA1-A.html", "session", 5),
    ("site-lap-chart", "sessions/TA1-A-laps.html", "laps", 3),
]
SCROLLS_INSIDE = {"laps"}
"""Kinds of page whose tables may scroll sideways inside their own box (the laps)."""


def check_fits(page: Page, errors: list[str], kind: str, keys: int, shot: Path) -> None:
    page.wait_for_timeout(150)
    page.screenshot(path=str(shot), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    boxes = page.eval_on_selector_all(KEYS[kind], """cells => cells.map(c => {
        const r = c.getBoundingClientRect();
        return [c.dataset.field || c.className, r.left, r.right, r.width * r.height > 0]; })""")
    assert len(boxes) >= keys, boxes
    outside = [b for b in boxes if not (b[3] and b[1] >= 0 and b[2] <= PHONE["width"])]
    assert outside == [], outside
    if kind not in SCROLLS_INSIDE:
        wide = page.eval_on_selector_all(".table-wrap", """boxes => boxes
            .filter(b => b.scrollWidth > b.clientWidth).map(b => b.scrollWidth)""")
        assert wide == []
    assert errors == []


@pytest.mark.parametrize(("name", "path", "kind", "keys"), SERVED, ids=[s[0] for s in SERVED])
def test_every_served_page_fits_a_412px_phone(browser, day, server, shots, name, path, kind,
                                              keys):  # fmt: skip
    page, errors = open_page(browser, server.url + path.format(e=server.event_id, c=day[3]))
    check_fits(page, errors, kind, keys, shots / f"{name}.png")
    close(page)


@pytest.mark.parametrize(("name", "path", "kind", "keys"), PUBLISHED,
                         ids=[s[0] for s in PUBLISHED])  # fmt: skip
def test_every_published_page_fits_a_412px_phone(browser, day, shots, name, path, kind, keys):
    page, errors = open_page(browser, (day[2] / path).as_uri())
    check_fits(page, errors, kind, keys, shots / f"{name}.png")
    close(page)


def test_the_race_live_page_fits_a_412px_phone(browser, shots):
    context = browser.new_context(viewport=PHONE)
    context.route(f"{RACE_URL}/**", serve_race)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{RACE_URL}/events/img-enduro/live?session=R1")
    page.wait_for_function("document.getElementById('board').dataset.version === '2'")
    check_fits(page, errors, "race", 5, shots / "live-race.png")
    team = page.locator("#car-9 [data-field=driver]").inner_text()
    assert "Bo Chen" in team and "PIT" in team and "Team 9" in team
    assert page.locator("#car-3 [data-field=gap]").inner_text() == "+1 lap"
    context.close()


# --- what a phone shows ------------------------------------------------------------------

def test_abbreviations_are_explained_on_the_page_not_only_on_hover(browser, server):
    page, _ = open_page(browser, f"{server.url}/events/{server.event_id}/live?session=TA1-A")
    terms = page.locator("dl.key-terms").inner_text()
    assert "PIC" in terms and "position in class" in terms
    assert "Int." in terms and "behind the car ahead" in terms
    assert page.locator("dl.key-terms").is_visible()
    second = page.locator("#board tbody tr:nth-child(2)")
    folded = second.locator("[data-field=class_position]")
    label = folded.evaluate("c => getComputedStyle(c, '::before').content")
    assert label == '"In class "' and folded.is_visible()
    close(page)


def test_a_run_sessions_board_labels_its_folded_runs(browser, server):
    page, _ = open_page(browser, f"{server.url}/events/{server.event_id}/live?session=TS1")
    assert page.locator("#board thead th").nth(10).inner_text().lower() == "runs"
    runs = page.locator("#board tbody tr").first.locator("[data-field=laps]")
    assert runs.evaluate("c => getComputedStyle(c, '::before').content") == '"Runs "'
    close(page)


def test_folded_columns_keep_their_headers_for_screen_readers(browser, server):
    """On a phone the folded cells move under the key ones, but the table stays a table with a
    header for every column (hidden visually, not from assistive technology)."""
    page, _ = open_page(browser, f"{server.url}/events/{server.event_id}/sessions/TA1-A")
    tree = page.locator("table[data-findable]").aria_snapshot()
    headers = [line.strip() for line in tree.splitlines() if "columnheader" in line]
    assert headers == [f'- columnheader "{name}"' for name in (
        "Pos", "No.", "Driver", "Class", "Group", "Best lap", "On lap", "Gap", "Interval",
        "Laps", "Valid", "Status")]  # fmt: skip
    assert '- rowheader "' + " ".join(LONG_NAME) + '"' in tree
    close(page)


def test_the_best_lap_text_for_screen_readers_stays_inside_its_scroll_box(browser, server):
    """The visually hidden "best lap" is positioned within its table's scroll box, so that it
    cannot widen the page (it was placed against the page and made it 935 px wide)."""
    page, _ = open_page(browser, f"{server.url}/events/{server.event_id}/sessions/TA1-A/laps")
    outside = page.eval_on_selector_all(".table-wrap .visually-hidden", """spans => spans
        .filter(s => !s.offsetParent || !s.offsetParent.closest('.table-wrap')).length""")
    count = page.locator(".table-wrap .visually-hidden").count()
    assert count > 0 and outside == 0
    close(page)


def test_the_lap_chart_keeps_the_driver_column_while_the_laps_scroll(browser, server):
    page, _ = open_page(browser, f"{server.url}/events/{server.event_id}/sessions/TA1-A/laps")
    box = page.locator(".lap-block").first
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")  # the laps do not fit: they scroll
    row = box.locator("tbody tr").first
    before = [row.locator(s).bounding_box() for s in (".fix-no", ".fix-name", "td.lap >> nth=0")]
    box.evaluate("b => { b.scrollLeft = 200; }")
    page.wait_for_timeout(100)
    after = [row.locator(s).bounding_box() for s in (".fix-no", ".fix-name", "td.lap >> nth=0")]
    assert [b["x"] for b in after[:2]] == [b["x"] for b in before[:2]]
    assert after[2]["x"] < before[2]["x"] - 150
    close(page)


def test_the_car_finder_filters_rows_without_a_reload(browser, server):
    page, errors = open_page(browser, f"{server.url}/events/{server.event_id}/results")
    page.evaluate("window.notReloaded = true")
    rows = page.locator("tbody tr[data-number]")
    total = rows.count()
    number = rows.first.get_attribute("data-number")
    page.fill("#find-input", number)
    visible = page.eval_on_selector_all("tbody tr[data-number]", """rows => rows
        .filter(r => r.offsetParent !== null).map(r => r.dataset.number)""")
    assert visible and all(n.startswith(number) for n in visible)
    page.fill("#find-input", LONG_NAME[1][:10].lower())
    named = page.locator("tbody tr[data-number]:visible")
    assert named.count() == 1 and " ".join(LONG_NAME) in named.inner_text()
    assert page.locator("[data-find-count]").inner_text() == f"1 of {total} cars"
    assert page.locator("section.class-block:visible").count() == 1
    page.fill("#find-input", "")
    assert page.locator("tbody tr[data-number]:visible").count() == total
    assert page.evaluate("window.notReloaded") is True and errors == []
    close(page)


def test_the_car_finder_filters_the_live_board(browser, server):
    page, _ = open_page(browser, f"{server.url}/events/{server.event_id}/live?session=TA1-A")
    page.wait_for_function("document.querySelector('[data-live-state]').textContent === 'Live'")
    number = page.locator("#board tbody tr").nth(1).get_attribute("data-number")
    page.fill("#find-input", number)
    shown = page.eval_on_selector_all("#board tbody tr", """rows => rows
        .filter(r => !r.hidden).map(r => r.dataset.number)""")
    assert shown == [n for n in shown if n.startswith(number)] and number in shown
    close(page)


def test_without_javascript_the_finder_is_hidden_and_every_row_shows(browser, server):
    page, _ = open_page(browser, f"{server.url}/events/{server.event_id}/results",
                        java_script_enabled=False)
    assert page.locator("form.find").is_hidden()
    rows = page.locator("tbody tr[data-number]")
    assert rows.count() == 12 and page.locator("tbody tr[data-number]:visible").count() == 12
    close(page)


def test_a_followed_car_stays_pinned_across_a_reload(browser, server, shots):
    url = f"{server.url}/events/{server.event_id}/live?session=TA1-A"
    page, errors = open_page(browser, url)
    pinned = page.locator("[data-follow-box]")
    assert pinned.is_hidden()
    number = page.locator("#board tbody tr").nth(2).get_attribute("data-number")
    page.click(f"#car-{number} .follow-btn")
    assert pinned.is_visible()
    assert page.locator("[data-follow-table] tbody tr").get_attribute("data-number") == number
    page.reload()
    page.wait_for_function("document.querySelector('[data-live-state]').textContent === 'Live'")
    assert pinned.is_visible() and page.locator("[data-follow-number]").inner_text() == number
    copy = page.locator("[data-follow-table] tbody tr")
    assert copy.get_attribute("data-number") == number
    assert copy.locator("[data-field=best]").inner_text() == page.locator(
        f"#car-{number} [data-field=best]").inner_text()
    assert page.evaluate(f"localStorage.getItem('trackside.follow.{server.event_id}')") == number
    top = pinned.bounding_box()
    assert top["y"] < page.locator("#board").bounding_box()["y"]
    page.screenshot(path=str(shots / "live-following.png"))
    page.click("[data-unfollow]")
    assert pinned.is_hidden()
    assert page.evaluate(f"localStorage.getItem('trackside.follow.{server.event_id}')") is None
    assert errors == []
    close(page)


def test_a_finished_events_page_does_not_say_now(browser, server):
    page, _ = open_page(browser, f"{server.url}/events/{server.event_id}")
    heading = page.locator(".index-block h2").first
    assert heading.inner_text() == "Results" and heading.get_attribute("data-phase") == "finished"
    assert "Now" not in page.locator("main").inner_text().split()
    close(page)


@pytest.mark.parametrize(
    ("phases", "expected"),
    [
        (["finished", "finished"], "finished"),
        (["finished", "running"], "live"),
        (["finished", "stopped", "upcoming"], "live"),
        (["finished", "upcoming"], "between"),
        (["upcoming", "upcoming"], "upcoming"),
        ([], "upcoming"),
    ],
)
def test_the_event_phase_from_its_sessions_phases(phases, expected):
    assert event_phase(phases) == expected


def test_time_attack_event_results_ranking_says_a_missed_round_is_why_a_lower_total_ranks_lower():
    """time-attack.md "Event results": more rounds with a time first, then lower total. Tom
    Price's 2:06.250 is the lowest total in S2, from one round; he ranks 4th, after three
    entries with two rounds each, and his row says he missed TA2 (the sample event's S2)."""
    from tests.sample_results import sample_event

    page = event_html(sample_event())
    s2 = page[page.index('id="class-S2"'):page.index('id="class-T4"')]
    rows = [r.split("</tr>")[0] for r in s2.split("<tr data-number=")[1:]]
    table = [(r.split('"')[1], "missed" in r) for r in rows]
    assert table == [("21", False), ("88", False), ("7", False), ("5", True), ("14", False)]
    tom = rows[3]
    assert '<td class="num pos c-pos">4</td>' in tom
    assert '2:06.250<span class="missed">missed TA2</span>' in tom
    assert "an entry that missed a round ranks after every entry with more rounds timed" in page


ROUNDS = ("TA1", "TA2", "TA3")
round_times = st.lists(st.one_of(st.none(), st.integers(100_000_000, 130_000_000)),
                       min_size=len(ROUNDS), max_size=len(ROUNDS)).filter(
    lambda times: any(t is not None for t in times))  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.lists(round_times, min_size=2, max_size=8))
def test_every_lower_total_ranked_lower_is_explained_by_a_missed_round(cars):
    """time-attack.md "Event results" (more rounds with a time first, then total), as the
    results page shows it: whenever an entry ranks below one with a higher total, it has more
    missed rounds, and its row names them under its total."""
    entries = []
    for index, times in enumerate(cars):
        rounds = tuple(RoundTime(name, t, None if t is None else name, None if t is None else 1)
                       for name, t in zip(ROUNDS, times, strict=True))  # fmt: skip
        timed = [t for t in times if t is not None]
        entries.append(EventEntryResult(str(index + 1), f"Driver {index + 1}", "S2", "A",
                                        Status.OK, None, None, False, sum(timed), min(timed),
                                        rounds))  # fmt: skip
    ranked = rank_event(entries, time_trials_rules("SCCA TT VI.2.5"), awards=3)
    page = event_html(EventResult("e", "Event", True, ROUNDS, tuple(ranked)))
    rows = {r.split('"')[1]: r.split("</tr>")[0] for r in page.split("<tr data-number=")[1:]}
    for above, below in itertools.combinations(ranked, 2):
        if below.total_us < above.total_us:
            missed = missed_rounds(below, ROUNDS)
            assert len(missed) > len(missed_rounds(above, ROUNDS))
            assert f'<span class="missed">missed {", ".join(missed)}</span>' in rows[below.number]


@pytest.mark.parametrize(
    ("path", "row"),
    [
        ("/events/{e}/results", ".class-block tbody tr"),
        ("/events/{e}/sessions/TA1-A", "table[data-findable] tbody tr"),
        ("/events/{e}/live?session=TA1-A", "#board tbody tr"),
        ("/events/{e}", "table.results tbody tr"),
    ],
)
def test_desktop_keeps_the_table_layout(browser, server, path, row):
    """At 1280 px a row is one line of table cells with its headers: nothing folds."""
    page, errors = open_page(browser, server.url + path.format(e=server.event_id), DESKTOP)
    first = page.locator(row).first
    tops = first.evaluate("r => [...r.cells].map(c => Math.round(c.getBoundingClientRect().top))")
    assert len(set(tops)) == 1
    assert first.evaluate("r => getComputedStyle(r).display") == "table-row"
    assert page.locator("thead th.fold").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
    assert errors == []
    close(page)
