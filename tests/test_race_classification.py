"""endurance.md "Classification" and "Race decisions", hand-checked. G 10:00:00, a 4-minute
race: T = 10:04:00, car 1 leads at T and crosses exactly then, so C = 10:04:00."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.race_scenario import decision, race_event, race_facts, race_of, standings, t
from trackside.core.race_results import Gap
from trackside.core.race_scorer import RACE_SCORER
from trackside.core.records import Decision, DecisionKind, RoundDef
from trackside.rules import scored

CARS = """
car class group
1   S2    A
2   S2    A
3   S4    A
4   S4    A
5   S2    A
6   S4    A
7   S2    A
"""

RACE = """
time      car
10:00:03  1
10:01:00  1
10:02:00  1
10:03:00  1
10:04:00  1
10:00:04  2
10:01:02  2
10:02:04  2
10:03:06  2
10:04:08  2
10:00:05  3
10:01:10  3
10:02:15  3
10:03:20  3
10:04:25  3
10:00:06  4
10:01:30  4
10:02:55  4
10:04:20  4
10:00:07  5
10:02:00  5
10:00:08  6
"""
"""Car 5 has 1 lap (under 50% of 4, rounded down 2): nc; car 6 crossed only at the start and car
7 never: dns."""


def classified(pct: int = 50, decisions=()):
    return race_of(race_facts(race_event(duration_min=4, min_classified_pct=pct), CARS, RACE,
                              decisions=decisions))  # fmt: skip


def test_classification_by_laps_then_race_time_nc_and_dns_follow_without_position():
    assert standings(classified()) == [
        ("1", "ok", 1, 1, 4, 240.0),
        ("2", "ok", 2, 2, 4, 248.0),
        ("3", "ok", 3, 1, 4, 265.0),
        ("4", "ok", 4, 2, 3, 260.0),
        ("5", "nc", None, None, 1, 120.0),
        ("6", "dns", None, None, 0, None),
        ("7", "dns", None, None, 0, None),
    ]


@pytest.mark.parametrize(("pct", "car_4"), [(75, "ok"), (80, "ok"), (99, "ok"), (100, "nc")])
def test_classification_min_classified_pct_of_the_winners_laps_rounded_down(pct, car_4):
    """4 laps x 80% = 3.2, rounded down 3: car 4's 3 laps are enough up to 99% (3.96 -> 3)."""
    status = {e.number: str(e.status) for e in classified(pct).entries}
    assert status["4"] == car_4


def test_classification_gaps_to_winner_and_car_ahead_in_laps_when_laps_differ_else_time():
    gaps = [(e.number, e.gap_to_winner, e.gap_to_ahead) for e in classified().entries]
    assert gaps == [
        ("1", None, None),
        ("2", Gap(0, 8_000_000), Gap(0, 8_000_000)),
        ("3", Gap(0, 25_000_000), Gap(0, 17_000_000)),
        ("4", Gap(1, None), Gap(1, None)),
        ("5", Gap(3, None), Gap(2, None)),
        ("6", None, None),
        ("7", None, None),
    ]


def test_classification_best_lap_of_the_counted_laps():
    best = {e.number: e.best_lap and (e.best_lap.lap, e.best_lap.time_us / 1e6)
            for e in classified().entries}  # fmt: skip
    assert best == {"1": (1, 57.0), "2": (1, 58.0), "3": (1, 65.0), "4": (1, 84.0),
                    "5": (1, 113.0), "6": None, "7": None}  # fmt: skip


def test_a_dnf_is_a_classified_car_that_did_not_cross_at_or_after_C():
    race = RACE.replace("10:04:20  4\n", "")
    result = race_of(race_facts(race_event(duration_min=4), CARS, race))
    assert standings(result)[3] == ("4", "dnf", 4, 2, 2, 175.0)


# --- Race decisions ---------------------------------------------------------------------------


def places(result):
    return [(e.number, e.position, e.laps, e.race_time_us and e.race_time_us / 1e6)
            for e in result.entries if e.position is not None]  # fmt: skip


def applied(result, car):
    entry = next(e for e in result.entries if e.number == car)
    return [(p.kind, p.detail, p.changed_place) for p in entry.penalties]


def test_decision_time_added_adds_to_race_time_and_says_whether_it_changed_the_place():
    result = classified(decisions=(
        decision(1, "time-added", "1", "R1", seconds=10),
        decision(2, "time-added", "3", "R1", seconds=5),
    ))
    assert places(result) == [("2", 1, 4, 248.0), ("1", 2, 4, 250.0), ("3", 3, 4, 270.0),
                              ("4", 4, 3, 260.0)]  # fmt: skip
    assert applied(result, "1") == [("time-added", "+10.000 s", True)]
    assert applied(result, "3") == [("time-added", "+5.000 s", False)]


def test_decision_laps_deducted_takes_laps_off_the_count():
    result = classified(decisions=(decision(1, "laps-deducted", "2", "R1", count=2),))
    assert places(result) == [("1", 1, 4, 240.0), ("3", 2, 4, 265.0), ("4", 3, 3, 260.0),
                              ("2", 4, 2, 248.0)]  # fmt: skip
    assert applied(result, "2") == [("laps-deducted", "-2 laps", True)]


def test_decision_position_moves_the_car_places_back_after_classification():
    """Cars 1 and 2 each lose one place: applied from the last-placed first, car 3 wins."""
    result = classified(decisions=(
        decision(1, "position", "1", "R1", count=1),
        decision(2, "position", "2", "R1", count=1),
    ))
    assert [n for n, *_ in places(result)] == ["3", "1", "2", "4"]
    assert applied(result, "1") == [("position", "1 places", True)]


def test_decision_position_cannot_move_a_car_behind_the_last_classified_car():
    result = classified(decisions=(decision(1, "position", "1", "R1", count=10),))
    assert [n for n, *_ in places(result)] == ["2", "3", "4", "1"]


def test_decision_race_dq_disqualifies_without_position_and_the_others_move_up():
    result = classified(decisions=(decision(1, "race-dq", "1", "R1"),))
    assert standings(result)[:3] == [("2", "ok", 1, 1, 4, 248.0), ("3", "ok", 2, 1, 4, 265.0),
                                     ("4", "ok", 3, 2, 3, 260.0)]  # fmt: skip
    assert standings(result)[-1] == ("1", "disqualified", None, None, 4, 240.0)
    assert applied(result, "1") == [("race-dq", "disqualified", True)]


def test_decision_an_event_exclusion_disqualifies_from_the_race_too():
    result = classified(decisions=(decision(1, "event-exclusion", "2"),))
    assert standings(result)[-1] == ("2", "disqualified", None, None, 4, 248.0)


def test_decision_revoked_decisions_do_not_count():
    result = classified(decisions=(
        decision(1, "time-added", "1", "R1", seconds=10),
        Decision(2, DecisionKind.REVOKE, "1", "R1", revokes=1),
    ))
    assert places(result)[0] == ("1", 1, 4, 240.0)
    assert applied(result, "1") == []


def test_decision_drive_through_served_at_a_time_before_the_finish_costs_nothing_more():
    result = classified(decisions=(
        Decision(1, DecisionKind.DRIVE_THROUGH, "1", "R1", served_us=t("10:02:30")),
    ))
    assert places(result)[0] == ("1", 1, 4, 240.0)
    assert applied(result, "1") == [("drive-through", "served 10:02:30.000", False)]


def test_decision_drive_through_unserved_at_the_finish_adds_unserved_penalty_s():
    """Served after the car's finish (10:04:00) is unserved: +60 s (the default)."""
    result = classified(decisions=(
        Decision(1, DecisionKind.DRIVE_THROUGH, "1", "R1", served_us=t("10:04:30")),
        Decision(2, DecisionKind.STOP_AND_GO, "2", "R1"),
    ))
    assert places(result) == [("3", 1, 4, 265.0), ("1", 2, 4, 300.0), ("2", 3, 4, 308.0),
                              ("4", 4, 3, 260.0)]  # fmt: skip
    assert applied(result, "2") == [("stop-and-go", "unserved: +1:00.000", True)]


def test_decision_a_later_penalty_served_decision_serves_a_stop_and_go():
    result = classified(decisions=(
        Decision(1, DecisionKind.STOP_AND_GO, "2", "R1"),
        Decision(2, DecisionKind.PENALTY_SERVED, "2", "R1", serves=1, served_us=t("10:03:10")),
    ))
    assert places(result)[1] == ("2", 2, 4, 248.0)
    assert applied(result, "2") == [("stop-and-go", "served 10:03:10.000", False)]


def test_decision_a_revoked_penalty_served_leaves_the_penalty_unserved():
    result = race_of(race_facts(race_event(duration_min=4, unserved_penalty_s=30), CARS, RACE,
                                decisions=(
        Decision(1, DecisionKind.STOP_AND_GO, "2", "R1"),
        Decision(2, DecisionKind.PENALTY_SERVED, "2", "R1", serves=1, served_us=t("10:03:10")),
        Decision(3, DecisionKind.REVOKE, "2", "R1", revokes=2),
    )))  # fmt: skip
    assert places(result)[2] == ("2", 3, 4, 278.0)


def test_decision_an_unserved_penalty_before_the_checkered_is_not_added_yet():
    early = "time car\n" + "\n".join(line for line in RACE.splitlines()
                                     if line[:8] < "10:04:00" and line.strip())  # fmt: skip
    result = race_of(race_facts(race_event(duration_min=4), CARS, early,
                                decisions=(Decision(1, DecisionKind.DRIVE_THROUGH, "1", "R1"),)))
    assert applied(result, "1") == [("drive-through", "not served yet", False)]
    assert places(result)[0] == ("1", 1, 3, 180.0)


def test_the_scorers_rank_puts_rows_back_in_order_by_laps_then_race_time():
    """`RACE_SCORER.rank` (the live engine's re-rank) on rows without place penalties."""
    result = classified()
    unranked = [replace(e, position=None, class_position=None, gap_to_winner=None,
                        gap_to_ahead=None) for e in reversed(result.entries)]  # fmt: skip
    ranked = RACE_SCORER.rank(unranked)
    assert [(e.number, e.position, e.class_position) for e in ranked] == [
        ("1", 1, 1), ("2", 2, 2), ("3", 3, 1), ("4", 4, 2), ("5", None, None),
        ("6", None, None), ("7", None, None)]
    assert [e.gap_to_ahead for e in ranked[:4]] == [e.gap_to_ahead for e in result.entries[:4]]


def test_a_round_naming_the_race_takes_each_cars_best_race_lap():
    """docs/race.md "Event results": a race is a round only when a `[[round]]` names it; then
    a car's round time is its best counted race lap (disqualified cars have none)."""
    facts = race_facts(race_event(duration_min=4), CARS, RACE,
                       decisions=(decision(1, "race-dq", "3", "R1"),))  # fmt: skip
    named = replace(facts, event=replace(facts.event, rounds=(RoundDef("Race", ("R1",)),)))
    times = {e.number: e.total_us for e in scored(named).event.entries}
    assert times == {"1": 57_000_000, "2": 58_000_000, "3": None, "4": 84_000_000,
                     "5": 113_000_000, "6": None, "7": None}  # fmt: skip
    assert scored(facts).event.rounds == ()
