"""`trackside rmonitor import FILE --event ID`: a recorded Orbits feed replayed into the database
in one transaction (docs/rmonitor.md, "Importing a recording"), on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trackside.timing.rmonitor import read_feed_file

SEBRING = Path(__file__).resolve().parents[2] / "shared/data/rmonitor" / (
    "sebring-2009-alms-session4.txt"
)
EV = "sebring-2009"

sebring = pytest.mark.skipif(not SEBRING.exists(), reason=f"feed not found: {SEBRING}")


def ok(result) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 0, result.output
    return result.stdout


def session_rows(trackside, session: str) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    document = json.loads(ok(trackside("results", EV, "--session", session, "--format", "json")))
    return {row["number"]: row for row in document["entries"]}


@pytest.fixture
def imported(trackside):  # type: ignore[no-untyped-def]
    result = trackside("rmonitor", "import", SEBRING, "--event", EV, "--min-lap-s", "20")
    ok(result)
    return result


@sebring
def test_the_import_creates_the_event_with_a_session_per_run(trackside, imported) -> None:
    assert imported.stdout.strip() == (
        f"event {EV} created: sessions run1, run2, run3 (3 added); entries: 26 added; "
        "flags: 6 added; passings: 377 added, 0 already present"
    )
    event = json.loads(ok(trackside("event", "show", EV, "--format", "json")))
    assert [(s["id"], s["name"], s["format"], s["groups"]) for s in event["sessions"]] == [
        (f"run{n}", "Test Session 4", "practice", [f"run{n}"]) for n in (1, 2, 3)
    ]
    assert (event["name"], event["date"], event["min_lap_s"], event["entries"]) == (
        "Test Session 4", "2009-01-27", 20.0, 26)
    assert event["track"] == {"name": "Sebring International Raceway", "length_m": None,
                              "start_finish_loop": None}


@sebring
def test_the_run3_number_clash_is_a_second_entry_and_a_warning(trackside, imported) -> None:
    """Cars 9 and 21 of the field after the reset carry other transponders than the ALMS cars
    9 and 21: they are entered as 9-run3 and 21-run3."""
    assert imported.stderr.splitlines() == [
        f"warning: {SEBRING}: car '9' of run3 carries transponder 8353891 but car '9' is "
        "transponder 9096804: entered as '9-run3'",
        f"warning: {SEBRING}: car '21' of run3 carries transponder 7072950 but car '21' is "
        "transponder 8852130: entered as '21-run3'",
    ]
    entries = {e["number"]: e for e in json.loads(ok(trackside("entries", "list", EV,
                                                              "--format", "json")))}
    assert {n: (entries[n]["transponder"], entries[n]["group"])
            for n in ("9", "9-run3", "21", "21-run3")} == {
        "9": ("9096804", "run1"), "9-run3": ("8353891", "run3"),
        "21": ("8852130", "run1"), "21-run3": ("7072950", "run3"),
    }
    car66 = entries["66"]
    assert (car66["first_name"], car66["last_name"], car66["class"]) == ("", "Gil de Ferran",
                                                                         "LMP1")


@sebring
def test_every_best_lap_is_orbits_final_h_but_car_9s_after_the_red_flag(
    trackside, imported
) -> None:
    """`results --session runK` gives each car Orbits' final `$H` (lap and time), for the 26
    cars of the three runs, except car 9: its 1:47.925 (lap 11) ended after the red flag of
    09:59:57, which SCCA TT VI.1.1.5.C does not score; its best is lap 10, 1:48.941."""
    feed = read_feed_file(SEBRING, EV)
    compared, differ = 0, {}
    for run in feed.runs:
        rows = session_rows(trackside, run.session_id)
        for orbits in run.best_laps:
            row = rows.get(orbits.number) or rows.get(f"{orbits.number}-{run.session_id}")
            assert row is not None, (run.session_id, orbits.number)
            theirs = (orbits.lap, orbits.time_us / 1e6) if orbits.time_us else (None, None)
            mine = (row["best_lap"], row["best_lap_s"])
            compared += 1
            if mine != theirs:
                differ[(run.session_id, orbits.number)] = (mine, theirs)
    assert compared == 26
    assert differ == {("run1", "9"): ((10, 108.941), (11, 107.925))}
    lap11 = session_rows(trackside, "run1")["9"]["laps"][10]
    assert (lap11["time_s"], lap11["valid"], lap11["reason"]) == (107.925, False,
                                                                  "after red flag")


@sebring
def test_car_44s_3_054_s_crossing_is_a_duplicate_read(trackside, imported) -> None:
    car44 = session_rows(trackside, "run1")["44"]
    assert min(lap["time_s"] for lap in car44["laps"]) > 20
    assert (car44["best_lap"], car44["best_lap_s"]) == (3, 122.72)


@sebring
def test_importing_the_same_feed_again_changes_nothing(trackside, imported, dump) -> None:
    before = dump()
    again = trackside("rmonitor", "import", SEBRING, "--event", EV, "--min-lap-s", "20")
    assert ok(again).strip() == (
        f"event {EV} kept: sessions run1, run2, run3 (0 added); entries: 0 added; "
        "flags: 0 added; passings: 0 added, 377 already present"
    )
    assert dump() == before


FEED = """\
$I,"08:00:00","16 May 26"
$B,7,"Time Attack 1"
$C,1,"S2"
$A,"21","21",1001,"Ann","Lee","",1
$A,"22","22",1002,"Bob","Ray","",1
$F,0,"00:00:00","09:00:00","00:00:00","Green "
$L,"21","SF","SF","05/16/2026","09:01:00.000"
$J,"21","00:00:00.000","00:01:00.000"
$L,"21","SF","SF","05/16/2026","09:03:02.500
$L,"21","SF","SF","05/16/2026","09:03:02.500"
$J,"21","00:02:02.500","00:03:02.500"
$X,1,2
$F,0,"00:00:00","09:10:00","00:10:00","Finish"
"""


def test_malformed_lines_are_reported_with_their_numbers_and_skipped(trackside, tmp_path) -> None:
    path = tmp_path / "feed.txt"
    path.write_bytes(FEED.replace("\n", "\r\n").encode("cp1252"))
    result = trackside("rmonitor", "import", path, "--event", "club")
    assert ok(result).startswith("event club created: sessions run1 (1 added); entries: 2 added;"
                                 " flags: 2 added; passings: 2 added")
    assert result.stderr.splitlines() == [
        f"warning: {path}: line 9: bad quoting: unexpected end of data; line skipped",
        f"warning: {path}: line 12: unknown record '$X'; line skipped",
    ]
    (row,) = [r for r in session_rows_of(trackside, "club", "run1") if r["number"] == "21"]
    assert (row["best_lap"], row["best_lap_s"]) == (1, 122.5)


def session_rows_of(trackside, event: str, session: str) -> list[dict]:  # type: ignore[no-untyped-def]
    out = ok(trackside("results", event, "--session", session, "--format", "json"))
    return json.loads(out)["entries"]


def test_the_feed_joins_an_event_defined_before_keeping_its_entry_list(
    trackside, loaded, tmp_path
) -> None:
    """Into img-tt-r3 (TA1-A, TA1-I; cars 21, 22, 33): the run is added as session run1; car 21
    of the feed (transponder 1001) is the entry already there, car 22 with transponder 2002 is
    another car than the stored 22 (1002): entered as 22-run1."""
    path = tmp_path / "feed.txt"
    path.write_text(FEED.replace("1002,", "2002,"), encoding="cp1252")
    result = trackside("rmonitor", "import", path, "--event", loaded.event_id)
    assert "sessions run1 (1 added); entries: 1 added" in ok(result)
    assert ("car '22' of run1 carries transponder 2002 but car '22' is transponder 1002: "
            "entered as '22-run1'") in result.stderr
    event = json.loads(ok(trackside("event", "show", loaded.event_id, "--format", "json")))
    assert [s["id"] for s in event["sessions"]] == ["TA1-A", "TA1-I", "run1"]
    assert event["name"] == "IMG Time Trial Round 3" and event["track"]["start_finish_loop"] == "SF"
    entries = json.loads(ok(trackside("entries", "list", loaded.event_id, "--format", "json")))
    ann = next(e for e in entries if e["number"] == "21")
    assert (ann["group"], ann["year"]) == ("Advanced", "2019")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--event", "bad id"), "error: option --event: event id 'bad id': use letters"),
        (("--event", "x", "--date", "16/05/2026"),
         "error: option --date: expected a date like 2026-05-16, got '16/05/2026'"),
        (("--event", "x", "--min-lap-s", "0"), "error: option --min-lap-s: must be greater than 0"),
    ],
)
def test_bad_options_are_one_line_errors(trackside, tmp_path, dump, args, message) -> None:
    path = tmp_path / "feed.txt"
    path.write_text(FEED, encoding="cp1252")
    before = dump()
    result = trackside("rmonitor", "import", path, *args)
    assert result.exit_code == 1 and result.stderr.startswith(message), result.stderr
    assert dump() == before


@pytest.mark.parametrize("content", [b"", b"garbage\r\nmore garbage\r\n"])
def test_a_file_without_records_is_an_error_and_writes_nothing(
    trackside, tmp_path, dump, content
) -> None:
    path = tmp_path / "feed.txt"
    path.write_bytes(content)
    before = dump()
    result = trackside("rmonitor", "import", path, "--event", "x")
    assert result.exit_code == 1
    assert f"error: {path}: no RMonitor records in the file" in result.stderr
    assert dump() == before


def test_a_missing_file_is_an_error(trackside, tmp_path) -> None:
    result = trackside("rmonitor", "import", tmp_path / "nope.txt", "--event", "x")
    assert result.exit_code == 1
    assert "cannot read file" in result.stderr


def test_finish_lines_can_be_named(trackside, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`--finish-line SF`: only SF crossings are passings (PIT makes none, though a `$J`
    followed it), and the event's start/finish loop is SF."""
    path = tmp_path / "feed.txt"
    path.write_text(FEED + '$L,"22","PIT","PIT","05/16/2026","09:04:00.000"\n'
                           '$J,"22","00:00:00.000","00:04:00.000"\n', encoding="cp1252")
    named = trackside("rmonitor", "import", path, "--event", "named", "--finish-line", "SF")
    assert "passings: 2 added" in ok(named)
    inferred = trackside("rmonitor", "import", path, "--event", "inferred")
    assert "passings: 3 added" in ok(inferred)
    event = json.loads(ok(trackside("event", "show", "named", "--format", "json")))
    assert event["track"]["start_finish_loop"] == "SF"


COMPETITORS_FIRST = """\
$I,"08:59:00","16 May 26"
$A,"21","21",1001,"Ann","Lee","",1
$COMP,"21","21",1,"Ann","Lee","",""
$A,"22","22",1002,"Bob","Ray","",1
$COMP,"22","22",1,"Bob","Ray","",""
$C,1,"S2"
$I,"09:00:00","16 May 26"
$B,7,"Practice 1"
$F,9999,"00:00:00","09:00:00","00:00:00","Green "
$A,"21","21",1001,"Ann","Lee","",1
$L,"21","SF","SF","05/16/2026","09:01:00.000"
$L,"21","SF","SF","05/16/2026","09:03:00.000"
$J,"21","00:02:00.000","00:03:00.000"
$I,"09:30:00","16 May 26"
$B,8,"Practice 2"
$A,"33","33",1003,"Cy","Dee","",1
"""


def test_a_run_without_passings_or_flags_is_no_session(trackside, tmp_path) -> None:
    """The recording opens with a run of competitor records only and ends with one: neither is
    a session; their cars are entered in the timed run (the next one, else the last)."""
    path = tmp_path / "competitors-first.txt"
    path.write_text(COMPETITORS_FIRST, encoding="cp1252")
    result = trackside("rmonitor", "import", path, "--event", "club")
    assert ok(result).startswith("event club created: sessions run1 (1 added); entries: 3 added;")
    event = json.loads(ok(trackside("event", "show", "club", "--format", "json")))
    assert [(s["id"], s["name"]) for s in event["sessions"]] == [("run1", "Practice 1")]
    entries = json.loads(ok(trackside("entries", "list", "club", "--format", "json")))
    assert sorted((e["number"], e["group"], e["class"]) for e in entries) == [
        ("21", "run1", "S2"), ("22", "run1", "S2"), ("33", "run1", "")]
