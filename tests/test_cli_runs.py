"""`trackside run release|dnf`, `rerun grant`, `penalty add ... cones --run`, `runs` and
`results` on a TrackSprint session, on SQLite and PostgreSQL (tracksprint.md, Commands); an
event summing a Time Attack round and a TrackSprint round ("Event results")."""

from __future__ import annotations

import json

import pytest

from tests.conftest import ENTRIES_CSV, EVENT_TOML, FLAGS_CSV, PASSINGS_CSV
from trackside.core.clock import at_time_of_day
from trackside.core.records import LightChannel, Trip
from trackside.store.database import writing
from trackside.store.run_facts import append_trips

TS_TOML = EVENT_TOML.replace('''[[round]]
name = "TA1"
sessions = ["TA1-A", "TA1-I"]
''', '''[[session]]
id = "TS1"
name = "TrackSprint 1"
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

TRIPS = [("10:00:05", "start"), ("10:00:20", "start"), ("10:01:00", "finish"),
         ("10:01:10", "finish"), ("10:05:00", "start"), ("10:05:58", "finish")]  # fmt: skip
RELEASES = "time,number\n10:00:00,21\n10:00:10,22\n10:04:50,21\n"


@pytest.fixture
def sprint(trackside, engine, tmp_path):
    """The small event with a lights-timed TrackSprint session: car 21 runs 55 s then 58 s,
    car 22 50 s; flags green TS1 at 09:59."""
    files = {"event.toml": TS_TOML, "entries.csv": ENTRIES_CSV, "passings.csv": PASSINGS_CSV,
             "flags.csv": FLAGS_CSV + "TS1,green,09:59:00\n", "releases.csv": RELEASES}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    for args in (("event", "import", tmp_path / "event.toml"),
                 ("entries", "import", "img-tt-r3", tmp_path / "entries.csv"),
                 ("passings", "import", "img-tt-r3", tmp_path / "passings.csv"),
                 ("flags", "import", "img-tt-r3", tmp_path / "flags.csv"),
                 ("run", "release", "img-tt-r3", "TS1", "--file", tmp_path / "releases.csv")):
        result = trackside(*args)
        assert result.exit_code == 0, result.output
    trips = [Trip("TS1", LightChannel(ch), at_time_of_day("2026-05-16", at)) for at, ch in TRIPS]
    with writing(engine) as conn:
        append_trips(conn, "img-tt-r3", trips)
    return tmp_path


def _runs(trackside, car: str) -> list[dict]:
    result = trackside("runs", "img-tt-r3", "TS1", "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    return next(e for e in doc["entries"] if e["number"] == car)["runs"]


def test_release_file_and_runs_listing(trackside, sprint):
    result = trackside("runs", "img-tt-r3", "TS1")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == ("TrackSprint 1 (TS1) - img-tt-r3, tracksprint (lights timing), "
                        "scored session")
    assert [line.split()[:2] for line in lines[4:7]] == [["22", "1"], ["21", "1"], ["21", "2"]]
    assert _runs(trackside, "21") == [
        {"run": 1, "start": "2026-05-16T10:00:05.000", "finish": "2026-05-16T10:01:00.000",
         "raw_s": 55.0, "cones": 0, "penalty_s": 0.0, "time_s": 55.0, "valid": True,
         "reason": None},
        {"run": 2, "start": "2026-05-16T10:05:00.000", "finish": "2026-05-16T10:05:58.000",
         "raw_s": 58.0, "cones": 0, "penalty_s": 0.0, "time_s": 58.0, "valid": True,
         "reason": None},
    ]
    again = trackside("run", "release", "img-tt-r3", "TS1", "--file", sprint / "releases.csv")
    assert again.stdout == "releases in TS1: 0 added, 3 already recorded\n"


def test_one_release_and_its_refusals(trackside, sprint, dump):
    result = trackside("run", "release", "img-tt-r3", "TS1", "33", "--at", "10:06:00")
    assert result.exit_code == 0, result.output
    assert result.stdout == "releases in TS1: 1 added, 0 already recorded\n"
    before = dump()
    unknown = trackside("run", "release", "img-tt-r3", "TS1", "99", "--at", "10:07:00")
    assert unknown.exit_code == 1
    assert "car '99' is not entered" in unknown.stderr
    lap_session = trackside("run", "release", "img-tt-r3", "TA1-A", "21", "--at", "10:07:00")
    assert lap_session.exit_code == 1
    assert "is a time-attack session" in lap_session.stderr
    assert dump() == before


def test_run_dnf_takes_the_car_off_the_course(trackside, sprint):
    result = trackside("run", "dnf", "img-tt-r3", "TS1", "21", "--at", "10:00:30")
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("run-dnf for car 21 in TS1\n")
    assert [(r["finish"], r["valid"], r["reason"]) for r in _runs(trackside, "21")][0] == (
        None, False, "dnf")
    # car 22, second on course, now takes the first finish (10:01:00): 40 s
    assert _runs(trackside, "22")[0]["raw_s"] == 40.0


def test_cones_add_to_the_run(trackside, sprint):
    result = trackside("penalty", "add", "img-tt-r3", "21", "cones", "--session", "TS1",
                       "--run", "1", "--count", "2")
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("cones for car 21 in TS1 run 1 (2 cones)\n")
    run = _runs(trackside, "21")[0]
    assert (run["cones"], run["raw_s"], run["time_s"]) == (2, 55.0, 59.0)
    listed = json.loads(trackside("penalty", "list", "img-tt-r3", "--format", "json").stdout)
    assert [(d["kind"], d["session"], d["lap"], d["run"], d["count"]) for d in listed] == [
        ("cones", "TS1", None, 1, 2)]
    assert "cones run 1 x2" in trackside("penalty", "list", "img-tt-r3").stdout


def test_a_run_decision_needs_a_run_the_car_has(trackside, sprint, dump):
    before = dump()
    missing = trackside("penalty", "add", "img-tt-r3", "21", "cones", "--session", "TS1",
                        "--run", "7", "--count", "1")
    assert missing.exit_code == 1
    assert "car '21' has no run 7 in session 'TS1' (runs 1-2)" in missing.stderr
    lap_kind = trackside("penalty", "add", "img-tt-r3", "21", "delete-lap", "--session", "TS1",
                         "--lap", "1")
    assert lap_kind.exit_code == 1
    run_kind = trackside("penalty", "add", "img-tt-r3", "21", "cones", "--session", "TA1-A",
                         "--run", "1", "--count", "1")
    assert run_kind.exit_code == 1
    assert "tracksprint or hillclimb" in run_kind.stderr
    assert dump() == before


def test_rerun_granted_voids_the_run(trackside, sprint):
    result = trackside("rerun", "grant", "img-tt-r3", "21", "--session", "TS1", "--run", "1",
                       "--reason", "red-flag", "--by", "Steward")
    assert result.exit_code == 0, result.output
    assert [(r["valid"], r["reason"]) for r in _runs(trackside, "21")] == [
        (False, "re-run granted"), (True, None)]


@pytest.mark.parametrize("reason", ["mechanical", "flat-tire"])
def test_rerun_for_mechanical_failure_is_refused_quoting_the_rule(trackside, sprint, dump,
                                                                  reason):
    before = dump()
    result = trackside("rerun", "grant", "img-tt-r3", "21", "--session", "TS1", "--run", "1",
                       "--reason", reason, "--by", "Steward")
    assert result.exit_code == 1
    assert "SCCA VI.1.2.7.A, RMD 2.7.1" in result.stderr
    assert "will not be given because of mechanical or other failure" in result.stderr
    assert dump() == before


def test_rerun_of_a_voided_run_is_refused_quoting_the_rule(trackside, sprint, dump):
    added = trackside("penalty", "add", "img-tt-r3", "21", "off-course", "--session", "TS1",
                      "--run", "1")
    assert added.exit_code == 0, added.output
    before = dump()
    result = trackside("rerun", "grant", "img-tt-r3", "21", "--session", "TS1", "--run", "1",
                       "--reason", "object-on-course", "--by", "Steward")
    assert result.exit_code == 1
    assert "SCCA VI.1.2.7.C, RMD 2.7.3" in result.stderr
    assert "no re-runs shall be given to that competitor for that run" in result.stderr
    assert dump() == before


def test_results_of_a_sprint_session_list_runs(trackside, sprint):
    result = trackside("results", "img-tt-r3", "--session", "TS1", "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert [(e["number"], e["position"], e["best_run_s"], e["best_run"])
            for e in doc["entries"]] == [("22", 1, 50.0, 1), ("21", 2, 55.0, 1),
                                         ("33", None, None, None)]  # fmt: skip
    assert "laps" not in doc["entries"][0]
    text = trackside("results", "img-tt-r3", "--session", "TS1")
    assert text.exit_code == 0 and "Runs" in text.stdout
    for fmt in ("csv", "html"):
        assert trackside("results", "img-tt-r3", "--session", "TS1", "--format", fmt).exit_code == 0


def test_event_results_sum_a_time_attack_round_and_a_sprint_round(trackside, sprint):
    result = trackside("results", "img-tt-r3", "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["rounds"] == ["TA1", "TS1"]
    ann = next(e for e in doc["entries"] if e["number"] == "21")
    ta, ts = ann["rounds"]
    assert ts == {"round": "TS1", "time_s": 55.0, "session": "TS1", "lap": 1}
    assert ann["total_s"] == round(ta["time_s"] + ts["time_s"], 3)
    # the results cache reads the sprint session back the same
    assert json.loads(trackside("results", "img-tt-r3", "--format", "json").stdout)["entries"] \
        == doc["entries"]


def test_publish_writes_the_sprint_sessions_run_pages(trackside, sprint, tmp_path):
    result = trackside("publish", "img-tt-r3", "--out", tmp_path / "site")
    assert result.exit_code == 0, result.output
    doc = json.loads((tmp_path / "site" / "sessions" / "TS1.json").read_text(encoding="utf-8"))
    assert doc["entries"][0]["best_run_s"] == 50.0
