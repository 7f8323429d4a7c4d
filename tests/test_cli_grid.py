"""`trackside grid EVENT SESSION` on SQLite and PostgreSQL (tracksprint.md, "Grid"; RMD Event
Procedures 2.2 and SCCA TT VI.2.2.2, "Groups and Grid": best times from previous scored and
unscored sessions; the spec cites SCCA App. C): every format, the sessions it is ordered from,
an unknown session, and the results cache it reads through."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from trackside.store import open_engine
from trackside.store.schema import results_cache

EV = "grid-day"

EVENT_TOML = """\
[event]
id = "grid-day"
name = "Grid Day"
date = "2026-05-16"
min_lap_s = 20.0

[track]
start_finish_loop = "SF"

[[session]]
id = "P1"
name = "Practice"
format = "practice"
scored = false
groups = ["Advanced", "Intermediate"]

[[session]]
id = "TA1"
name = "Time Attack 1"
groups = ["Advanced"]

[[session]]
id = "TA2"
name = "Time Attack 2"
groups = ["Advanced"]
"""

ENTRIES_CSV = """\
number,first_name,last_name,class,group,transponder
12,Kim,Ng,S2,Advanced,1012
7,Lou,Park,S2,Advanced,1007
21,Ann,Lee,S2,Advanced,1021
22,Bob,Ray,S4,Advanced,1022
33,Cy,Dee,S4,Intermediate,1033
"""

PASSINGS_CSV = """\
time,transponder,loop
2026-05-16T08:01:00.000,1021,SF
2026-05-16T08:03:00.000,1021,SF
2026-05-16T08:01:10.000,1033,SF
2026-05-16T08:02:50.000,1033,SF
2026-05-16T09:01:00.000,1022,SF
2026-05-16T09:03:00.500,1022,SF
2026-05-16T09:05:00.000,1022,SF
2026-05-16T09:01:05.000,1021,SF
2026-05-16T09:03:10.000,1021,SF
"""
"""P1: 21 120.000, 33 100.000 (Intermediate). TA1: 22 120.500 then 119.500 (lap 2), 21 125.000."""

FLAGS_CSV = """\
session,state,time
P1,green,08:00:00
P1,checkered,08:20:00
TA1,green,09:00:00
TA1,checkered,09:20:00
"""


@pytest.fixture
def day(trackside, tmp_path: Path) -> Path:
    files = {}
    for name, text in (("event.toml", EVENT_TOML), ("entries.csv", ENTRIES_CSV),
                       ("passings.csv", PASSINGS_CSV), ("flags.csv", FLAGS_CSV)):
        files[name] = tmp_path / name
        files[name].write_text(text, encoding="utf-8")
    for args in (("event", "import", files["event.toml"]),
                 ("entries", "import", EV, files["entries.csv"]),
                 ("passings", "import", EV, files["passings.csv"]),
                 ("flags", "import", EV, files["flags.csv"])):
        result = trackside(*args)
        assert result.exit_code == 0, result.output
    return tmp_path


def _ok(result) -> str:
    assert result.exit_code == 0, result.output
    return result.stdout


def test_grid_json_orders_by_best_time_of_practice_and_ta1(trackside, day):
    doc = json.loads(_ok(trackside("grid", EV, "TA2", "--format", "json")))
    assert (doc["event"], doc["session"], doc["started"]) == (EV, "TA2", False)
    assert doc["previous_sessions"] == ["P1", "TA1"]
    assert doc["grid"] == [
        {"position": 1, "number": "22", "driver": "Bob Ray", "class": "S4", "group": "Advanced",
         "best_s": 119.5, "from_session": "TA1", "lap": 2},
        {"position": 2, "number": "21", "driver": "Ann Lee", "class": "S2", "group": "Advanced",
         "best_s": 120.0, "from_session": "P1", "lap": 1},
        {"position": 3, "number": "7", "driver": "Lou Park", "class": "S2", "group": "Advanced",
         "best_s": None, "from_session": None, "lap": None},
        {"position": 4, "number": "12", "driver": "Kim Ng", "class": "S2", "group": "Advanced",
         "best_s": None, "from_session": None, "lap": None},
    ]  # fmt: skip
    # 33 (Intermediate) is fastest of all in P1 and never on the Advanced grid


def test_a_started_session_counts_only_the_sessions_green_before_it(trackside, day):
    doc = json.loads(_ok(trackside("grid", EV, "TA1", "--format", "json")))
    assert doc["started"] is True and doc["previous_sessions"] == ["P1"]
    assert [(r["number"], r["best_s"]) for r in doc["grid"]] == [
        ("21", 120.0), ("7", None), ("12", None), ("22", None)]


def test_grid_text_csv_and_html(trackside, day):
    text = _ok(trackside("grid", EV, "TA2"))
    assert text.startswith("Grid: Time Attack 2 (TA2) - Grid Day (grid-day)\n")
    assert "Not started: best time from every session so far: P1, TA1." in text
    lines = text.splitlines()
    first = next(line for line in lines if line.lstrip().startswith("1 "))
    assert first.split() == ["1", "22", "Bob", "Ray", "S4", "Advanced", "1:59.500", "TA1", "2"]
    rows = list(csv.reader(io.StringIO(_ok(trackside("grid", EV, "TA2", "--format", "csv")))))
    assert rows[0] == ["position", "number", "driver", "class", "group", "best_s",
                       "from_session", "lap"]  # fmt: skip
    assert rows[1:] == [["1", "22", "Bob Ray", "S4", "Advanced", "119.500", "TA1", "2"],
                        ["2", "21", "Ann Lee", "S2", "Advanced", "120.000", "P1", "1"],
                        ["3", "7", "Lou Park", "S2", "Advanced", "", "", ""],
                        ["4", "12", "Kim Ng", "S2", "Advanced", "", "", ""]]  # fmt: skip
    target = day / "out" / "grid.html"
    assert _ok(trackside("grid", EV, "TA2", "--format", "html", "--out", target)) == (
        f"wrote {target}\n")
    page = target.read_text()
    assert "Time Attack 2 grid" in page and "Bob Ray" in page and "1:59.500" in page
    assert page.index("Bob Ray") < page.index("Ann Lee") < page.index("Lou Park")


def test_an_unknown_session_or_event_is_one_line(trackside, day):
    result = trackside("grid", EV, "TA9")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == ("error: argument SESSION: no session 'TA9' in event 'grid-day' "
                             "(sessions: P1, TA1, TA2)\n")  # fmt: skip
    result = trackside("grid", "nope", "TA1")
    assert result.exit_code == 1 and result.stderr.startswith("error: ")
    assert trackside("grid", EV, "TA2", "--format", "pdf").stderr.startswith(
        "error: option --format: expected one of text, json, csv, html")


def test_grid_reads_through_the_results_cache(trackside, day, db_url):
    _ok(trackside("grid", EV, "TA2"))
    engine = open_engine(db_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(select(func.count()).select_from(results_cache)).scalar_one()
    finally:
        engine.dispose()
    assert rows == 3  # every session scored once and kept for `results`, `laps`, `grid`
    assert json.loads(_ok(trackside("grid", EV, "TA2", "--format", "json")))["grid"][0][
        "number"] == "22"
