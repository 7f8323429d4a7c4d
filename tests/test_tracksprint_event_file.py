"""A tracksprint or hillclimb session's settings in the event file (tracksprint.md, "Session
settings"): parsed into the SessionDef in integer microseconds, and checked."""

from __future__ import annotations

import pytest

from trackside.errors import InputError
from trackside.timing.event_file import parse_event_definition


def _definition(**session) -> dict:
    return {"event": {"id": "ts", "name": "TS", "date": "2026-05-16"},
            "session": [{"id": "TS1", "format": "tracksprint", **session}]}


def test_loops_settings_are_parsed_in_microseconds():
    event = parse_event_definition(_definition(
        timing="loops", start_loop="START", finish_loop="FINISH", cone_penalty_s=1.5,
        max_runs=4, duplicate_read_s=0.5))
    session = event.sessions[0]
    assert (session.timing, session.start_loop, session.finish_loop) == ("loops", "START",
                                                                         "FINISH")
    assert (session.cone_penalty_us, session.max_runs, session.duplicate_read_us) == (
        1_500_000, 4, 500_000)


def test_lights_defaults_two_seconds_a_cone_and_one_second_duplicates():
    session = parse_event_definition(_definition(format="hillclimb", timing="lights")).sessions[0]
    assert (session.format, session.timing, session.start_loop) == ("hillclimb", "lights", None)
    assert (session.cone_penalty_us, session.max_runs, session.duplicate_read_us) == (
        2_000_000, None, 1_000_000)


@pytest.mark.parametrize(("session", "field", "message"), [
    ({}, "timing", "required for a tracksprint session"),
    ({"timing": "radar"}, "timing", "expected one of loops, lights"),
    ({"timing": "loops", "finish_loop": "F"}, "start_loop", 'required with timing = "loops"'),
    ({"timing": "loops", "start_loop": "S"}, "finish_loop", 'required with timing = "loops"'),
    ({"timing": "loops", "start_loop": "S", "finish_loop": "S"}, "finish_loop", "must differ"),
    ({"timing": "lights", "start_loop": "S"}, "start_loop", '"loops" only'),
    ({"timing": "lights", "cone_penalty_s": -1}, "cone_penalty_s", "0 or more"),
    ({"timing": "lights", "max_runs": 0}, "max_runs", "greater than 0"),
    ({"timing": "lights", "max_runs": 2.5}, "max_runs", "a whole number"),
    ({"timing": "lights", "duplicate_read_s": -0.1}, "duplicate_read_s", "0 or more"),
])  # fmt: skip
def test_bad_settings_are_refused_naming_the_field(session, field, message):
    with pytest.raises(InputError) as refused:
        parse_event_definition(_definition(**session), source="event.toml")
    assert f"session[1].{field}" in str(refused.value)
    assert message in str(refused.value)


def test_a_time_attack_session_keeps_no_run_settings():
    data = _definition(format="time-attack", timing="lights", max_runs=3)
    session = parse_event_definition(data).sessions[0]
    assert (session.timing, session.max_runs) == (None, None)
