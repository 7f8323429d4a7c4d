"""The race renderers (endurance.md, "Race JSON"): the spec's JSON fields, text, CSV, the stint
and pit-stop reports, the position chart drawn server-side, and a race page that fits a 412 px
phone in chromium."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from tests.race_sample import RACE, SESSION
from trackside.publish import render_lap_chart, render_race, render_race_report, render_session
from trackside.publish.html import PageMeta
from trackside.publish.position_chart import lap_positions, position_svg
from trackside.publish.race_tables import pit_stops_html, race_html, stints_html

CHROMIUM = Path("/usr/bin/chromium")


def test_the_race_json_has_the_spec_fields_with_hand_checked_values():
    doc = json.loads(render_race(SESSION, "json"))
    assert {k: doc[k] for k in ("event", "session", "part", "green", "checkered")} == {
        "event": "enduro", "session": "R1", "part": "race",
        "green": "2026-05-16T12:00:00.000", "checkered": "2026-05-16T12:06:10.000"}
    rows = [(e["number"], e["team"], e["class"], e["status"], e["position"],
             e["class_position"], e["laps"], e["race_time_s"], e["gap"], e["best_lap_s"])
            for e in doc["entries"]]
    assert rows == [
        ("7", "Apex Predators", "E1", "ok", 1, 1, 3, 370.0, None, 115.0),
        ("12", "Solo Sam", "E2", "ok", 2, 1, 3, 400.0, {"laps": 0, "time_s": 30.0}, 123.0),
        ("21", "Late Brakers", "E1", "dnf", 3, 2, 2, 250.0, {"laps": 1, "time_s": None}, 117.0),
        ("33", "", "E2", "dns", None, None, 0, None, None, None),
    ]  # fmt: skip
    seven, twelve, twenty_one, _ = doc["entries"]
    assert seven["stops"] == [{"in": "2026-05-16T12:04:30.000", "out": "2026-05-16T12:05:30.000",
                               "duration_s": 60.0, "mandatory": True, "source": "loops"}]
    assert seven["drivers"] == ["Ann Lee", "Bob Ray"]
    assert seven["stints"][1] == {"driver": "Bob Ray", "start": "2026-05-16T12:05:30.000",
                                  "end": "2026-05-16T12:06:10.000", "duration_s": 40.0}
    assert twelve["penalties"] == [{"decision": 5, "kind": "time-added", "detail": "+10.000 s",
                                    "changed_place": False}]
    assert twelve["findings"][0]["kind"] == "solo-exit-unconfirmed"
    assert twenty_one["penalties"][0]["changed_place"] is True
    assert doc["findings"] == [{"kind": "pit-out-without-in", "at": "2026-05-16T12:05:00.000",
                                "message": "transponder 9999 on PIT-OUT"}]


def test_a_session_without_a_sprint_part_refuses_part_sprint():
    with pytest.raises(ValueError, match="no Sprint part"):
        render_race(SESSION, "json", part="sprint")
    sprint = replace(RACE, part="sprint", checkered_us=None)
    doc = json.loads(render_race(replace(SESSION, sprint=sprint), "json", part="sprint"))
    assert (doc["part"], doc["checkered"]) == ("sprint", None)


def test_the_text_classification_lists_gaps_in_laps_or_time_penalties_and_findings():
    text = render_session(SESSION, "text")
    lines = text.splitlines()
    assert lines[0] == "Enduro 1 hour (R1) - enduro, race"
    assert lines[1] == "Green 12:00:00.000, finish due 12:06:00.000, checkered 12:06:10.000"
    rows = [line.split() for line in lines[5:9]]
    assert rows[0][:2] == ["1", "7"] and rows[0][-2:] == ["1:55.000", "1*"]
    assert "+30.000" in lines[6] and "+1 lap" in lines[7] and lines[7].rstrip().endswith("DNF")
    assert lines[8].rstrip().endswith("DNS")
    assert "  #21  missed-stop last in class  changed its place" in lines
    assert "  #12  time-added +10.000 s (decision 5)" in lines
    assert any("pit-out-without-in: transponder 9999 on PIT-OUT" in line for line in lines)


def test_the_csv_has_one_row_per_car():
    rows = render_race(SESSION, "csv").splitlines()
    assert rows[0].startswith("position,number,team,drivers,class,class_position,status,laps")
    assert rows[1].startswith("1,7,Apex Predators,Ann Lee; Bob Ray,E1,1,ok,3,370.000,,,115.000")
    assert rows[4].startswith(",33,,Dee Fox,E2,,dns,0,")


def test_the_stint_and_pit_stop_reports():
    stints = json.loads(render_race_report(SESSION, "stints", "json"))
    assert [(team["number"], [s["driver"] for s in team["stints"]]) for team in stints["teams"]] \
        == [("7", ["Ann Lee", "Bob Ray"]), ("12", ["Sam Oak"]), ("21", ["Cy Dee"]), ("33", [])]
    stops = json.loads(render_race_report(SESSION, "pit-stops", "json"))["stops"]
    assert [(s["number"], s["duration_s"], s["mandatory"], s["source"]) for s in stops] == [
        ("12", 40.0, True, "official"), ("7", 60.0, True, "loops")]
    text = render_race_report(SESSION, "pit-stops", "text").splitlines()
    assert text[-2].split() == ["12", "Solo", "Sam", "12:03:00.000", "12:03:40.000", "40.000",
                                "yes", "official"]
    assert render_race_report(SESSION, "stints", "csv").splitlines()[1] == (
        "7,Apex Predators,Ann Lee,2026-05-16T12:00:00.000,2026-05-16T12:04:30.000,270.000")


def test_the_position_chart_ranks_each_lap_by_when_it_was_completed():
    # lap 1 ends: 21 12:02:00, 7 12:02:05, 12 12:02:10; lap 2: 7, 21, 12; lap 3: 7, 12
    assert lap_positions(RACE) == {"21": [1, 2], "7": [2, 1, 1], "12": [3, 3, 2]}
    svg = position_svg(RACE)
    lines = re.findall(r'data-number="(\w+)"><polyline points="([^"]+)"', svg)
    assert lines == [("7", "34,56 58,34 82,34"), ("12", "34,78 58,78 82,56"),
                     ("21", "34,34 58,56")]


def test_the_race_lap_chart_lists_every_counted_lap():
    chart = json.loads(render_lap_chart(SESSION, "json"))
    assert [(e["number"], len(e["laps"])) for e in chart["entries"]] == [
        ("7", 3), ("12", 3), ("21", 2), ("33", 0)]


def test_the_race_page_fits_a_412px_phone(tmp_path):
    """No sideways scrolling on a 412 px wide phone: long team and driver names wrap."""
    if not CHROMIUM.exists():
        pytest.skip(f"!!! SKIPPING BROWSER TEST !!! {CHROMIUM} not found")
    from playwright.sync_api import sync_playwright

    long = replace(RACE.entries[0], team="Alexandra Montgomery-Fitzgerald Motorsport Endurance")
    wide = replace(RACE, session_name="IMG SprintDuro at Thunderhill, 2 hours",
                   entries=(long, *RACE.entries[1:]))
    meta = PageMeta("IMG Endurance Racing Round 3 at Thunderhill East", "2026-05-16T13:00:00",
                    True)  # fmt: skip
    pages = {"race": race_html(wide, meta=meta), "stints": stints_html(wide, meta=meta),
             "stops": pit_stops_html(wide, meta=meta)}
    for name, text in pages.items():
        (tmp_path / f"{name}.html").write_text(text, encoding="utf-8")
    measured = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                             args=["--headless", "--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 412, "height": 900})
            for name in pages:
                page.goto((tmp_path / f"{name}.html").as_uri())
                measured[name] = page.evaluate("""[document.documentElement.scrollWidth,
                    ...[...document.querySelectorAll('.table-wrap')].map(
                        w => w.scrollWidth - w.clientWidth)]""")
            page.goto((tmp_path / "race.html").as_uri())
            chart = page.evaluate(
                "document.querySelector('svg.position-chart').getBoundingClientRect().width")
        finally:
            browser.close()
    for name, widths in measured.items():
        assert widths[0] == 412 and set(widths[1:]) == {0}, (name, widths)
    assert 0 < chart <= 412


@pytest.mark.parametrize(("time_us", "text"), [
    (59_999, "0.059"), (3_599_999_999, "59:59.999"), (3_600_000_000, "1:00:00.000"),
    (7_384_567_890, "2:03:04.567"),
])  # fmt: skip
def test_race_times_from_an_hour_on_read_hours_minutes_seconds(time_us, text):
    from trackside.publish.race_text import race_time

    assert race_time(time_us) == text
