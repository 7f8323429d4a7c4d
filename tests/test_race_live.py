"""The live race board (`core/race_live.RaceTracker`), hand-checked: fed the passings of
tests/test_race_stints.py one by one, the board at 10:02:50 and at the end."""

from __future__ import annotations

from dataclasses import replace

from tests.race_scenario import race_event, race_facts, t
from tests.test_race_stints import CARS, LAPS, ROSTER
from trackside.core.race_live import LiveStanding, RaceTracker, standings_of
from trackside.core.race_results import Gap, RaceStatus
from trackside.core.records import Passing
from trackside.live.results_model import LiveResults
from trackside.rules import scored

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


def test_the_live_results_model_follows_a_race_event_on_each_passing():
    """`live/results_model.LiveResults` on an event with a race session: after each batch of
    passings its results equal one full pass (a race depends on every car: its session is kept
    by its `RaceTracker`, `live/race_trackers.py`; the others are scored per transponder)."""
    facts = race_facts(race_event(duration_min=4), CARS, passed=LAPS, drivers=ROSTER,
                       changes="car driver at\n1 Bo_Ek 10:03:00")  # fmt: skip
    model = LiveResults(replace(facts, passings=facts.passings[:5]))
    for start in range(5, len(facts.passings), 4):
        change = model.apply(passings=facts.passings[start:start + 4])
        assert change.full or "R1" in change.sessions
        upto = replace(facts, passings=facts.passings[:start + 4])
        assert model.scored.sessions == scored(upto).sessions
    assert model.scored.sessions["R1"].race.entries[0].stints[-1].driver == "Bo Ek"


def test_live_board_a_late_driver_read_between_two_reads_rebuilds_the_car():
    """Reads of Di's tag (D4) at 10:03:31.2 and 10:04:05.1 came in; Cy's (D3) at 10:03:50
    arrives late: the car is rebuilt from its passings in time order, as the full scorer reads
    them (Di, Cy, Di again: each read with no stop since corrects who drives; Di in the end)."""
    tracker = tracker_until(None)
    tracker.add(Passing(t("10:04:05.100"), "D4", "SF"))
    tracker.add(Passing(t("10:03:50"), "D3", "S1"))
    facts = race_facts(race_event(duration_min=None), CARS, passed=LAPS, drivers=ROSTER)
    late = replace(facts, passings=(*facts.passings, Passing(t("10:04:05.100"), "D4", "SF"),
                                    Passing(t("10:03:50"), "D3", "S1")))  # fmt: skip
    assert tracker.standings() == standings_of(scored(late).sessions["R1"].race)
    assert next(s for s in tracker.standings() if s.number == "2").driver == "Di Orr"
