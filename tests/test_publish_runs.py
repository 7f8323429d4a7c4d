"""A run session's HTML page (issue 11, item 4: "every run's reason when it does not count"):
written by `trackside runs --format html` and by `trackside publish` through the results site's
template, phone first. In Debian's chromium at 412 px the run page and the event results page
of an event with a TrackSprint round have no sideways page scroll, and every run that does not
count shows why."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import EVENT_TOML, FLAGS_CSV

CHROMIUM = Path("/usr/bin/chromium")
PHONE = {"width": 412, "height": 900}

TOML = EVENT_TOML.replace('''[[round]]
name = "TA1"
sessions = ["TA1-A", "TA1-I"]
''', '''[[session]]
id = "TS1"
name = "TrackSprint 1, all groups together"
format = "tracksprint"
groups = ["Advanced", "Intermediate"]
timing = "lights"
cone_penalty_s = 2.0
max_runs = 3

[[round]]
name = "TA1"
sessions = ["TA1-A", "TA1-I"]

[[round]]
name = "TS1"
sessions = ["TS1"]
''')
ENTRIES = """\
number,first_name,last_name,class,group,transponder
21,Alexandra,Montgomery-Fitzgerald <jr>,S2,Advanced,1001
22,Bob,Ray,S2,Advanced,1002
33,Cy,Dee,S4,Intermediate,1003
"""
PASSINGS = """\
time,transponder,loop
2026-05-16T09:01:00.000,1001,SF
2026-05-16T09:03:02.500,1001,SF
2026-05-16T09:01:10.000,1002,SF
2026-05-16T09:03:15.000,1002,SF
"""
RELEASES = """\
time,number
10:00:00,21
10:00:10,22
10:04:50,21
10:05:00,22
10:08:00,21
10:10:00,21
"""
TRIPS = """\
time,channel
10:00:05,start
10:00:20,start
10:01:00,finish
10:01:10,finish
10:05:00,start
10:05:10,start
10:05:58,finish
10:08:05,start
10:09:00,finish
10:10:05,start
10:11:00,finish
"""
EXPECTED_RUNS = [  # (car, run, time shown, counts)  hand-checked from the trips above
    ("21", "1", "55.000", "yes"),
    ("21", "2", "1:00.000", "yes"),                      # 58 s + 1 cone x 2 s
    ("21", "3", "55.000", "no: dnf: off course"),
    ("21", "4", "55.000", "no: over the run limit"),     # max_runs = 3
    ("22", "1", "50.000", "no: re-run granted"),
    ("22", "2", "—", "no: dnf"),                          # run dnf at 10:06:30
]  # fmt: skip


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'runs.db'}"


@pytest.fixture
def sprint(trackside, tmp_path: Path) -> Path:
    files = {"event.toml": TOML, "entries.csv": ENTRIES, "passings.csv": PASSINGS,
             "flags.csv": FLAGS_CSV + "TS1,green,09:59:00\n", "releases.csv": RELEASES,
             "trips.csv": TRIPS}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    event = "img-tt-r3"
    for args in (
        ("event", "import", tmp_path / "event.toml"),
        ("entries", "import", event, tmp_path / "entries.csv"),
        ("passings", "import", event, tmp_path / "passings.csv"),
        ("flags", "import", event, tmp_path / "flags.csv"),
        ("run", "release", event, "TS1", "--file", tmp_path / "releases.csv"),
        ("lights", "import", event, "TS1", tmp_path / "trips.csv", "--protocol", "csv"),
        ("run", "dnf", event, "TS1", "22", "--at", "10:06:30"),
        ("penalty", "add", event, "21", "cones", "--session", "TS1", "--run", "2", "--count",
         "1"),
        ("penalty", "add", event, "21", "off-course", "--session", "TS1", "--run", "3"),
        ("rerun", "grant", event, "22", "--session", "TS1", "--run", "1", "--reason",
         "timing-failure", "--by", "Steward"),
        ("publish", event, "--out", tmp_path / "site"),
    ):
        result = trackside(*args)
        assert result.exit_code == 0, (args, result.output)
    page = trackside("runs", event, "TS1", "--format", "html")
    assert page.exit_code == 0, page.output
    (tmp_path / "runs.html").write_text(page.stdout, encoding="utf-8")
    return tmp_path


def _run_rows(html: str) -> list[tuple[str, str, str, str]]:
    from html.parser import HTMLParser

    class Rows(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.rows: list[list[str]] = []
            self.depth = 0
            self.cell: list[str] | None = None
            self.in_runs = False
            self.skip = 0

        def handle_starttag(self, tag, attrs):
            values = dict(attrs)
            if tag == "table":
                self.in_runs = "runs" in (values.get("class") or "").split()
            elif self.in_runs and tag == "tr" and "data-run" in values:
                self.rows.append([])
            elif self.in_runs and tag == "td" and self.rows:
                self.cell = []
            elif tag == "span" and values.get("class") == "sub":
                self.skip += 1

        def handle_endtag(self, tag):
            if tag == "td" and self.cell is not None:
                self.rows[-1].append(" ".join("".join(self.cell).split()))
                self.cell = None
            elif tag == "span" and self.skip:
                self.skip -= 1
            elif tag == "table":
                self.in_runs = False

        def handle_data(self, data):
            if self.cell is not None and not self.skip:
                self.cell.append(data)

    parser = Rows()
    parser.feed(html)
    return [(r[0], r[1], r[3], r[4]) for r in parser.rows]


def test_the_run_page_lists_every_run_with_the_reason_it_does_not_count(sprint):
    for page in (sprint / "runs.html", sprint / "site" / "sessions" / "TS1.html"):
        html = page.read_text(encoding="utf-8")
        assert _run_rows(html) == EXPECTED_RUNS, page
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
        assert "Montgomery-Fitzgerald &lt;jr&gt;" in html and "<jr>" not in html
        assert "TrackSprint &middot; TS1 &middot; lights timing &middot; scored" in html
    site = (sprint / "site" / "sessions" / "TS1.html").read_text(encoding="utf-8")
    assert '<a href="../results.html">Event results</a>' in site
    assert '<a href="TS1.json">JSON</a>' in site
    assert "IMG Time Trial Round 3" in site  # the event's name over the session's
    doc = json.loads((sprint / "site" / "sessions" / "TS1.json").read_text(encoding="utf-8"))
    assert [e["best_run_s"] for e in doc["entries"]] == [55.0, None, None]


@pytest.fixture(scope="module")
def phone():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} not found: run `make system-deps` (Debian package chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(f"!!! SKIPPING BROWSER TESTS !!! {message}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                             args=["--headless", "--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport=PHONE)
        yield context
        browser.close()


WIDTHS = """() => [document.documentElement.scrollWidth,
    ...[...document.querySelectorAll('.table-wrap')].map(w => w.scrollWidth - w.clientWidth)]"""
REASONS = """() => [...document.querySelectorAll('table.runs tr.void .why')].map(r => {
    const box = r.getBoundingClientRect();
    return [r.closest('tr').dataset.number, r.closest('tr').dataset.run, r.innerText,
            box.width > 0 && box.left >= 0 && box.right <= window.innerWidth];
})"""


def test_run_pages_fit_a_412px_phone_and_show_every_reason(sprint, phone):
    page = phone.new_page()
    for path in (sprint / "runs.html", sprint / "site" / "sessions" / "TS1.html"):
        page.goto(path.as_uri())
        widths = page.evaluate(WIDTHS)
        assert widths[0] == PHONE["width"], (path, widths)
        assert all(overflow == 0 for overflow in widths[1:]), (path, widths)  # tables fit too
        assert page.evaluate(REASONS) == [
            [car, run, counts, True] for car, run, _, counts in EXPECTED_RUNS if counts != "yes"]
    page.close()


def test_the_event_results_page_with_a_sprint_round_has_no_sideways_page_scroll(sprint, phone):
    page = phone.new_page()
    page.goto((sprint / "site" / "results.html").as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") == PHONE["width"]
    headers = page.locator("table.results thead th").all_inner_texts()
    assert "TS1" in headers and "TA1" in headers
    page.goto((sprint / "site" / "index.html").as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") == PHONE["width"]
    page.close()
