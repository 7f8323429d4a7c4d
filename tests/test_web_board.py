"""The live board (issue 3, "Live engine and web"): running order by best lap, position in
class, gaps to the leader and to the car ahead, last lap struck through with its reason, the
session clock and flag; and patches that turn one board into the next."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.scenario import entries, event, facts, passings, t
from trackside.core.records import EventFacts, Passing
from trackside.live.live_event import LiveEvent
from trackside.live.watcher import EventRows
from trackside.web.board import board_doc
from trackside.web.board_patch import apply_patch, board_patch
from trackside.web.live_feeds import View, view_board

EVENT = event("TA1 scored A\nTA2 scored A")
ENTRIES = """
car class group name
1 S2 A Ames
2 S2 A Berg
3 T4 A Cole
"""
# Car 1: 2:00, then a lap across the red flag; car 2: 1:58.5; car 3: 2:05 (class T4).
PASSINGS = """
time car
09:01:00 1
09:03:00 1
09:05:30 1
09:01:10 2
09:03:08.500 2
09:01:20 3
09:03:25 3
"""
FLAGS = """
time session state
09:00:00 TA1 green
09:04:00 TA1 red
09:10:00 TA1 green
"""


def snapshot(passing_table: str = PASSINGS, flag_table: str = FLAGS):
    return LiveEvent("test", facts(EVENT, ENTRIES, passing_table, flag_table)).snapshot


def test_running_order_by_best_lap_with_class_positions_and_gaps():
    board = board_doc(snapshot(), "TA1", None, t("09:06:00"))
    rows = [(r["position"], r["class_position"], r["number"], r["best"], r["gap"], r["interval"])
            for r in board["rows"]]  # fmt: skip
    assert rows == [
        (1, 1, "2", "1:58.500", "", ""),
        (2, 2, "1", "2:00.000", "+1.500", "+1.500"),
        (3, 1, "3", "2:05.000", "+6.500", "+5.000"),
    ]
    assert board["classes"] == ["S2", "T4"]


def test_a_lap_that_does_not_count_is_shown_with_its_reason():
    car = board_doc(snapshot(), "TA1", None, t("09:06:00"))["rows"][1]
    assert car["number"] == "1" and car["laps"] == 2 and car["valid_laps"] == 1
    assert car["last"] == {"lap": 2, "time": "2:30.000", "time_s": 150.0, "valid": False,
                           "reason": "after red flag"}
    assert car["previous"] == [{"lap": 1, "time": "2:00.000", "time_s": 120.0, "valid": True,
                                "reason": None}]


def test_a_class_filter_measures_gaps_within_the_class():
    board = board_doc(snapshot(), "TA1", "T4", t("09:06:00"))
    assert [(r["number"], r["position"], r["class_position"], r["gap"]) for r in board["rows"]] \
        == [("3", 3, 1, "")]


def test_the_clock_counts_green_time_only_and_the_flag_is_named():
    stopped = board_doc(snapshot(), "TA1", None, t("09:08:00"))
    assert stopped["flag"] == {"state": "red", "label": "Red flag"}
    assert stopped["clock"]["green_elapsed_us"] == 4 * 60_000_000
    assert stopped["clock"]["phase"] == "stopped" and not stopped["clock"]["running"]
    restarted = board_doc(snapshot(), "TA1", None, t("09:12:00"))
    assert restarted["flag"]["label"] == "Green flag"
    assert restarted["clock"]["green_elapsed_us"] == 6 * 60_000_000
    waiting = board_doc(snapshot(), "TA2", None, t("09:12:00"))
    assert waiting["flag"] == {"state": None, "label": "Not started"}
    assert waiting["clock"]["phase"] == "upcoming"


def test_a_page_without_a_session_follows_the_one_running_now():
    closed = FLAGS + "09:30:00 TA1 checkered\n"
    assert view_board(snapshot(PASSINGS, closed), View("test"))["session"] == "TA1"
    started = snapshot(PASSINGS + "09:41:00 1\n", closed + "09:40:00 TA2 green\n")
    assert view_board(started, View("test"))["session"] == "TA2"


CARS = ["T1", "T2", "T3", "T9"]


@st.composite
def crossings(draw) -> list[Passing]:
    out = []
    for car in draw(st.lists(st.sampled_from(CARS), min_size=1, max_size=12)):
        out.append(Passing(t("09:00:30") + draw(st.integers(0, 1500)) * 1_000_000, car, "SF"))
    return out


@settings(max_examples=60, deadline=None)
@given(crossings(), st.sampled_from([None, "S2", "T4"]))
def test_patches_turn_each_board_into_the_next(arrivals, car_class):
    live = LiveEvent("test", EventFacts(EVENT, entries(ENTRIES), (), facts(
        EVENT, ENTRIES, "time car", FLAGS).flags, ()))
    held = {**board_doc(live.snapshot, "TA1", car_class, t("09:00:30")), "version": 1}
    for number, arrival in enumerate(arrivals, start=2):
        live.apply(EventRows(passings=[arrival]), wall=float(number))
        new = board_doc(live.snapshot, "TA1", car_class, t("09:00:30") + number)
        patch = board_patch(held, new)
        if patch is None:
            assert new["rows"] == held["rows"]
            continue
        held = apply_patch(held, {**patch, "base": number - 1, "version": number})
        assert {**held, "version": 0} == {**new, "version": 0}


def test_scenario_helpers_are_in_time_order():
    assert [p.time_us for p in passings("time car\n09:01:00 1\n09:02:00 2")] == sorted(
        [t("09:01:00"), t("09:02:00")])
