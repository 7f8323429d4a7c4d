"""From RMonitor records to trackside facts: runs as sessions, entries, flag changes, passings
from `$L` finish-line crossings or `$J` laps, and Orbits' `$H` as the reference."""

from __future__ import annotations

from textwrap import dedent

import pytest

from trackside.core.records import Entry, FlagState
from trackside.rules import scored
from trackside.timing.rmonitor import RMonitorFeed, read_feed
from trackside.timing.rmonitor.standings import OrbitsBestLap
from trackside.timing.rmonitor.times import at, duration_us, time_of_day_us

DATE = "2026-05-16"


def t(clock: str, date: str = DATE) -> int:
    return at(date, time_of_day_us(clock))


def feed_of(text: str, **options) -> RMonitorFeed:
    options.setdefault("date", DATE)
    lines = [line.encode("cp1252") for line in dedent(text).strip().splitlines()]
    return read_feed(lines, "club-day", **options)


def beat(clock: str, flag: str, race: str = "00:00:00") -> str:
    return f'$F,0,"00:00:00","{clock}","{race}","{flag.ljust(6)}"'


# --- runs ------------------------------------------------------------------------------------


def test_an_i_reset_starts_a_new_run() -> None:
    feed = feed_of("""
        $B,7,"Practice 1"
        $A,"21","21",1001,"Ann","Lee","",1
        $I,"10:00:00","16 May 26"
        $A,"21","21",1001,"Ann","Lee","",1
    """)
    assert [(r.session_id, r.unique_number, r.first_line) for r in feed.runs] == [
        ("run1", 7, 1),
        ("run2", None, 3),
    ]
    assert [(s.id, s.name, s.groups) for s in feed.event.sessions] == [
        ("run1", "Practice 1", ("run1",)),
        ("run2", "", ("run2",)),
    ]


def test_resets_in_a_row_start_one_run_and_its_b_names_it() -> None:
    """Orbits sends `$I` three times at a reset (Sebring, line 16229)."""
    feed = feed_of("""
        $I,"10:00:00","16 May 26"
        $I,"10:00:00","16 May 26"
        $F,0,"00:00:00","10:00:01","00:00:00","      "
        $I,"10:00:01","16 May 26"
        $B,8,"Qualifying"
        $A,"21","21",1001,"Ann","Lee","",1
    """)
    assert [(r.session_id, r.unique_number, r.description, r.first_line) for r in feed.runs] == [
        ("run1", 8, "Qualifying", 1)
    ]


def test_a_b_with_a_new_unique_number_starts_a_run_and_keeps_the_competitors() -> None:
    """Only `$I` clears the scoreboard: run 2 still knows car 21 and class 1."""
    feed = feed_of("""
        $C,1,"GT"
        $A,"21","21",1001,"Ann","Lee","",1
        $B,7,"Practice 1"
        $B,7,"Practice 1"
        $B,8,"Practice 2"
        $L,"21","SF","SF","05/16/2026","10:01:00.000"
    """)
    assert [(r.session_id, r.unique_number, r.first_line) for r in feed.runs] == [
        ("run1", 7, 1),
        ("run2", 8, 5),
    ]
    assert [(p.transponder, p.time_us) for p in feed.passings] == [("1001", t("10:01:00"))]
    assert feed.entries == (Entry("21", "Ann", "Lee", "GT", "run1", "1001"),)


# --- flags -----------------------------------------------------------------------------------


def test_only_flag_changes_make_flags() -> None:
    """A heartbeat every second: each Green/Yellow/Red/Finish after another status is a flag at
    its time of day; blank (no flag) adds none; an unknown status adds none and warns once."""
    statuses = "- Green Green Yellow Yellow Green Red - Green Finish Finish Purple Purple"
    text = "\n".join(beat(f"09:00:{n:02d}", s.strip("-")) for n, s in enumerate(statuses.split()))
    feed = feed_of(text)
    assert [(f.session_id, f.state, f.time_us) for f in feed.flags] == [
        ("run1", FlagState.GREEN, t("09:00:01")),
        ("run1", FlagState.YELLOW, t("09:00:03")),
        ("run1", FlagState.GREEN, t("09:00:05")),
        ("run1", FlagState.RED, t("09:00:06")),
        ("run1", FlagState.GREEN, t("09:00:08")),
        ("run1", FlagState.CHECKERED, t("09:00:09")),
    ]
    assert [str(w) for w in feed.warnings] == [
        "line 12: run1: unknown flag status 'Purple': no flag added"
    ]


def test_each_run_starts_with_no_flag() -> None:
    feed = feed_of(f"""
        $B,1,"Practice"
        {beat("09:00:00", "Green")}
        $A,"21","21",1001,"Ann","Lee","",1
        $B,2,"Race"
        {beat("09:30:00", "Green")}
    """)
    assert [(f.session_id, f.state) for f in feed.flags] == [
        ("run1", FlagState.GREEN),
        ("run2", FlagState.GREEN),
    ]


# --- entries ---------------------------------------------------------------------------------


def test_entries_merge_a_and_comp_with_the_class_named_by_c() -> None:
    """`$COMP` renames (and carries no transponder); a `$C` may come after the `$A`; the last
    word on a competitor wins; `$G`/`$H`/`$J` name it by registration number."""
    feed = feed_of("""
        $A,"1234BE","12X",52474,"John","Johnson","USA",5
        $COMP,"1234BE","12X",5,"Jon","Johnson","USA","CAMEL"
        $A,"77","77",0,"Pit","Car","",5
        $C,5,"Formula 3000"
    """)
    assert feed.entries == (
        Entry("12X", "Jon", "Johnson", "Formula 3000", "run1", "52474"),
        Entry("77", "Pit", "Car", "Formula 3000", "run1", "#77"),
    )
    assert feed.entries[0].extra == {"registration": "1234BE", "nationality": "USA"}


# --- passings --------------------------------------------------------------------------------

CROSSINGS = """
    $A,"21","21",1001,"Ann","Lee","",1
    $L,"21","T1","SFT","05/16/2026","09:01:00.100"
    $J,"21","00:00:00.000","00:01:00.100"
    $L,"21","P3","PIP","05/16/2026","09:02:30.000"
    $L,"21","P1","SFP","05/16/2026","09:02:40.300"
    $J,"21","00:01:40.200","00:02:40.300"
    $L,"21","P2","POP","05/16/2026","09:03:10.000"
    $L,"Tx5555","T1","SFT","05/16/2026","09:03:20.000"
"""


def test_passings_are_the_finish_line_crossings_orbits_made_laps_on() -> None:
    """T1 and P1 were followed by `$J` laps: finish lines; pit in/out make no passings. `Tx5555`
    is a transponder no competitor carries yet."""
    feed = feed_of(CROSSINGS)
    assert feed.finish_lines == {"T1", "P1"}
    assert [(p.transponder, p.loop, p.time_us, p.source) for p in feed.passings] == [
        ("1001", "T1", t("09:01:00.100"), "rmonitor"),
        ("1001", "P1", t("09:02:40.300"), "rmonitor"),
        ("5555", "T1", t("09:03:20"), "rmonitor"),
    ]
    assert feed.run("run1").passings_from == "$L"
    assert [c.timeline for c in feed.run("run1").crossings] == ["T1", "P3", "P1", "P2", "T1"]
    assert feed.event.track.start_finish_loop is None


def test_finish_lines_can_be_named() -> None:
    feed = feed_of(CROSSINGS, finish_lines={"T1"})
    assert [p.loop for p in feed.passings] == ["T1", "T1"]


def test_a_crossing_of_an_unknown_car_is_kept_under_its_number_and_reported() -> None:
    feed = feed_of("""
        $L,"99","SF","SF","05/16/2026","09:01:00.000"
        $L,"99","SF","SF","05/16/2026","09:02:00.000"
    """)
    assert [p.transponder for p in feed.passings] == ["#99", "#99"]
    assert [str(w) for w in feed.warnings] == [
        "line 1: run1: car '99' has no competitor record ($A/$COMP) since the last reset: "
        "its passings carry transponder '#99'"
    ]


def test_without_l_the_j_laps_are_placed_from_the_race_start_of_the_heartbeats() -> None:
    """Crossing = race start + total time; the start is time of day - race time of the
    heartbeats whose race clock runs (both whole seconds, so under a second off: every crossing
    of the run moves alike and lap times are exact)."""
    beats = [beat(f"09:00:{n:02d}", "Green", f"00:00:{n:02d}") for n in range(4)]
    laps = [
        '$J,"1234BE","00:00:00.000","00:01:00.000"',
        '$J,"1234BE","00:01:00.500","00:02:00.500"',
        '$J,"1234BE","00:00:59.250","00:02:59.750"',
    ]
    feed = feed_of("\n".join(['$A,"1234BE","12X",52474,"John","Johnson","USA",5', *beats, *laps]))
    run = feed.run("run1")
    assert (run.passings_from, run.race_start_us) == ("$J", t("09:00:00"))
    assert [(p.transponder, p.loop, p.time_us) for p in feed.passings] == [
        ("52474", None, t("09:01:00")),
        ("52474", None, t("09:02:00.500")),
        ("52474", None, t("09:02:59.750")),
    ]
    laps = scored(feed.facts()).sessions["run1"].entries[0].laps
    assert [lap.time_us for lap in laps] == [duration_us("00:01:00.500"), 59_250_000]


def test_j_laps_without_a_running_race_clock_make_no_passings_and_are_reported() -> None:
    feed = feed_of("""
        $A,"21","21",1001,"Ann","Lee","",1
        $J,"21","00:00:00.000","00:01:00.000"
    """)
    assert feed.passings == ()
    assert "no running race clock" in str(feed.warnings[0])


# --- dates -----------------------------------------------------------------------------------


def test_without_a_date_each_run_takes_its_i_date() -> None:
    text = """
        $I,"08:00:00","27 Jan 09"
        $A,"21","21",1001,"Ann","Lee","",1
        $L,"21","SF","SF","01/27/2009","09:01:00.000"
    """
    assert feed_of(text, date=None).passings[0].time_us == t("09:01:00", "2009-01-27")
    assert feed_of(text).passings[0].time_us == t("09:01:00")
    assert feed_of(text, date=None).event.date == "2009-01-27"


def test_a_feed_without_any_date_is_placed_on_1970_01_01_with_a_warning() -> None:
    feed = feed_of(beat("09:00:00", "Green"), date=None)
    assert feed.flags[0].time_us == t("09:00:00", "1970-01-01")
    assert "no date given" in str(feed.warnings[0])


# --- rescoring and Orbits' reference -------------------------------------------------------


def test_the_facts_rescore_through_the_core_with_duplicate_reads_ignored() -> None:
    """Laps between finish-line crossings; a second read 3 s after a crossing is a duplicate."""
    text = f"""
        $B,3,"Time Attack"
        $C,1,"S2"
        $A,"21","21",1001,"Ann","Lee","",1
        {beat("09:00:00", "Green")}
        $L,"21","SF","SF","05/16/2026","09:01:00.000"
        $L,"21","SF","SF","05/16/2026","09:03:02.500"
        $L,"21","SF","SF","05/16/2026","09:03:05.500"
        $L,"21","SF","SF","05/16/2026","09:05:03.000"
        {beat("09:06:00", "Finish")}
    """
    feed = feed_of(text, min_lap_s=20.0)
    assert feed.event.min_lap_s == 20.0
    (row,) = scored(feed.facts()).sessions["run1"].entries
    assert (row.number, row.driver, row.car_class, row.status) == ("21", "Ann Lee", "S2", "ok")
    assert [lap.time_us for lap in row.laps] == [122_500_000, 120_500_000]
    assert row.best_lap is not None and row.best_lap.lap == 2


def test_orbits_best_laps_are_each_cars_last_h_of_the_run() -> None:
    feed = feed_of("""
        $A,"1234BE","12X",52474,"John","Johnson","USA",5
        $H,1,"1234BE",3,"00:02:17.872"
        $H,2,"77",0,"00:59:59.999"
        $H,1,"1234BE",5,"00:02:15.001"
        $I,"10:00:00","16 May 26"
        $H,1,"1234BE",0,"00:59:59.999"
    """)
    assert feed.run("run1").best_laps == (
        OrbitsBestLap("12X", 1, 5, duration_us("00:02:15.001")),
        OrbitsBestLap("77", 2, 0, None),
    )
    assert feed.run("run2").orbits_best_lap("1234BE") == OrbitsBestLap("1234BE", 1, 0, None)


def test_malformed_lines_are_reported_and_the_rest_is_read() -> None:
    feed = feed_of("""
        $A,"21","21",1001,"Ann","Lee","",1
        $L,"21","SF","SF","05/16/2026","09:01:00.000
        $L,"21","SF","SF","05/16/2026","09:02:00.000"
    """)
    assert len(feed.passings) == 1
    assert [w.line for w in feed.warnings] == [2]


@pytest.mark.parametrize("lines", [[], [b""], [b"garbage"]])
def test_an_empty_feed_gives_no_runs(lines: list[bytes]) -> None:
    feed = read_feed(lines, "club-day", DATE)
    assert (feed.runs, feed.event.sessions, feed.passings) == ((), (), ())
