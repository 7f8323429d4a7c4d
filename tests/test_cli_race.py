"""A race day end to end through the CLI (endurance.md), on SQLite and PostgreSQL: an event with
practice, qualifying and a 10-minute race with pit loops; entries, a roster, passings on the SF,
PIT-IN and PIT-OUT loops, flags, an official's pit stop, driver changes and race decisions; the
Race JSON checked field by field against values worked out by hand; every bad input of the
issue one line with nothing stored."""

from __future__ import annotations

import json

import pytest

EV = "enduro"
EVENT_TOML = """\
[event]
id = "enduro"
name = "IMG Enduro"
date = "2026-06-13"
ruleset = "img"
min_lap_s = 20.0

[track]
name = "Thunderhill East"
start_finish_loop = "SF"

[[session]]
id = "P1"
format = "practice"
groups = ["All"]
duration_min = 20

[[session]]
id = "Q1"
format = "qualifying"
groups = ["All"]
duration_min = 15

[[session]]
id = "R1"
name = "Enduro"
format = "race"
groups = ["All"]
duration_min = 10
mandatory_stops = 1
min_stop_s = 30
missed_stop = "laps:1"
pit_in_loop = "PIT-IN"
pit_out_loop = "PIT-OUT"
"""

ENTRIES_CSV = """\
number,first_name,last_name,class,group,transponder,team
7,Ann,Lee,E1,All,1007,Apex Predators
12,Sam,Oak,E2,All,1012,Solo Sam
21,Cy,Dee,E1,All,1021,Late Brakers
"""

ROSTER_CSV = """\
number,first_name,last_name,member_id,driver_transponder
7,Ann,Lee,M7A,
7,Bob,Ray,M7B,
21,Cy,Dee,,
21,Dan,Fox,,
"""

FLAGS_CSV = """\
session,state,time
P1,green,09:00:00
P1,checkered,09:20:00
Q1,green,10:00:00
Q1,checkered,10:15:00
R1,green,12:00:00
"""

# R1: green 12:00:00, T = 12:10:00. By T car 12 has 5 laps (7 has 4, 21 has 4): the leader,
# checkered at its crossing 12:11:30 (C). Each car's race ends at its first crossing >= C.
#  7: start 12:00:05; laps end 12:02:05 04:05 06:30 08:30 10:20 12:12:20 -> 6 laps, 740 s;
#     stop PIT-IN 12:05:00 - PIT-OUT 12:06:00 (60 s >= 30: the mandatory stop).
# 12: start 12:00:08; laps end 12:01:59 03:50 05:45 07:40 09:35 11:30 -> 6 laps, 690 s; no
#     stop: laps:1 -> 5 laps; then time-added 15 s -> 705 s.
# 21: start 12:00:10; laps end 12:02:20 04:30 06:50 09:10 11:40 -> 5 laps, 700 s; a PIT-OUT
#     read at 12:05:10 with no PIT-IN (a finding); the official's stop 12:04:40 - 12:05:10
#     (30 s) serves the mandatory stop; a drive-through served at 12:07:00 adds nothing.
R1_READS = {
    "1007": ["12:00:05", "12:02:05", "12:04:05", "PIT-IN 12:05:00", "PIT-OUT 12:06:00",
             "12:06:30", "12:08:30", "12:10:20", "12:12:20"],
    "1012": ["12:00:08", "12:01:59", "12:03:50", "12:05:45", "12:07:40", "12:09:35",
             "12:11:30"],
    "1021": ["12:00:10", "12:02:20", "12:04:30", "PIT-OUT 12:05:10", "12:06:50", "12:09:10",
             "12:11:40"],
}  # fmt: skip
Q1_READS = {  # best laps: 21 125 s, 7 128 s, 12 130 s
    "1007": ["10:00:30", "10:02:38", "10:04:50"],
    "1012": ["10:00:40", "10:02:50", "10:05:05"],
    "1021": ["10:00:50", "10:02:55", "10:05:10"],
}


def _passings_csv() -> str:
    """Every read above as `time,transponder,loop` rows, in time order."""
    rows = []
    for reads in (Q1_READS, R1_READS):
        for transponder, times in reads.items():
            for read in times:
                loop, _, at = read.rpartition(" ")
                rows.append(f"2026-06-13T{at}.000,{transponder},{loop or 'SF'}")
    return "\n".join(["time,transponder,loop", *sorted(rows)]) + "\n"


def _ok(result) -> str:
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def day(trackside, tmp_path):
    """The race day imported: definition, entries, roster, passings, flags."""
    files = {"event.toml": EVENT_TOML, "entries.csv": ENTRIES_CSV, "roster.csv": ROSTER_CSV,
             "passings.csv": _passings_csv(), "flags.csv": FLAGS_CSV}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    for args in (("event", "import", tmp_path / "event.toml"),
                 ("entries", "import", EV, tmp_path / "entries.csv"),
                 ("roster", "import", EV, tmp_path / "roster.csv", "--by", "Registrar"),
                 ("passings", "import", EV, tmp_path / "passings.csv"),
                 ("flags", "import", EV, tmp_path / "flags.csv")):
        _ok(trackside(*args))
    return tmp_path


def _decide(trackside) -> dict[str, int]:
    """The officials' facts of the race, as the issue lists them; decision ids by name."""
    _ok(trackside("pit", "stop", EV, "R1", "21", "--in", "12:04:40", "--out", "12:05:10",
                  "--by", "Pit marshal"))
    _ok(trackside("driver", "change", EV, "R1", "7", "bob ray", "--at", "12:05:30"))
    _ok(trackside("driver", "change", EV, "R1", "21", "Dan Fox", "--at", "12:04:50"))
    out = _ok(trackside("penalty", "add", EV, "12", "time-added", "--session", "R1",
                        "--seconds", "15", "--reason", "unsafe release", "--by", "Steward"))
    time_added = int(out.split()[1].rstrip(":"))
    out = _ok(trackside("penalty", "add", EV, "21", "drive-through", "--at", "12:03:00",
                        "--reason", "pit speeding", "--by", "Steward"))
    assert out.strip().endswith("drive-through for car 21 in R1")
    drive_through = int(out.split()[1].rstrip(":"))
    out = _ok(trackside("penalty", "served", EV, str(drive_through), "--at", "12:07:00",
                        "--by", "Pit marshal"))
    served = int(out.split()[1].rstrip(":"))
    return {"time_added": time_added, "drive_through": drive_through, "served": served}


def _race(trackside, *more: str) -> dict:
    return json.loads(_ok(trackside("results", EV, "--session", "R1", "--format", "json",
                                    *more)))


def test_the_race_json_against_hand_checked_values(trackside, day):
    ids = _decide(trackside)
    doc = _race(trackside)
    assert {k: doc[k] for k in ("event", "session", "part", "green", "checkered")} == {
        "event": EV, "session": "R1", "part": "race", "green": "2026-06-13T12:00:00.000",
        "checkered": "2026-06-13T12:11:30.000"}
    rows = [(e["number"], e["team"], e["class"], e["status"], e["position"], e["class_position"],
             e["laps"], e["race_time_s"], e["gap"], e["interval"], e["best_lap_s"])
            for e in doc["entries"]]
    assert rows == [
        ("7", "Apex Predators", "E1", "ok", 1, 1, 6, 740.0, None, None, 110.0),
        ("21", "Late Brakers", "E1", "ok", 2, 2, 5, 700.0, {"laps": 1, "time_s": None},
         {"laps": 1, "time_s": None}, 130.0),
        ("12", "Solo Sam", "E2", "ok", 3, 1, 5, 705.0, {"laps": 1, "time_s": None},
         {"laps": 0, "time_s": 5.0}, 111.0),
    ]  # fmt: skip
    seven, twenty_one, twelve = doc["entries"]
    assert seven["stops"] == [{"in": "2026-06-13T12:05:00.000", "out": "2026-06-13T12:06:00.000",
                               "duration_s": 60.0, "mandatory": True, "source": "loops"}]
    assert [(s["driver"], s["start"][11:19], s["end"][11:19]) for s in seven["stints"]] == [
        ("Ann Lee", "12:00:00", "12:05:00"), ("Bob Ray", "12:06:00", "12:12:20")]
    assert twenty_one["stops"] == [{"in": "2026-06-13T12:04:40.000",
                                    "out": "2026-06-13T12:05:10.000", "duration_s": 30.0,
                                    "mandatory": True, "source": "official"}]
    assert twenty_one["drivers"] == ["Cy Dee", "Dan Fox"]
    assert [f["kind"] for f in twenty_one["findings"]] == ["pit-out-without-in"]
    assert [(p["decision"], p["kind"], p["changed_place"]) for p in twenty_one["penalties"]] \
        == [(ids["drive_through"], "drive-through", False)]
    assert twelve["stops"] == []
    # without the missed stop's lap 12 would win (6 laps); without the 15 s it would be second
    assert [(p["decision"], p["kind"], p["changed_place"]) for p in twelve["penalties"]] == [
        (ids["time_added"], "time-added", True), (None, "missed-stop", True)]


def test_revoking_a_decision_rescores_the_race_through_the_cache(trackside, day):
    ids = _decide(trackside)
    assert [e["number"] for e in _race(trackside)["entries"]] == ["7", "21", "12"]
    _ok(trackside("penalty", "revoke", EV, str(ids["time_added"]), "--reason", "review",
                  "--by", "Steward"))
    doc = _race(trackside)
    assert [(e["number"], e["race_time_s"]) for e in doc["entries"]] == [
        ("7", 740.0), ("12", 690.0), ("21", 700.0)]
    _ok(trackside("penalty", "revoke", EV, str(ids["served"]), "--reason", "not served",
                  "--by", "Steward"))
    twenty_one = next(e for e in _race(trackside)["entries"] if e["number"] == "21")
    assert twenty_one["race_time_s"] == 760.0  # the unserved drive-through: +60 s


def test_an_official_pit_stop_reaches_a_cached_race(trackside, day):
    before = {e["number"]: e for e in _race(trackside)["entries"]}
    assert (before["21"]["laps"], before["21"]["stops"]) == (4, [])  # missed stop: -1 lap
    _ok(trackside("pit", "stop", EV, "R1", "21", "--in", "12:04:40", "--out", "12:05:10"))
    after = {e["number"]: e for e in _race(trackside)["entries"]}
    assert (after["21"]["laps"], len(after["21"]["stops"])) == (5, 1)


def test_the_same_pit_stop_twice_is_one_fact(trackside, day):
    args = ("pit", "stop", EV, "R1", "21", "--in", "12:04:40", "--out", "12:05:10")
    assert _ok(trackside(*args)).strip() == "pit stop of car 21 in R1: 30.000 recorded (pit stop 1)"
    assert _ok(trackside(*args)).strip() == "pit stop of car 21 in R1: 30.000 already recorded"


def test_a_pit_stop_or_driver_change_recorded_by_mistake_is_revoked_and_stays_listed(trackside,
                                                                                    day):
    _ok(trackside("pit", "stop", EV, "R1", "21", "--in", "12:04:40", "--out", "12:05:10",
                  "--by", "Pit marshal"))
    _ok(trackside("driver", "change", EV, "R1", "21", "Dan Fox", "--at", "12:04:50"))
    assert len(next(e for e in _race(trackside)["entries"] if e["number"] == "21")["stops"]) == 1
    assert _ok(trackside("pit", "revoke", EV, "1", "--reason", "wrong car", "--by", "Chief"))\
        .strip() == "pit stop 1 revoked by Chief"
    _ok(trackside("driver", "revoke", EV, "1", "--reason", "wrong car", "--by", "Chief"))
    twenty_one = next(e for e in _race(trackside)["entries"] if e["number"] == "21")
    assert (twenty_one["stops"], twenty_one["drivers"]) == ([], ["Cy Dee"])
    stops = json.loads(_ok(trackside("pit", "list", EV, "--format", "json")))
    assert [(s["id"], s["number"], s["duration_s"], s["author"], s["revoked"]) for s in stops] \
        == [(1, "21", 30.0, "Pit marshal", "wrong car (Chief)")]
    changes = json.loads(_ok(trackside("driver", "list", EV, "--format", "json")))
    assert [(c["driver"], c["revoked"]) for c in changes] == [("Dan Fox", "wrong car (Chief)")]
    again = trackside("pit", "revoke", EV, "1", "--reason", "x", "--by", "Chief")
    assert again.exit_code == 1 and "already revoked" in again.output
    # recorded again after the revocation: a new fact
    out = _ok(trackside("pit", "stop", EV, "R1", "21", "--in", "12:04:40", "--out", "12:05:10"))
    assert out.strip().endswith("recorded (pit stop 2)")


def test_text_csv_and_html_of_the_race_and_the_sprint_part_refused(trackside, day):
    _decide(trackside)
    text = _ok(trackside("results", EV, "--session", "R1")).splitlines()
    assert text[0] == "Enduro (R1) - enduro, race"
    assert text[1] == "Green 12:00:00.000, finish due 12:10:00.000, checkered 12:11:30.000"
    assert [line.split()[:2] for line in text[5:8]] == [["1", "7"], ["2", "21"], ["3", "12"]]
    csv = _ok(trackside("results", EV, "--session", "R1", "--format", "csv")).splitlines()
    assert csv[1].startswith("1,7,Apex Predators,Ann Lee; Bob Ray,E1,1,ok,6,740.000")
    html = _ok(trackside("results", EV, "--session", "R1", "--format", "html"))
    assert "<svg class=\"position-chart\"" in html and "Findings for the officials" in html
    refused = trackside("results", EV, "--session", "R1", "--part", "sprint")
    assert refused.exit_code == 1
    assert refused.output.strip() == ("error: option --part: session 'R1' has no Sprint part "
                                      "(no sprint_min)")


def test_reports_stints_and_pit_stops(trackside, day):
    _decide(trackside)
    stints = json.loads(_ok(trackside("report", "stints", EV, "R1", "--format", "json")))
    assert [(t["number"], [s["driver"] for s in t["stints"]]) for t in stints["teams"]] == [
        ("7", ["Ann Lee", "Bob Ray"]), ("21", ["Cy Dee", "Dan Fox"]), ("12", ["Sam Oak"])]
    stops = _ok(trackside("report", "pit-stops", EV, "R1")).splitlines()
    assert [line.split()[0] for line in stops[7:]] == ["21", "7"]
    assert _ok(trackside("report", "pit-stops", EV, "R1", "--format", "csv")).splitlines()[1] \
        == "21,Late Brakers,2026-06-13T12:04:40.000,2026-06-13T12:05:10.000,30.000,true,official"


def test_the_race_lap_chart(trackside, day):
    chart = json.loads(_ok(trackside("laps", EV, "R1", "--format", "json")))
    laps = {e["number"]: [lap["time_s"] for lap in e["laps"]] for e in chart["entries"]}
    assert laps == {"7": [120.0, 120.0, 145.0, 120.0, 110.0, 120.0],
                    "12": [111.0, 111.0, 115.0, 115.0, 115.0, 115.0],
                    "21": [130.0, 130.0, 140.0, 140.0, 150.0]}


def test_penalty_list_shows_the_race_decisions(trackside, day):
    ids = _decide(trackside)
    _ok(trackside("contact", EV, "Q1", "21", "12", "--by", "Steward"))
    _ok(trackside("solo-exit", EV, "R1", "12", "--by", "Pit marshal"))
    rows = json.loads(_ok(trackside("penalty", "list", EV, "--format", "json")))
    kinds = [(r["kind"], r["number"], r["session"], r["author"]) for r in rows]
    assert kinds == [("time-added", "12", "R1", "Steward"),
                     ("drive-through", "21", "R1", "Steward"),
                     ("penalty-served", "21", "R1", "Pit marshal"),
                     ("contact", "21", "Q1", "Steward"), ("solo-exit", "12", "R1", "Pit marshal")]
    served = next(r for r in rows if r["kind"] == "penalty-served")
    assert (served["serves"], served["served_at"]) == (ids["drive_through"],
                                                       "2026-06-13T12:07:00.000")
    contact = next(r for r in rows if r["kind"] == "contact")
    assert contact["other_number"] == "12"


BAD = {
    "roster naming a car not entered": (
        ("roster", "import", EV, "{dir}/bad.csv"),
        "bad.csv:3: field 'number': car '99' is not entered in event 'enduro'",
        "number,first_name,last_name\n7,Eve,Lin\n99,Dee,Fox\n"),
    "roster driver transponder of another car": (
        ("roster", "import", EV, "{dir}/bad.csv"),
        "bad.csv:2: field 'driver_transponder': transponder '1012' is car 12's own transponder",
        "number,first_name,last_name,driver_transponder\n7,Eve,Lin,1012\n"),
    "roster driver transponder of the car itself": (
        ("roster", "import", EV, "{dir}/bad.csv"),
        "bad.csv:2: field 'driver_transponder': transponder '1007' is car 7's own transponder",
        "number,first_name,last_name,driver_transponder\n7,Eve,Lin,1007\n"),
    "roster missing a required column": (
        ("roster", "import", EV, "{dir}/bad.csv"),
        "bad.csv:1: field 'last_name': missing required column", "number,first_name\n7,Eve\n"),
    "roster naming a driver twice for one car": (
        ("roster", "import", EV, "{dir}/bad.csv"),
        "bad.csv:3: field 'last_name': driver 'eve lin' is listed twice for car 7 (also line 2)",
        "number,first_name,last_name\n7,Eve,Lin\n7,eve,lin\n"),
    "roster giving one driver transponder to two drivers": (
        ("roster", "import", EV, "{dir}/bad.csv"),
        "bad.csv:3: field 'driver_transponder': driver transponder 'D1' is also on line 2",
        "number,first_name,last_name,driver_transponder\n7,Eve,Lin,D1\n21,Al,Bo,D1\n"),
    "roster row without a last name": (
        ("roster", "import", EV, "{dir}/bad.csv"),
        "bad.csv:2: field 'last_name': value required", "number,first_name,last_name\n7,Eve,\n"),
    "results --part of a qualifying session": (
        ("results", EV, "--session", "Q1", "--part", "race"),
        "option --session: session 'Q1' is not a race session", None),
    "results --part without a session": (
        ("results", EV, "--part", "sprint"),
        "option --part: --part names a part of a race session: give --session R", None),
    "results --part of no such part": (
        ("results", EV, "--session", "R1", "--part", "final"),
        "option --part: expected one of race, sprint; got 'final'", None),
    "a stint report of a qualifying session": (
        ("report", "stints", EV, "Q1"),
        "argument SESSION: session 'Q1' is not a race session", None),
    "driver change for a driver not on the roster": (
        ("driver", "change", EV, "R1", "7", "Cy Dee", "--at", "12:05:30"),
        "argument DRIVER: 'Cy Dee' is not on car 7's roster (Ann Lee, Bob Ray)", None),
    "a pit stop in a practice session": (
        ("pit", "stop", EV, "P1", "7", "--in", "09:05:00", "--out", "09:06:00"),
        "argument SESSION: session 'P1' is a practice session, not a race", None),
    "a pit stop out before in": (
        ("pit", "stop", EV, "R1", "7", "--in", "12:06:00", "--out", "12:05:00"),
        "option --out: --out must be after --in", None),
    "contact in the race": (
        ("contact", EV, "R1", "7", "12", "--by", "Steward"),
        "argument SESSION: session 'R1' is a race session: a contact is recorded in a "
        "practice or qualifying session", None),
    "contact with a car not entered": (
        ("contact", EV, "Q1", "7", "99", "--by", "Steward"),
        "argument OTHER: car '99' is not entered in event 'enduro'", None),
    "a race kind on a qualifying session": (
        ("penalty", "add", EV, "7", "time-added", "--session", "Q1", "--seconds", "5"),
        "option --session: time-added acts on a race session (session 'Q1' is a qualifying "
        "session): give --session R", None),
    "time-added without seconds": (
        ("penalty", "add", EV, "7", "time-added", "--session", "R1"),
        "option --seconds: time-added needs --seconds greater than 0", None),
    "laps-deducted without laps": (
        ("penalty", "add", EV, "7", "laps-deducted", "--session", "R1", "--places", "2"),
        "option --laps: laps-deducted needs --laps N (1 or more)", None),
    "position with laps": (
        ("penalty", "add", EV, "7", "position", "--session", "R1", "--places", "2",
         "--laps", "1"),
        "option --laps: --laps applies to laps-deducted, not position", None),
    "a lap decision on a race": (
        ("penalty", "add", EV, "7", "track-limits", "--session", "R1", "--lap", "2"),
        "argument KIND: track-limits is not a race decision; session 'R1' is a race",
        None),
    "served-at on a race-dq": (
        ("penalty", "add", EV, "7", "race-dq", "--session", "R1", "--served-at", "12:05:00"),
        "option --served-at: --served-at applies to drive-through and stop-and-go, not race-dq",
        None),
    "contact through penalty add": (
        ("penalty", "add", EV, "7", "contact", "--session", "Q1"),
        "argument KIND: record contact with `trackside contact EVENT SESSION NUMBER NUMBER "
        "--by NAME`", None),
    "solo exit without --by": (
        ("solo-exit", EV, "R1", "12", "--by", " "),
        "option --by: say who: give --by NAME", None),
}  # fmt: skip


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_bad_input_is_one_line_and_stores_nothing(trackside, day, dump, case):
    args, message, text = BAD[case]
    if text is not None:
        (day / "bad.csv").write_text(text, encoding="utf-8")
    before = dump()
    result = trackside(*(str(a).format(dir=day) for a in args))
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("error: ") and message in lines[0], lines[0]
    assert dump() == before


def test_serving_a_penalty_that_is_no_drive_through_is_refused(trackside, day, dump):
    ids = _decide(trackside)
    before = dump()
    for target, said in ((ids["time_added"], "is a time-added"),
                         (ids["drive_through"], "is already served"), (999, "no decision")):
        result = trackside("penalty", "served", EV, str(target), "--at", "12:08:00", "--by", "X")
        assert result.exit_code == 1 and said in result.output, result.output
    assert dump() == before


def test_a_race_without_duration_is_refused_at_import(trackside, tmp_path, dump):
    path = tmp_path / "event.toml"
    path.write_text(EVENT_TOML.replace("duration_min = 10\n", ""), encoding="utf-8")
    before = dump()
    result = trackside("event", "import", path)
    assert result.exit_code == 1
    assert result.output.strip() == (f"error: {path}:24: field 'session[3].duration_min': "
                                     "required for a race session (the scheduled race length "
                                     "in minutes)")
    assert dump() == before


def test_a_roster_import_again_replaces_those_cars_only(trackside, day):
    (day / "again.csv").write_text("number,first_name,last_name\n7,Eve,Lin\n", encoding="utf-8")
    assert _ok(trackside("roster", "import", EV, day / "again.csv")).strip() == (
        "roster: 1 driver for 1 car (7)")
    listing = json.loads(_ok(trackside("roster", "list", EV, "--format", "json")))
    assert [(r["number"], r["order"], r["first_name"]) for r in listing] == [
        ("7", 1, "Eve"), ("12", 1, "Sam"), ("21", 1, "Cy"), ("21", 2, "Dan")]


def test_publish_writes_the_race_pages(trackside, day):
    _decide(trackside)
    site = day / "site"
    _ok(trackside("publish", EV, "--out", site))
    names = sorted(p.name for p in (site / "sessions").glob("R1*"))
    assert names == sorted(f"R1{tail}.{ext}" for tail in ("", "-laps", "-pit-stops", "-stints")
                           for ext in ("csv", "html", "json"))  # fmt: skip
    doc = json.loads((site / "sessions" / "R1.json").read_text())
    assert [e["number"] for e in doc["entries"]] == ["7", "21", "12"]
    index = (site / "index.html").read_text()
    assert 'href="sessions/R1.html"' in index and "Enduro" in index


def test_the_penalty_list_text_names_what_race_decisions_name(trackside, day, monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")
    ids = _decide(trackside)
    _ok(trackside("contact", EV, "Q1", "21", "12", "--by", "Steward"))
    _ok(trackside("penalty", "add", EV, "7", "laps-deducted", "--session", "R1", "--laps", "2",
                  "--by", "Steward"))
    text = _ok(trackside("penalty", "list", EV))
    assert f"penalty-served #{ids['drive_through']}" in text
    assert "contact with 12" in text and "laps-deducted 2" in text


def _grid(trackside) -> list[tuple]:
    doc = json.loads(_ok(trackside("grid", EV, "R1", "--format", "json")))
    return [(r["position"], r["number"], r["best_s"], r["from_session"]) for r in doc["grid"]]


def test_the_race_grid_is_qualifying_order_with_contact_cars_last(trackside, day):
    # Q1 best laps: 21 125 s (10:00:50 - 10:02:55), 7 128 s, 12 130 s
    assert _grid(trackside) == [(1, "21", 125.0, "Q1"), (2, "7", 128.0, "Q1"),
                                (3, "12", 130.0, "Q1")]
    out = _ok(trackside("contact", EV, "Q1", "21", "12", "--by", "Steward"))
    assert _grid(trackside) == [(1, "7", 128.0, "Q1"), (2, "21", 125.0, "Q1"),
                                (3, "12", 130.0, "Q1")]
    _ok(trackside("penalty", "revoke", EV, out.split()[1].rstrip(":"), "--reason", "video",
                  "--by", "Steward"))
    assert [row[1] for row in _grid(trackside)] == ["21", "7", "12"]


def test_a_drivers_own_transponder_maps_to_the_drivers_car(trackside, day):
    (day / "tags.csv").write_text("number,first_name,last_name,driver_transponder\n"
                                  "7,Ann,Lee,D7A\n7,Bob,Ray,D7B\n", encoding="utf-8")
    _ok(trackside("roster", "import", EV, day / "tags.csv"))
    (day / "more.csv").write_text("time,transponder,loop\n2026-06-13T12:06:00.030,D7B,PIT-OUT\n"
                                  "2026-06-13T12:06:01.000,4444,SF\n", encoding="utf-8")
    out = _ok(trackside("passings", "import", EV, day / "more.csv"))
    assert "1 unknown transponder (4444)" in out
    listed = json.loads(_ok(trackside("passings", "list", EV, "--format", "json")))
    assert {p["transponder"]: p["number"] for p in listed if p["time"] >= "2026-06-13T12:06:00"
            and p["transponder"] in ("D7B", "4444")} == {"D7B": "7", "4444": None}
    (day / "clash.csv").write_text("number,first_name,last_name,driver_transponder\n"
                                   "21,Cy,Dee,D7B\n", encoding="utf-8")
    refused = trackside("roster", "import", EV, day / "clash.csv")
    assert refused.exit_code == 1
    assert refused.output.strip().endswith("clash.csv:2: field 'driver_transponder': transponder "
                                           "'D7B' belongs to a driver of car 7")
    # car 7's roster imported again may move its own drivers' transponders around
    (day / "swap.csv").write_text("number,first_name,last_name,driver_transponder\n"
                                  "7,Ann,Lee,D7B\n7,Bob,Ray,D7A\n", encoding="utf-8")
    _ok(trackside("roster", "import", EV, day / "swap.csv"))
