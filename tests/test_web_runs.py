"""The web serves an event with a TrackSprint session: its pages show the runs (as laps on the
live board and lap chart, tracksprint.md; the issue asks RMonitor to carry runs as laps too), and
its session twin is the run document."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from trackside.store import open_engine
from trackside.web.app import create_app

EVENT = """\
[event]
id = "ts"
name = "TS day"
date = "2026-05-16"

[track]
start_finish_loop = "SF"

[[session]]
id = "TA1"
groups = ["All"]

[[session]]
id = "TS1"
format = "tracksprint"
timing = "lights"
groups = ["All"]
"""
ENTRIES = "number,first_name,last_name,class,group,transponder\n7,Ann,Lee,S2,All,1001\n" \
          "12,Bob,Ray,S2,All,1002\n"
LIGHTS = ("time,channel\n2026-05-16T10:01:00.000,start\n2026-05-16T10:01:30.000,start\n"
          "2026-05-16T10:02:05.250,finish\n2026-05-16T10:02:31.500,finish\n")
PAGES = ["/events/ts", "/events/ts/results", "/events/ts/sessions/TS1",
         "/events/ts/sessions/TS1/laps", "/events/ts/live?session=TS1",
         "/events/ts/sessions/TS1/grid"]


@pytest.fixture
def client(trackside, tmp_path, db_url):
    files = {"ev.toml": EVENT, "entries.csv": ENTRIES, "lights.csv": LIGHTS}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    for args in (("event", "import", tmp_path / "ev.toml"),
                 ("entries", "import", "ts", tmp_path / "entries.csv"),
                 ("flag", "ts", "TS1", "green", "--at", "10:00"),
                 ("run", "release", "ts", "TS1", "7", "--at", "10:00:50"),
                 ("run", "release", "ts", "TS1", "12", "--at", "10:01:20"),
                 ("lights", "import", "ts", "TS1", tmp_path / "lights.csv", "--protocol", "csv")):
        result = trackside(*args)
        assert result.exit_code == 0, result.output
    engine = open_engine(db_url)
    with TestClient(create_app(engine)) as served:
        yield served
    engine.dispose()


def test_every_page_of_an_event_with_runs_is_served(client):
    for path in PAGES:
        page = client.get(path)
        assert page.status_code == 200, path
    page = client.get("/events/ts/sessions/TS1").text
    assert "1:01.500" in page
    assert "Ranked by best counting run" in page and 'class="results runs"' in page
    assert 'href="/events/ts/sessions/TS1/grid"' in page  # the web's own nav


def test_the_session_twin_is_the_run_document_and_the_board_shows_runs_as_laps(client):
    doc = client.get("/api/events/ts/sessions/TS1").json()
    assert [(e["number"], e["best_run_s"]) for e in doc["entries"]] == [("12", 61.5), ("7", 65.25)]
    board = client.get("/api/events/ts/live", params={"session": "TS1"}).json()
    assert [(row["number"], row["best"]) for row in board["rows"]] == [("12", "1:01.500"),
                                                                      ("7", "1:05.250")]


def test_the_lap_chart_command_shows_a_run_sessions_runs(client, trackside):
    chart = trackside("laps", "ts", "TS1")
    assert chart.exit_code == 0, chart.output
    assert "*1:01.500" in chart.stdout and "*1:05.250" in chart.stdout
