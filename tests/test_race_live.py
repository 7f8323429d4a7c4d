"""The live race board (`core/race_live.RaceTracker`), hand-checked: fed the passings of
tests/test_race_stints.py one by one, the board at 10:02:50 and at the end."""

from __future__ import annotations

from dataclasses import replace

from tests.race_scenario import race_event, race_facts, t
from tests.test_race_stints import CARS, LAPS, ROSTER
from trackside.core.race_live import LiveStanding, RaceTracker
from trackside.core.race_results import Gap, RaceStatus
from trackside.core.records import Passing

S = 1_000_000
OK = RaceStatus.OK


def tracker_until(clock: str | None) -> RaceTracker:
    facts = race_facts(race_event(duration_min=None), CARS, passed=LAPS, drivers=ROSTER)
    tracker = RaceTracker(replace(facts, passings=()), "R1")
    for passing in facts.passings:
        if clock is None or passing.time_us <= t(clock):
            tracker.add(passing)
    return tracker


def test_live_board_mid_race_positions_gaps_laps_in_pit_driver_and_stint():
    assert tracker_until("10:02:50").standings() == [
        LiveStanding(1, "1", OK, 2, 120 * S, None, None, 60 * S, 57 * S, True, "Ann Lee",
                     t("10:00:00"), 120 * S),
        LiveStanding(2, "2", OK, 2, 130 * S, Gap(0, 10 * S), Gap(0, 10 * S), 65 * S, 61 * S,
                     True, "Cy Ray", t("10:00:00"), 130 * S),
        LiveStanding(3, "3", OK, 1, 70 * S, Gap(1, None), Gap(1, None), 65 * S, 65 * S, True,
                     "Driver 3", t("10:00:00"), 70 * S),
    ]  # fmt: skip


def test_live_board_a_driver_transponder_at_pit_out_puts_the_new_driver_in_the_car():
    board = {s.number: s for s in tracker_until(None).standings()}
    assert (board["2"].driver, board["2"].stint_start_us, board["2"].stint_us) == (
        "Di Orr", t("10:03:31"), 99 * S)
    assert (board["1"].in_pit, board["1"].driver, board["1"].laps) == (False, "Ann Lee", 4)


def test_live_board_counts_unknown_transponders_and_ignores_them_for_the_standings():
    tracker = tracker_until("10:01:00")
    tracker.add(Passing(t("10:01:30"), "X99", "SF"))
    assert tracker.unknown == {"X99": 1}
    assert [s.number for s in tracker.standings()] == ["1", "2", "3"]
