"""Entries and event definitions keep their history: a re-import that changes something is a new
version with who and when, the versions before it stay as they were, and an identical re-import
or a failed one adds nothing (DESIGN.md: facts are stored once and never changed)."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from trackside.live.rmonitor_recorder import RMonitorRecorder
from trackside.services.rmonitor_journal import begin_follow
from trackside.store import open_engine
from trackside.store.entry_versions import EntryVersion, entry_versions_of
from trackside.store.event_versions import EventVersion, event_versions_of

EV = "img-tt-r3"
HEADER = "number,first_name,last_name,class,group,transponder\n"

FEED = """\
$I,"08:00:00","16 May 26"
$B,7,"Time Attack 1"
$A,"21","21",1001,"Ann","Lee","",1
$A,"22","22",1002,"Bob","Ray","",1
$F,0,"00:00:00","09:00:00","00:00:00","Green "
$L,"21","SF","SF","05/16/2026","09:01:00.000"
"""


def ok(result) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def store(db_url: str) -> Iterator[Engine]:
    engine = open_engine(db_url)
    yield engine
    engine.dispose()


def entry_versions(engine: Engine, number: str | None = None,
                   event_id: str = EV) -> list[EntryVersion]:
    with engine.connect() as conn:
        return entry_versions_of(conn, event_id, number)


def event_versions(engine: Engine, event_id: str = EV) -> list[EventVersion]:
    with engine.connect() as conn:
        return event_versions_of(conn, event_id)


# --- entries -----------------------------------------------------------------------------------


def test_a_changed_entry_is_version_2_by_its_author_and_version_1_stays(
    trackside, scenario, store
) -> None:
    ok(trackside("event", "import", scenario.event, "--by", "Sue"))
    ok(trackside("entries", "import", EV, scenario.entries, "--by", "Sue"))
    first = entry_versions(store, "21")
    moved = scenario.write("v2.csv", HEADER + "21,Ann,Lee,S1,Advanced,1001\n")
    assert ok(trackside("entries", "import", EV, moved, "--by", "Race Admin")).strip() == (
        "entries: 0 added, 1 updated, 0 already present")
    v1, v2 = entry_versions(store, "21")
    assert v1 == first[0]
    assert (v1.version, v1.author, v1.entry["car_class"], v1.entry["extra"]) == (
        1, "Sue", "S2", {"sponsor": "Acme"})
    assert (v2.version, v2.author, v2.entry["car_class"], v2.entry["year"]) == (
        2, "Race Admin", "S1", None)
    assert v2.recorded_us >= v1.recorded_us
    assert [v.version for v in entry_versions(store, "22")] == [1]


def test_an_identical_entries_reimport_adds_no_version(trackside, loaded, dump) -> None:
    before = dump()
    ok(trackside("entries", "import", EV, loaded.entries, "--by", "Someone Else"))
    assert dump() == before


def test_the_author_defaults_to_the_user_running_trackside(
    trackside, scenario, store, monkeypatch
) -> None:
    monkeypatch.setattr("getpass.getuser", lambda: "timing-chief")
    ok(trackside("event", "import", scenario.event))
    ok(trackside("entries", "import", EV, scenario.entries))
    assert {v.author for v in entry_versions(store)} == {"timing-chief"}
    assert event_versions(store)[0].author == "timing-chief"


def test_without_a_user_name_the_author_is_unknown(trackside, scenario, store,
                                                   monkeypatch) -> None:
    def no_user() -> str:
        raise OSError("no user")

    monkeypatch.setattr("getpass.getuser", no_user)
    ok(trackside("event", "import", scenario.event, "--by", "  "))
    assert event_versions(store)[0].author == "unknown"


@pytest.mark.parametrize(
    "text",
    [
        HEADER + "21,Ann,Lee,S1,Advanced,1001\n22,Bob,Ray,S2,Advanced\n",  # a field short
        HEADER + "21,Ann,Lee,S1,Advanced,1001\n21,Ann,Lee,S1,Advanced,1009\n",  # number twice
        HEADER + "21,Ann,Lee,S1,Advanced,1003\n",  # car 33's transponder
    ],
    ids=["short-line", "duplicate-number", "taken-transponder"],
)
def test_a_failed_entries_import_adds_no_version(trackside, loaded, dump, text: str) -> None:
    before = dump()
    result = trackside("entries", "import", EV, loaded.write("bad.csv", text), "--by", "X")
    assert result.exit_code == 1 and result.stderr.startswith("error: ")
    assert dump() == before


def test_entries_history_lists_versions_with_who_when_and_what_changed(
    trackside, loaded
) -> None:
    moved = loaded.write("v2.csv", HEADER + "21,Ann,Lee,S1,Advanced,1004\n")
    ok(trackside("entries", "import", EV, moved, "--by", "Race Admin"))
    rows = json.loads(ok(trackside("entries", "history", EV, "--format", "json")))
    assert [(r["number"], r["version"]) for r in rows] == [
        ("21", 1), ("21", 2), ("22", 1), ("33", 1)]
    v1, v2 = rows[:2]
    assert v1["change"] == "entered (class S2, group Advanced, transponder 1001)"
    assert v2["author"] == "Race Admin"
    assert v2["change"].startswith("class S2 -> S1, transponder 1001 -> 1004, year 2019 -> -")
    assert v2["change"].endswith("and 3 more")  # make, model, sponsor
    assert (v2["entry"]["class"], v2["entry"]["transponder"]) == ("S1", "1004")
    assert v2["recorded"] >= v1["recorded"]
    only = json.loads(ok(trackside("entries", "history", EV, "21", "--format", "json")))
    assert only == rows[:2]
    text = ok(trackside("entries", "history", EV, "21"))
    assert "Race Admin" in text and "class S2 -> S1" in text


def test_entries_history_of_an_unknown_car_or_event_is_a_one_line_error(trackside, loaded):
    unknown_car = trackside("entries", "history", EV, "99")
    assert unknown_car.exit_code == 1
    assert unknown_car.stderr.strip() == (
        f"error: argument NUMBER: no entry for car '99' in event '{EV}'")
    unknown_event = trackside("entries", "history", "nope")
    assert unknown_event.exit_code == 1
    assert unknown_event.stderr.startswith("error: argument EVENT: no event 'nope'")


# --- event definitions -------------------------------------------------------------------------


def test_event_reimport_keeps_every_version(trackside, scenario, store) -> None:
    ok(trackside("event", "import", scenario.event, "--by", "Sue"))
    renamed = scenario.write("v2.toml", scenario.event.read_text().replace(
        'name = "IMG Time Trial Round 3"', 'name = "IMG TT Round 3 (revised)"'))
    ok(trackside("event", "import", renamed, "--by", "Chief Steward"))
    ok(trackside("event", "import", renamed, "--by", "Someone Else"))  # identical: nothing
    v1, v2 = event_versions(store)
    assert (v1.version, v1.author, v1.definition["event"]["name"]) == (
        1, "Sue", "IMG Time Trial Round 3")
    assert (v2.version, v2.author, v2.definition["event"]["name"]) == (
        2, "Chief Steward", "IMG TT Round 3 (revised)")
    shown = json.loads(ok(trackside("event", "show", EV, "--format", "json")))
    assert shown["definition"]["versions"] == 2
    assert shown["definition"]["changed_by"] == "Chief Steward"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+", shown["definition"]["changed_at"])
    text = ok(trackside("event", "show", EV))
    assert "definition version 2, last changed " in text and text.rstrip().endswith(
        "by Chief Steward")


def test_an_identical_event_reimport_changes_nothing(trackside, loaded, dump) -> None:
    before = dump()
    ok(trackside("event", "import", loaded.event, "--by", "Someone Else"))
    assert dump() == before


def test_a_failed_event_import_adds_no_version(trackside, loaded, dump) -> None:
    before = dump()
    broken = loaded.write("bad.toml", loaded.event.read_text().replace(
        'ruleset = "scca-tt"', 'ruleset = "nascar"'))
    assert trackside("event", "import", broken, "--by", "X").exit_code == 1
    assert dump() == before


# --- RMonitor ----------------------------------------------------------------------------------


def test_an_rmonitor_import_is_recorded_as_by_its_file(trackside, tmp_path, store) -> None:
    path = tmp_path / "feed.txt"
    path.write_text(FEED, encoding="cp1252")
    ok(trackside("rmonitor", "import", path, "--event", "club"))
    ok(trackside("rmonitor", "import", path, "--event", "club"))  # the same again: nothing
    assert [(v.version, v.author) for v in event_versions(store, "club")] == [
        (1, "rmonitor feed.txt")]
    assert [(v.number, v.version, v.author) for v in entry_versions(store, event_id="club")] == [
        ("21", 1, "rmonitor feed.txt"), ("22", 1, "rmonitor feed.txt")]


def test_a_feed_merged_into_a_defined_event_is_its_next_version(trackside, loaded, store):
    path = loaded.write("feed.txt", FEED.replace("1002,", "2002,"))
    before = event_versions(store)
    ok(trackside("rmonitor", "import", path, "--event", EV))
    versions = event_versions(store)
    assert versions[:-1] == before
    merged = versions[-1]
    assert (merged.version, merged.author) == (len(before) + 1, "rmonitor feed.txt")
    assert [s["id"] for s in merged.definition["session"]] == ["TA1-A", "TA1-I", "run1"]
    assert [(v.number, v.version, v.author) for v in entry_versions(store)
            if v.author.startswith("rmonitor")] == [("22-run1", 1, "rmonitor feed.txt")]


def test_a_live_feed_is_recorded_as_by_the_feed(store) -> None:
    follower = begin_follow(store, "club", "2026-05-16", author="rmonitor orbits:50000")
    recorder = RMonitorRecorder(store, "club", follower, "rmonitor orbits:50000",
                                on_event=lambda _: None)

    async def play() -> None:
        for line in FEED.splitlines():
            await recorder.line(f"{line}\r\n".encode("cp1252"))
        await recorder.finish()

    asyncio.run(play())
    versions = event_versions(store, "club")
    assert {v.author for v in versions} == {"rmonitor orbits:50000"}
    assert [s["id"] for s in versions[-1].definition["session"]] == ["run1"]
    assert versions[0].definition["session"] == []
    assert [(v.number, v.version, v.author) for v in entry_versions(store, event_id="club")] == [
        ("21", 1, "rmonitor orbits:50000"), ("22", 1, "rmonitor orbits:50000")]
