"""A lights-timed run session live (issue 11, item 3): the watcher follows trips and releases
by journal id, the live engine rescores the run sessions on each, and the live board shows the
cars on course, the last finishers and the running order."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from trackside.core.clock import parse_local_time
from trackside.core.records import Flag, FlagState, LightChannel, Release, Trip
from trackside.live.hub import LiveHub
from trackside.live.watcher import JournalWatcher
from trackside.rules import scored
from trackside.services import import_entries, import_event
from trackside.store import load_facts
from trackside.store.journal import append_flags
from trackside.store.run_facts import append_releases, append_trips
from trackside.web.app import create_app

EVENT = """\
[event]
id = "ts"
name = "TS day"
date = "2026-05-16"

[track]
start_finish_loop = "SF"

[[session]]
id = "TS1"
format = "tracksprint"
timing = "lights"
groups = ["All"]
"""
CARS = ("7", "12", "21", "33", "44")
ENTRIES = "number,first_name,last_name,class,group,transponder\n" + "".join(
    f"{n},Driver,{n},{'S2' if i % 2 else 'S4'},All,{1000 + i}\n" for i, n in enumerate(CARS))


def at(clock: str) -> int:
    return parse_local_time(f"2026-05-16T{clock}")


def start(clock: str) -> Trip:
    return Trip("TS1", LightChannel.START, at(clock))


def finish(clock: str) -> Trip:
    return Trip("TS1", LightChannel.FINISH, at(clock))


def add(engine: Engine, trips: tuple[Trip, ...] = (), releases: tuple[Release, ...] = ()) -> None:
    with engine.begin() as conn:
        append_trips(conn, "ts", list(trips))
        append_releases(conn, "ts", list(releases), "Starter")


def five_released_three_on_course(engine: Engine) -> None:
    """Cars 7, 12, 21, 33, 44 released and started 30 s apart; 7 and 12 have finished."""
    with engine.begin() as conn:
        append_flags(conn, "ts", [Flag("TS1", FlagState.GREEN, at("10:00:00"))], "Race control")
    releases = tuple(Release("TS1", car, at(f"10:0{(50 + 30 * i) // 60}:{(50 + 30 * i) % 60:02}"))
                     for i, car in enumerate(CARS))
    starts = tuple(start(f"10:0{(60 + 30 * i) // 60}:{(60 + 30 * i) % 60:02}")
                   for i in range(len(CARS)))
    add(engine, (*starts, finish("10:02:05.250"), finish("10:02:31.500")), releases)


@pytest.fixture
def event(engine: Engine, tmp_path: Path) -> str:
    (tmp_path / "ev.toml").write_text(EVENT, encoding="utf-8")
    (tmp_path / "entries.csv").write_text(ENTRIES, encoding="utf-8")
    import_event(engine, tmp_path / "ev.toml")
    import_entries(engine, "ts", tmp_path / "entries.csv")
    return "ts"


def test_the_watcher_reads_new_trips_and_releases_by_id(engine, event):
    watcher = JournalWatcher(engine)
    add(engine, (start("10:01:00"),), (Release("TS1", "7", at("10:00:50")),))
    rows = watcher.poll()[event]
    assert rows.trips == [start("10:01:00")] and rows.trips[0].id is not None
    assert rows.releases == [Release("TS1", "7", at("10:00:50"))]
    assert rows.releases[0].author == "Starter"
    add(engine, (start("10:01:00"),))  # the same trip again adds nothing
    assert watcher.poll() == {}
    assert watcher.positions["trips"] >= 1 and watcher.positions["releases"] >= 1


def test_the_live_engine_rescores_a_lights_session_on_each_trip(engine, event):
    hub = LiveHub(engine)
    assert hub.follow(event).scored.sessions["TS1"].entries[0].best_run is None
    five_released_three_on_course(engine)
    [snapshot] = hub.poll_once()
    result = snapshot.scored.sessions["TS1"]
    assert [car for car, _ in result.on_course] == ["21", "33", "44"]
    assert [(e.number, e.best_run.time_us) for e in result.entries[:2]] == [
        ("12", 61_500_000), ("7", 65_250_000)]
    add(engine, (finish("10:03:10"),))
    [snapshot] = hub.poll_once()
    assert [car for car, _ in snapshot.scored.sessions["TS1"].on_course] == ["33", "44"]
    assert snapshot.scored == scored(load_facts(engine, event))  # equal to a full recompute
    assert hub.poll_once() == []


def board(client: TestClient, **params: str) -> dict:
    page = client.get("/api/events/ts/live", params={"session": "TS1", **params})
    assert page.status_code == 200, page.text
    return page.json()


def test_the_board_shows_cars_on_course_last_finishers_and_the_running_order(engine, event):
    five_released_three_on_course(engine)
    with TestClient(create_app(engine)) as client:
        doc = board(client)
        assert [(c["number"], c["run"], c["start"]) for c in doc["on_course"]] == [
            ("21", 1, "10:02:00.0"), ("33", 1, "10:02:30.0"), ("44", 1, "10:03:00.0")]
        assert [(f["number"], f["run"], f["time"], f["valid"]) for f in doc["last_finishers"]] == [
            ("12", 1, "1:01.500", True), ("7", 1, "1:05.250", True)]
        assert [(r["number"], r["position"], r["best"]) for r in doc["rows"]][:2] == [
            ("12", 1, "1:01.500"), ("7", 2, "1:05.250")]
        s2 = board(client, **{"class": "S2"})  # 12 and 33 are S2; only 33 is on course
        assert [c["number"] for c in s2["on_course"]] == ["33"]
        assert [f["number"] for f in s2["last_finishers"]] == ["12"]
        page = client.get("/events/ts/live", params={"session": "TS1"}).text
        assert "On course" in page and "Last finishers" in page
        assert 'id="on-course"' in page and "10:03:00.0" in page

        add(engine, (finish("10:03:10"),))  # car 21 finishes: 70.000
        deadline = time.monotonic() + 10
        while len(doc["on_course"]) == 3 and time.monotonic() < deadline:
            time.sleep(0.02)
            doc = board(client)
        assert [c["number"] for c in doc["on_course"]] == ["33", "44"]
        assert doc["last_finishers"][0] == {
            "number": "21", "driver": "Driver 21", "class": "S4", "run": 1, "time": "1:10.000",
            "time_s": 70.0, "cones": 0, "finish": "10:03:10.0", "valid": True, "reason": None,
            "best": True}
        assert [r["number"] for r in doc["rows"]][:3] == ["12", "7", "21"]


def test_a_run_that_does_not_count_says_why(engine, event):
    five_released_three_on_course(engine)
    with engine.begin() as conn:  # a red flag over car 21's run
        append_flags(conn, "ts", [Flag("TS1", FlagState.RED, at("10:02:40")),
                                  Flag("TS1", FlagState.GREEN, at("10:02:45"))], "Race control")
    add(engine, (finish("10:03:10"),))
    with TestClient(create_app(engine)) as client:
        last = board(client)["last_finishers"][0]
    assert (last["number"], last["valid"]) == ("21", False)
    assert last["reason"]
