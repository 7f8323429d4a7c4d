"""The demo SprintDuro day (`trackside/demo/enduro.py`): what `make demo` relies on it holding
(issue 12: teams, pit loops, a missed stop, a retirement, a contact in qualifying)."""

from __future__ import annotations

import tomllib
from collections import defaultdict

from trackside.core.records import FlagState
from trackside.demo.enduro import (
    MINUTE_US,
    PIT_IN,
    PIT_OUT,
    RACE_MIN,
    SESSIONS,
    SF,
    generate_enduro,
)

DAY = generate_enduro(seed=2026)
RACE = SESSIONS[2]


def _race_passings(transponder: str, loop: str) -> list[int]:
    return [p.time_us for p in DAY.passings
            if p.transponder == transponder and p.loop == loop
            and RACE.green_us - MINUTE_US <= p.time_us]


def _team(number: str):
    return next(t for t in DAY.teams if t.number == number)


def test_same_seed_same_day_and_thirty_cars_of_teams_and_solos() -> None:
    again = generate_enduro(seed=2026)
    assert again.passings == DAY.passings and again.flags == DAY.flags
    assert len(DAY.teams) == 30
    assert len({t.transponder for t in DAY.teams}) == 30
    sizes = {len(t.drivers) for t in DAY.teams}
    assert {1, 2} <= sizes


def test_event_file_declares_a_sprintduro_race_with_pit_loops() -> None:
    event = tomllib.loads(DAY.event_toml)
    race = next(s for s in event["session"] if s["format"] == "race")
    assert race["duration_min"] == RACE_MIN and race["sprint_min"] == 30
    assert race["mandatory_stops"] == 1
    assert (race["pit_in_loop"], race["pit_out_loop"]) == (PIT_IN, PIT_OUT)
    assert [s["format"] for s in event["session"]] == ["practice", "qualifying", "race"]


def test_the_missed_stop_car_never_enters_pit_lane_before_the_checkered() -> None:
    checkered = next(f.time_us for f in DAY.flags
                     if f.session_id == "R1" and f.state is FlagState.CHECKERED)
    car = _team(DAY.missed_stop)
    assert [t for t in _race_passings(car.transponder, PIT_IN) if t < checkered] == []
    others = [t for t in DAY.teams if t.number not in (DAY.missed_stop, DAY.retired)]
    for team in others:
        ins = [t for t in _race_passings(team.transponder, PIT_IN) if t < checkered]
        outs = _race_passings(team.transponder, PIT_OUT)
        assert len(ins) == 1 and len(outs) == 1 and outs[0] - ins[0] >= 90_000_000


def test_the_retired_car_stops_crossing_the_line_around_seventy_minutes() -> None:
    last = _race_passings(_team(DAY.retired).transponder, SF)[-1]
    assert 60 * MINUTE_US < last - RACE.green_us < 75 * MINUTE_US


def test_checkered_is_the_leaders_first_crossing_after_two_hours() -> None:
    checkered = next(f.time_us for f in DAY.flags
                     if f.session_id == "R1" and f.state is FlagState.CHECKERED)
    finish_at = RACE.green_us + RACE_MIN * MINUTE_US
    assert finish_at <= checkered < finish_at + 2 * MINUTE_US
    crossings = defaultdict(list)
    for team in DAY.teams:
        crossings[team.number] = [t for t in _race_passings(team.transponder, SF)
                                  if t < finish_at]
    most = max(len(v) for v in crossings.values())
    leaders = [n for n, v in crossings.items() if len(v) == most]
    leader = min(leaders, key=lambda n: crossings[n][-1])
    assert checkered in _race_passings(_team(leader).transponder, SF)


def test_contact_in_qualifying_names_two_cars_and_changes_name_the_second_driver() -> None:
    assert DAY.contact.session_id == "Q1" and len(set(DAY.contact.numbers)) == 2
    for swap in DAY.swaps:
        team = _team(swap.number)
        assert swap.driver == " ".join(team.drivers[1])
    assert {e.number for e in DAY.solo_exits} == {
        t.number for t in DAY.teams if t.solo and t.number != DAY.missed_stop
        and t.number not in _no_stop()}


def _no_stop() -> set[str]:
    return {t.number for t in DAY.teams if not _race_passings(t.transponder, PIT_OUT)}
