"""`penalty add --at` finds the session of the car's group whose window (first green to its
close) holds the time, or says why not (time-attack.md rule 4; "Decisions on a session").

The small event (tests/conftest.py) plus Intermediate flags: TA1-A (Advanced: cars 21, 22)
green 09:00, checkered 09:20; TA1-I (Intermediate: car 33) green 09:30, checkered 09:50."""

from __future__ import annotations

import json

import pytest

EV = "img-tt-r3"
TA1_A = "TA1-A 2026-05-16T09:00:00.000 - 2026-05-16T09:20:00.000"


@pytest.fixture
def two_groups(trackside, loaded):
    flags = loaded.write("ta1-i.csv", "session,state,time\nTA1-I,green,09:30:00\n"
                                      "TA1-I,checkered,09:50:00\n")
    assert trackside("flags", "import", EV, flags).exit_code == 0
    return loaded


def _exclude(trackside, number: str, at: str, *more: str):
    return trackside("penalty", "add", EV, number, "exclude-from-session", "--at", at, *more,
                     "--reason", "2nd interruption", "--by", "Sue")


def _refused(result) -> str:
    assert result.exit_code == 1, result.output
    (line,) = result.stderr.strip().splitlines()
    return line


def test_at_inside_a_session_of_the_cars_group_finds_it(trackside, two_groups):
    assert "in TA1-A" in _exclude(trackside, "21", "09:05:00").stdout
    assert "in TA1-I" in _exclude(trackside, "33", "09:35:00").stdout


def test_at_after_every_checkered_lists_the_groups_sessions(trackside, two_groups, dump):
    before = dump()
    refused = _refused(_exclude(trackside, "21", "12:00:00"))
    assert ("no session of car 21's group Advanced was running at 2026-05-16T12:00:00.000 "
            f"(its sessions: {TA1_A}); give --session") in refused
    assert dump() == before


def test_at_in_another_groups_session_is_not_the_cars(trackside, two_groups, dump):
    """09:35 is TA1-I, an Intermediate session car 21 (Advanced) never drove."""
    before = dump()
    refused = _refused(_exclude(trackside, "21", "09:35:00"))
    assert f"group Advanced was running at 2026-05-16T09:35:00.000 (its sessions: {TA1_A})" in (
        refused)
    assert dump() == before


def test_a_session_not_started_is_listed_as_such(trackside, loaded):
    refused = _refused(_exclude(trackside, "33", "09:35:00"))
    assert "(its sessions: TA1-I not started)" in refused


def test_at_and_session_that_contradict_are_refused(trackside, two_groups, dump):
    before = dump()
    refused = _refused(_exclude(trackside, "21", "09:35:00", "--session", "TA1-A"))
    assert (f"--at 2026-05-16T09:35:00.000 is not inside session TA1-A ({TA1_A[6:]}); "
            "correct --at or --session") in refused
    assert dump() == before


def test_at_and_session_that_agree_are_recorded(trackside, two_groups):
    out = _exclude(trackside, "21", "09:05:00", "--session", "TA1-A")
    assert out.exit_code == 0, out.output
    listed = json.loads(trackside("penalty", "list", EV, "--format", "json").stdout)
    assert (listed[0]["session"], listed[0]["at"]) == ("TA1-A", "2026-05-16T09:05:00.000")


def test_lap_check_scores_the_car_alone(trackside, two_groups):
    """`--lap N` is checked on the car's own laps (car 21 has laps 1-2 in TA1-A)."""
    ok = trackside("penalty", "add", EV, "21", "delete-lap", "--session", "TA1-A", "--lap", "2",
                   "--by", "Sue")
    assert ok.exit_code == 0, ok.output
    refused = _refused(trackside("penalty", "add", EV, "21", "delete-lap", "--session", "TA1-A",
                                 "--lap", "3", "--by", "Sue"))
    assert "car '21' has no lap 3 in session 'TA1-A' (laps 1-2)" in refused


def test_lap_check_never_scores_the_whole_event(trackside, two_groups, monkeypatch):
    from trackside.services import entry_laps

    seen = []

    def scored_alone(facts, *args, **kwargs):
        seen.append(tuple(e.number for e in facts.entries))
        return real(facts, *args, **kwargs)

    real = entry_laps.score_sessions
    monkeypatch.setattr(entry_laps, "score_sessions", scored_alone)
    ok = trackside("penalty", "add", EV, "22", "delete-lap", "--session", "TA1-A", "--lap", "1",
                   "--by", "Sue")
    assert ok.exit_code == 0, ok.output
    assert seen == [("22",)]
