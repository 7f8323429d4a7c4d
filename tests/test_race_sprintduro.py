"""endurance.md "SprintDuro", hand-checked: with `sprint_min` the session has a second result,
the Sprint, classified with T = G + sprint_min, no mandatory-stop penalty and no stints. Same
race as tests/test_race_classification.py (4 minutes), sprint_min 2: T = 10:02:00, car 1 leads
at T with 2 laps and crosses then (C)."""

from __future__ import annotations

from tests.race_scenario import decision, race_event, race_facts, race_of, standings, t
from tests.test_race_classification import CARS, RACE
from trackside.core.race_results import RacePart
from trackside.rules import scored


def sprintduro(decisions=()):
    event = race_event(duration_min=4, sprint_min=2, mandatory_stops=1)
    return race_facts(event, CARS, RACE, decisions=decisions)


def test_sprint_is_classified_at_green_plus_sprint_min():
    sprint = race_of(sprintduro(), "sprint")
    assert (sprint.part, sprint.finish_at_us, sprint.checkered_us) == (
        RacePart.SPRINT, t("10:02:00"), t("10:02:00"))
    assert standings(sprint) == [
        ("1", "ok", 1, 1, 2, 120.0),
        ("2", "ok", 2, 2, 2, 124.0),
        ("3", "ok", 3, 1, 2, 135.0),
        ("4", "ok", 4, 2, 2, 175.0),
        ("5", "ok", 5, 3, 1, 120.0),
        ("6", "dns", None, None, 0, None),
        ("7", "dns", None, None, 0, None),
    ]


def test_sprint_has_no_mandatory_stop_penalty_and_no_stints_the_race_has_both():
    result = sprintduro()
    sprint, race = race_of(result, "sprint"), race_of(result)
    assert all(e.penalties == () and e.stints == () for e in sprint.entries)
    winner = race.entries[0]
    assert [p.kind for p in winner.penalties] == ["missed-stop"]
    assert winner.stints != ()


def test_sprint_takes_the_decisions_timed_before_its_end_or_untimed():
    """A time-added decided at 10:03:00 (after the Sprint's checkered) acts on the race only."""
    result = sprintduro(decisions=(
        decision(1, "time-added", "1", "R1", seconds=10, at="10:03:00"),
        decision(2, "time-added", "2", "R1", seconds=1),
    ))
    sprint, race = race_of(result, "sprint"), race_of(result)
    assert [(e.number, e.race_time_us / 1e6) for e in sprint.entries[:2]] == [("1", 120.0),
                                                                              ("2", 125.0)]
    assert [(e.number, e.race_time_us / 1e6) for e in race.entries[:2]] == [("2", 249.0),
                                                                            ("1", 250.0)]


def test_a_race_without_sprint_min_has_no_sprint():
    assert scored(race_facts(race_event(duration_min=4), CARS, RACE)).sessions["R1"].sprint is None
