"""The season pages (issue 13): a class's standings with its inline SVG points chart and a
competitor's page, each with its JSON twin (the document `standings --format json` prints);
pages work without JavaScript and fit a 412 px phone (Debian's chromium via Playwright)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tests.conftest import ENTRIES_CSV, EVENT_TOML, FLAGS_CSV, PASSINGS_CSV
from tests.test_championship_cli import R1_CSV, SERIES, SERIES_TOML
from trackside.cli import app
from trackside.store import open_engine
from trackside.web.app import create_app

CHROMIUM = Path("/usr/bin/chromium")
EV = "img-tt-r3"


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'season.db'}"
    runner = CliRunner()
    files = {name: tmp_path / name for name in ("event.toml", "entries.csv", "passings.csv",
                                                 "flags.csv", "r1.csv", "series.toml")}
    for path, text in zip(files.values(), (EVENT_TOML, ENTRIES_CSV, PASSINGS_CSV,
                                                  FLAGS_CSV, R1_CSV, SERIES_TOML), strict=True):
        path.write_text(text, encoding="utf-8")
    for command in (("event", "import", files["event.toml"]),
                    ("entries", "import", EV, files["entries.csv"]),
                    ("passings", "import", EV, files["passings.csv"]),
                    ("flags", "import", EV, files["flags.csv"]),
                    ("results", "import", "img-tt-r1", files["r1.csv"], "--name", "IMG TT Round 1",
                     "--date", "2026-04-11"),
                    ("series", "import", files["series.toml"])):
        done = runner.invoke(app, ["--db", url, *map(str, command)])
        assert done.exit_code == 0, done.output
    return url


@pytest.fixture
def client(db: str):
    engine = open_engine(db)
    with TestClient(create_app(engine)) as client:
        yield client
    engine.dispose()


def test_the_class_page_has_its_chart_table_and_twin(client, db):
    page = client.get(f"/series/{SERIES}/classes/S2")
    assert page.status_code == 200
    text = page.text
    assert "<script" not in text
    assert text.count('<polyline class="competitor"') == 3  # Ann, Bob, Dee (ranked, top 10)
    assert f'href="/api/series/{SERIES}/classes/S2"' in text
    assert 'href="/series/img-tt-2026/competitors/name%3Aann%20lee"' in text
    assert f'href="/events/{EV}/results"' in text  # the trackside event links its results
    assert text.index("Ann Lee") < text.index("Bob Ray")
    twin = client.get(f"/api/series/{SERIES}/classes/S2").json()
    printed = CliRunner().invoke(app, ["--db", db, "standings", SERIES, "--class", "S2",
                                       "--format", "json"])
    expected = json.loads(printed.stdout)
    assert {**twin, "generated_at": ""} == {**expected, "generated_at": ""}
    assert client.get(f"/series/{SERIES}/classes/GT9").status_code == 404
    assert client.get("/series/nope").status_code == 404


def test_the_competitor_page_explains_every_point(client):
    page = client.get(f"/series/{SERIES}/competitors/name:bob ray")
    assert page.status_code == 200
    text = page.text
    assert "+1 class winner" in text and "counted" in text
    assert "2:05.000" in text  # the best lap at img-tt-r3
    doc = client.get(f"/api/series/{SERIES}/competitors/name:bob ray").json()
    assert doc["competitor"] == "Bob Ray"
    assert [(s["event"], s["class_position"], s["points"], s["bonus_reasons"], s["counted"])
            for s in doc["classes"][0]["scores"]] == [
        ("img-tt-r1", 1, 2, ["class winner"], True), ("img-tt-r3", 2, 1, [], True)]
    assert client.get(f"/series/{SERIES}/competitors/name:nobody").status_code == 404


def test_a_penalty_shows_on_the_next_load(client, db, tmp_path):
    before = client.get(f"/api/series/{SERIES}/classes/S2").json()
    assert before["classes"][0]["standings"][0]["competitor"] == "Ann Lee"
    done = CliRunner().invoke(app, ["--db", db, "penalty", "add", EV, "21", "event-dq",
                                    "--reason", "tech", "--by", "Tom"])
    assert done.exit_code == 0, done.output
    after = client.get(f"/api/series/{SERIES}/classes/S2").json()
    assert [(s["competitor"], s["total"]) for s in after["classes"][0]["standings"]] == [
        ("Bob Ray", 5), ("Ann Lee", 1), ("Dee Vee", 0)]


def test_the_season_pages_fit_a_412px_phone(client, tmp_path):
    if not CHROMIUM.exists():
        pytest.skip(f"!!! SKIPPING BROWSER TEST !!! {CHROMIUM} not found")
    from playwright.sync_api import sync_playwright

    files = []
    for name, path in (("class", f"/series/{SERIES}/classes/S2"),
                       ("competitor", f"/series/{SERIES}/competitors/name:ann lee")):
        target = tmp_path / f"{name}.html"
        target.write_text(client.get(path).text, encoding="utf-8")
        files.append(target)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                             args=["--headless", "--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 412, "height": 900},
                                    java_script_enabled=False)
            widths = []
            for target in files:
                page.goto(target.as_uri())
                widths.append(page.evaluate("""[document.documentElement.scrollWidth,
                    Math.max(...[...document.querySelectorAll('.table-wrap')].map(
                        w => w.scrollWidth - w.clientWidth)),
                    Math.max(0, ...[...document.querySelectorAll('svg')].map(
                        s => s.getBoundingClientRect().right))]"""))
        finally:
            browser.close()
    for document_width, table_overflow, chart_right in widths:
        assert document_width == 412 and table_overflow == 0 and chart_right <= 412, widths
