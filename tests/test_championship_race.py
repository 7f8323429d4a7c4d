"""championship.md, "Series file" `scores = "team"` and endurance.md "Classification": a race
event's class results come from its race classification (class position; `ok` when classified,
ok or dnf; the entry's `team`), and a SprintDuro's Sprint scores as its own sprint event result
when the series names the event with `part = "sprint"`. Hand-computed on the race of
tests/test_race_classification.py (G 10:00:00, 4 minutes)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.race_scenario import decision, race_event, race_facts
from tests.season_scenario import season, table_of
from tests.test_race_classification import CARS, RACE
from trackside.core.series_inputs import class_results
from trackside.core.series_records import EventPart, ScoresBy
from trackside.errors import InputError
from trackside.rules import scored
from trackside.timing.series_file import parse_series_definition

TEAMS = {"1": "Red Line", "5": "Red Line", "3": "Red Line", "2": "Blue Moon", "7": "Blue Moon",
         "4": "Green Bean", "6": "Green Bean"}  # fmt: skip


def race_results(event_id: str, date: str, race: str = RACE, decisions=(), sprint_min=None,
                 part: EventPart = EventPart.RACE):  # fmt: skip
    event = replace(race_event(duration_min=4, sprint_min=sprint_min), id=event_id, date=date)
    facts = race_facts(event, CARS, race, decisions=decisions)
    facts = replace(facts, entries=tuple(replace(e, extra={"team": TEAMS[e.number]})
                                         for e in facts.entries))  # fmt: skip
    result = scored(facts)
    return list(class_results(facts.event, result.event, facts.entries, result.sessions, part))


def r1():
    """S2: 1 (Red Line) 1st, 2 (Blue Moon) 2nd, 5 nc, 7 dns; S4: 3 (Red Line) 1st, 4 (Green
    Bean) 2nd, 6 dns."""
    return race_results("r1", "2026-05-16")


def r2():
    """10 s added to car 1: 2 (Blue Moon) wins S2, 1 2nd; car 4 stops before the finish: dnf,
    still classified 2nd in S4."""
    return race_results("r2", "2026-06-20", RACE.replace("10:04:20  4\n", ""),
                        decisions=(decision(1, "time-added", "1", "R1", seconds=10),))


def test_a_race_event_s_class_results_are_its_classification_with_the_entry_s_team():
    rows = {r.number: (r.car_class, r.status, r.class_position, r.team) for r in r2()}
    assert rows == {
        "2": ("S2", "ok", 1, "Blue Moon"), "1": ("S2", "ok", 2, "Red Line"),
        "3": ("S4", "ok", 1, "Red Line"), "4": ("S4", "ok", 2, "Green Bean"),  # dnf: classified
        "5": ("S2", "nc", None, "Red Line"), "6": ("S4", "dns", None, "Green Bean"),
        "7": ("S2", "dns", None, "Blue Moon"),
    }  # fmt: skip


def test_team_series_over_two_race_events_img():
    # img, n = 2 classified per class: 1st 2 + 1 (class winner), 2nd 1; a team keeps its
    # better car (Red Line's nc car 5 adds nothing).
    # S2: Red Line 3 (r1) + 1 (r2) = 4; Blue Moon 1 + 3 = 4: a win and a second each;
    #     last-event r2: Blue Moon 1st.
    # S4: Red Line 3 + 3 = 6; Green Bean 1 + 1 (the dnf car 4, classified) = 2.
    standings = season({"r1": r1(), "r2": r2()}, scores=ScoresBy.TEAM)
    assert table_of(standings, "S2") == [(1, "Blue Moon", 4, 2, "last-event"),
                                         (2, "Red Line", 4, 2, "last-event")]
    assert table_of(standings, "S4") == [(1, "Red Line", 6, 2, None),
                                         (2, "Green Bean", 2, 2, None)]


def test_a_sprintduro_s_sprint_part_scores_as_its_own_sprint_event():
    # The Sprint (T = G + 2 min): S2 1, 2, 5 classified (car 5 has its lap), 7 dns.
    rows = race_results("sd", "2026-05-16", sprint_min=2, part=EventPart.SPRINT)
    assert [(r.number, r.status, r.class_position) for r in rows if r.car_class == "S2"] == [
        ("1", "ok", 1), ("2", "ok", 2), ("5", "ok", 3), ("7", "dns", None)]
    # img, driver series, class of 3: 3 + 1, 2, 1
    assert table_of(season({"sd": rows}), "S2")[:3] == [
        (1, "Driver 1", 4, 1, None), (2, "Driver 2", 2, 1, None), (3, "Driver 5", 1, 1, None)]


def test_part_sprint_on_a_race_without_sprint_min_is_refused():
    with pytest.raises(ValueError, match="no Sprint part"):
        race_results("r1", "2026-05-16", part=EventPart.SPRINT)


def test_series_file_event_part_is_race_or_sprint():
    data = {"series": {"id": "enduro", "name": "Enduro", "scores": "team"},
            "event": [{"id": "r1"}, {"id": "sd", "part": "sprint"}]}
    series = parse_series_definition(data)
    assert (series.part_of("r1"), series.part_of("sd")) == (EventPart.RACE, EventPart.SPRINT)
    data["event"][1]["part"] = "qualifying"
    with pytest.raises(InputError, match="expected race or sprint") as err:
        parse_series_definition(data)
    assert err.value.field == "event[2].part"
