"""The grid's renderers (tracksprint.md, "Grid"): text, CSV, JSON, and an HTML page that fits
a 412 px phone held upright."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

from tests.test_grid import _facts, _grid
from trackside.core.grid import RULE
from trackside.publish import render_grid
from trackside.publish.html import PageMeta, grid_html


@pytest.fixture(scope="module")
def grid():
    return _grid(_facts(), "TA2")


def test_json_is_the_specs_shape(grid):
    doc = json.loads(render_grid(grid, "json"))
    assert {"event", "session", "grid"} <= set(doc)
    assert (doc["event"], doc["session"], doc["started"], doc["previous_sessions"]) == (
        "test", "TA2", True, ["P1", "TA1", "TA1B"])
    assert doc["grid"][0] == {"position": 1, "number": "21", "driver": "Driver 21",
                              "class": "S4", "group": "A", "best_s": 120.0,
                              "from_session": "P1", "lap": 1}  # fmt: skip
    assert doc["grid"][-1] == {"position": 5, "number": "12", "driver": "Driver 12",
                               "class": "S2", "group": "A", "best_s": None,
                               "from_session": None, "lap": None}  # fmt: skip


def test_csv_has_one_row_a_position(grid):
    rows = list(csv.reader(io.StringIO(render_grid(grid, "csv"))))
    assert rows[0] == ["position", "number", "driver", "class", "group", "best_s",
                       "from_session", "lap"]  # fmt: skip
    assert [r[:2] + r[5:] for r in rows[1:]] == [
        ["1", "21", "120.000", "P1", "1"], ["2", "44", "120.500", "TA1", "1"],
        ["3", "3", "120.500", "TA1", "1"], ["4", "7", "", "", ""], ["5", "12", "", "", ""]]


def test_text_names_the_sessions_and_the_rule(grid):
    text = render_grid(grid, "text")
    lines = text.splitlines()
    assert lines[0] == "Grid: TA2 - Test Event (test)"
    assert lines[1] == "Best time from the sessions before it: P1, TA1, TA1B."
    assert RULE in lines[2]
    assert lines[4].split() == ["Pos", "No", "Driver", "Class", "Group", "Best", "From", "Lap"]
    assert lines[6].split() == ["1", "21", "Driver", "21", "S4", "A", "2:00.000", "P1", "1"]
    assert lines[-1].split() == ["5", "12", "Driver", "12", "S2", "A", "-"]


def test_text_of_an_unstarted_grid_and_of_an_empty_one(grid):
    waiting = replace(grid, started=False)
    assert "Not started: best time from every session so far: P1, TA1, TA1B." in render_grid(
        waiting, "text")
    empty = replace(grid, previous=(), rows=())
    text = render_grid(empty, "text")
    assert "No earlier session has times: cars in car-number order." in text
    assert text.endswith("No entries in the session's groups.\n")
    assert "No entries in the session's groups." in render_grid(empty, "html")


def test_html_lists_the_grid_in_order_escaped(grid):
    named = replace(grid, rows=(replace(grid.rows[0], driver="<Ann & Co>"), *grid.rows[1:]))
    page = render_grid(named, "html")
    assert "&lt;Ann &amp; Co&gt;" in page and "<Ann" not in page
    assert page.index("Driver 44") < page.index("Driver 3 ") < page.index("Driver 7")
    assert "no time" in page and "lap 1" in page


CHROMIUM = Path("/usr/bin/chromium")


def test_the_page_fits_a_412px_phone(grid, tmp_path):
    """No sideways scrolling on a 412 px wide phone, even with a long name and a long title."""
    if not CHROMIUM.exists():
        pytest.skip(f"!!! SKIPPING BROWSER TEST !!! {CHROMIUM} not found")
    from playwright.sync_api import sync_playwright

    long_name = replace(grid.rows[0], driver="Alexandra Montgomery-Fitzgerald")
    wide = replace(grid, session_name="Time Attack 2, Advanced", rows=(long_name, *grid.rows[1:]))
    page_file = tmp_path / "grid.html"
    page_file.write_text(grid_html(wide, PageMeta("IMG Time Trial Round 3 at Thunderhill East",
                                                  "2026-05-16T10:00:00", True)))  # fmt: skip
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                             args=["--headless", "--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 412, "height": 900})
            page.goto(page_file.as_uri())
            widths = page.evaluate("""[document.documentElement.scrollWidth,
                document.querySelector('.table-wrap').scrollWidth,
                document.querySelector('.table-wrap').clientWidth]""")
        finally:
            browser.close()
    assert widths[0] == 412 and widths[1] == widths[2], widths
