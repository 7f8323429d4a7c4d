"""What a race session's result depends on besides passings, flags and its own decisions
(`core.session_inputs.race_inputs`, the results cache's fingerprint): a roster, the session's
officials' pit stops and driver changes, and `penalty-served` decisions; nothing of it for a
session of another format."""

from __future__ import annotations

from dataclasses import replace

from tests.race_scenario import race_event, race_facts
from trackside.core.records import Decision, DecisionKind, PitStopRecord, SessionDef
from trackside.core.session_inputs import race_inputs

CARS = "car class group\n1 S2 A\n2 S2 A"
FACTS = race_facts(race_event(extra_sessions=(SessionDef("Q1", format="qualifying"),)), CARS,
                   passed="time car\n10:00:05 1", stops="car in out\n1 10:10:00 10:11:00",
                   changes="car driver at\n1 Bo_Ek 10:10:30",
                   drivers="car first last transponder\n1 Ann Lee D1\n1 Bo Ek D2")  # fmt: skip


def test_race_inputs_change_with_the_sessions_pit_stops_driver_changes_and_roster():
    before = race_inputs(FACTS, "R1")
    more_stops = replace(FACTS, pit_stops=(*FACTS.pit_stops, PitStopRecord("R1", "2", 1, 2)))
    other_session = replace(FACTS, pit_stops=(*FACTS.pit_stops, PitStopRecord("R2", "2", 1, 2)))
    assert race_inputs(more_stops, "R1") != before
    assert race_inputs(other_session, "R1") == before
    assert race_inputs(replace(FACTS, driver_changes=()), "R1") != before
    assert race_inputs(replace(FACTS, roster=FACTS.roster[:1]), "R1") != before


def test_race_inputs_follow_penalty_served_decisions_in_force_and_are_empty_for_other_formats():
    served = Decision(1, DecisionKind.PENALTY_SERVED, "1", None, serves=7, served_us=5)
    revoked = (served, Decision(2, DecisionKind.REVOKE, "1", None, revokes=1))
    assert race_inputs(replace(FACTS, decisions=(served,)), "R1") != race_inputs(FACTS, "R1")
    assert race_inputs(replace(FACTS, decisions=revoked), "R1") == race_inputs(FACTS, "R1")
    assert race_inputs(FACTS, "Q1") == ()
