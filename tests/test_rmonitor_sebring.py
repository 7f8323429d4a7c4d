"""Acceptance: replaying Orbits' real RMonitor feed of the 2009 Sebring ALMS test, session 4,
through the scoring core gives every car the best lap of Orbits' final `$H` record of its run.

Orbits counts every lap it timed, whatever the flags; trackside's best lap is the best *valid*
lap (time-attack.md rules 5-6). The two agree for every car but one: car 9's fastest lap ended
26 s after the red flag of 09:59:57, which SCCA TT Rules VI.1.1.5 does not score.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from trackside.core.records import FlagState
from trackside.core.results import SessionEntryResult
from trackside.rules import scored
from trackside.timing.rmonitor import RMonitorFeed, parse_lines, read_feed, read_feed_file
from trackside.timing.rmonitor.times import at, duration_us, time_of_day_us

SEBRING = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "data"
    / "rmonitor"
    / "sebring-2009-alms-session4.txt"
)
DATE = "2009-01-27"

pytestmark = pytest.mark.skipif(not SEBRING.exists(), reason=f"feed not found: {SEBRING}")


def t(clock: str) -> int:
    return at(DATE, time_of_day_us(clock))


@pytest.fixture(scope="module")
def feed() -> RMonitorFeed:
    return read_feed_file(SEBRING, "sebring-2009", min_lap_s=20.0)


def rows(feed: RMonitorFeed, session_id: str) -> dict[str, SessionEntryResult]:
    return {row.number: row for row in scored(feed.facts()).sessions[session_id].entries}


def fastest(row: SessionEntryResult | None):
    """The fastest lap the core made of the car's crossings, valid or not."""
    return min(row.laps, key=lambda lap: lap.time_us) if row and row.laps else None


def test_every_line_of_the_recording_is_a_well_formed_record() -> None:
    with SEBRING.open("rb") as handle:
        parsed = parse_lines(handle)
    assert (len(parsed.records), parsed.warnings) == (16411, ())


def test_the_feed_holds_three_runs_cut_by_b_and_i(feed: RMonitorFeed) -> None:
    """Run 32 from line 1 (named by a later $B), run 95 from its $B at line 16147, and the $I
    reset at line 16229 (three $I in a row: one run)."""
    assert [(r.session_id, r.unique_number, r.first_line) for r in feed.runs] == [
        ("run1", 32, 1),
        ("run2", 95, 16147),
        ("run3", 95, 16229),
    ]
    assert [s.id for s in feed.event.sessions] == ["run1", "run2", "run3"]
    assert (feed.event.date, feed.event.track.name) == (DATE, "Sebring International Raceway")


def test_flags_are_the_flag_changes_of_the_heartbeats(feed: RMonitorFeed) -> None:
    """7,683 heartbeats, six flag changes (Finish is the checkered); blank adds no flag."""
    assert [(f.session_id, f.state, f.time_us) for f in feed.flags] == [
        ("run1", FlagState.GREEN, t("07:59:59")),
        ("run1", FlagState.CHECKERED, t("09:36:24")),
        ("run1", FlagState.RED, t("09:36:30")),
        ("run1", FlagState.GREEN, t("09:41:21")),
        ("run1", FlagState.RED, t("09:59:57")),
        ("run1", FlagState.CHECKERED, t("10:00:03")),
    ]


def test_finish_lines_are_the_timelines_orbits_made_laps_on(feed: RMonitorFeed) -> None:
    """T1 "SFT" on the track and P1 "SFP" in the pit lane; pit in/out (P3, P2) make no laps."""
    assert feed.finish_lines == {"T1", "P1"}
    assert {p.loop for p in feed.passings} == {"T1", "P1"}
    assert [r.passings_from for r in feed.runs] == ["$L", "$L", "$L"]


def test_every_car_has_orbits_best_lap_from_the_scoring_core(feed: RMonitorFeed) -> None:
    """The acceptance test: each car's fastest lap, as the core makes laps of the crossings
    (duplicate reads under min_lap_s ignored), is Orbits' final $H: same time, same lap
    number; a car Orbits gave no time has no lap."""
    compared = 0
    for run in feed.runs:
        results = rows(feed, run.session_id)
        for orbits in run.best_laps:
            lap = fastest(results.get(orbits.number))
            mine = (lap.lap, lap.time_us) if lap else None
            theirs = (orbits.lap, orbits.time_us) if orbits.time_us is not None else None
            assert mine == theirs, f"{run.session_id} car {orbits.number}"
            compared += 1
    assert compared == 26
    assert len(feed.run("run1").best_laps) == 11


def test_best_valid_lap_is_orbits_but_for_the_lap_that_ended_after_the_red_flag(
    feed: RMonitorFeed,
) -> None:
    """SCCA TT VI.1.1.5 (time-attack.md rule 6): car 9's 1:47.925 (lap 11, 09:58:35.265 to
    10:00:23.190) ends after the red flag of 09:59:57, so its best valid lap is lap 10, the
    1:48.941 Orbits itself showed before (line 15522)."""
    differ = {}
    for run in feed.runs:
        results = rows(feed, run.session_id)
        for orbits in run.best_laps:
            row = results.get(orbits.number)
            best = row.best_lap.time_us if row and row.best_lap else None
            if best != orbits.time_us:
                differ[(run.session_id, orbits.number)] = row
    assert list(differ) == [("run1", "9")]
    car9 = differ[("run1", "9")]
    assert car9.best_lap is not None
    assert (car9.best_lap.lap, car9.best_lap.time_us) == (10, duration_us("00:01:48.941"))
    assert car9.laps[10].valid is False and car9.laps[10].reason == "after red flag"
    assert car9.laps[10].time_us == duration_us("00:01:47.925")


def test_car_44s_3_054_s_crossing_is_a_duplicate_read_not_a_lap(feed: RMonitorFeed) -> None:
    """Two SFP crossings 3.054 s apart (09:49:50.660, 09:49:53.714): Orbits briefly showed it
    as car 44's best lap (line 14054) before its final $H of 2:02.720 (lap 3)."""
    car44 = rows(feed, "run1")["44"]
    assert min(lap.time_us for lap in car44.laps) > 20_000_000
    assert car44.best_lap is not None
    assert (car44.best_lap.lap, car44.best_lap.time_us) == (3, duration_us("00:02:02.720"))
    counting_every_read = read_feed_file(SEBRING, "sebring-2009", min_lap_s=0.0)
    laps = rows(counting_every_read, "run1")["44"].laps
    assert min(lap.time_us for lap in laps) == duration_us("00:00:03.054")


def test_a_crossing_of_an_unassigned_transponder_counts_for_the_car_that_carries_it(
    feed: RMonitorFeed,
) -> None:
    """$L "Tx4667026" at 08:26:02.061 (line 2103), before car 87's $A names that transponder."""
    entry = next(e for e in feed.entries if e.number == "87")
    assert (entry.transponder, entry.car_class, entry.group) == ("4667026", "LMGT2", "run1")
    assert any(p.transponder == "4667026" and p.time_us == t("08:26:02.061") for p in feed.passings)


def test_race_start_from_the_heartbeats_is_within_half_a_second(feed: RMonitorFeed) -> None:
    """Every $J of run 1 puts the start at 07:59:58.445 ($L time - $J total time)."""
    start = feed.run("run1").race_start_us
    assert start is not None
    assert abs(start - t("07:59:58.445")) <= 500_000


def test_lap_records_alone_give_the_same_best_laps() -> None:
    """Without its $L lines, passings come from the $J laps placed from the race start."""
    with SEBRING.open("rb") as handle:
        lines = [line for line in handle if not line.startswith(b"$L")]
    feed = read_feed(lines, "sebring-2009", min_lap_s=20.0)
    assert feed.run("run1").passings_from == "$J"
    results = scored(feed.facts()).sessions["run1"]
    best = {row.number: fastest(row) for row in results.entries}
    for orbits in feed.run("run1").best_laps:
        lap = best[orbits.number]
        assert lap is not None and (lap.lap, lap.time_us) == (orbits.lap, orbits.time_us)


def test_entries_and_the_numbers_two_fields_share(feed: RMonitorFeed) -> None:
    """11 ALMS cars in runs 1-2, 15 others after the reset; cars 9 and 21 of both fields carry
    different transponders: the later car of each is entered as `<number>-run3`, with a
    warning, so every entry has its own number (the event's key)."""
    assert len(feed.entries) == 26
    assert len({e.number for e in feed.entries}) == 26
    assert [str(w) for w in feed.warnings] == [
        "car '9' of run3 carries transponder 8353891 but car '9' is transponder 9096804: "
        "entered as '9-run3'",
        "car '21' of run3 carries transponder 7072950 but car '21' is transponder 8852130: "
        "entered as '21-run3'",
    ]
    shared = {e.number: (e.transponder, e.group) for e in feed.entries
              if e.number.split("-")[0] in ("9", "21")}
    assert shared == {
        "9": ("9096804", "run1"),
        "9-run3": ("8353891", "run3"),
        "21": ("8852130", "run1"),
        "21-run3": ("7072950", "run3"),
    }
    car66 = next(e for e in feed.entries if e.number == "66")
    assert (car66.driver, car66.car_class, car66.transponder) == (
        "Gil de Ferran",
        "LMP1",
        "9320819",
    )
