"""A race session's settings in the event file (endurance.md, "Session settings"): parsed into
`SessionDef.race` in integer microseconds, and checked, each error one line naming the file,
line and field."""

from __future__ import annotations

import pytest

from trackside.core.known_formats import FORMATS
from trackside.core.records import RaceSettings
from trackside.errors import InputError
from trackside.timing.event_file import parse_event_definition
from trackside.timing.event_toml import read_event_file


def _definition(**session) -> dict:
    return {"event": {"id": "enduro", "name": "Enduro", "date": "2026-06-13"},
            "session": [{"id": "R1", "format": "race", "groups": ["All"], **session}]}


def _race(**session) -> RaceSettings:
    event = parse_event_definition(_definition(**session), formats=FORMATS)
    race = event.sessions[0].race
    assert race is not None
    return race


def test_every_setting_of_the_spec_example_is_read_in_microseconds():
    race = _race(duration_min=120, sprint_min=30, mandatory_stops=1, min_stop_s=45.5,
                 missed_stop="laps:3", pit_in_loop="PIT-IN", pit_out_loop="PIT-OUT",
                 max_stint_min=90, min_rest_min=30, min_classified_pct=75,
                 unserved_penalty_s=30)
    assert race == RaceSettings(
        sprint_us=1_800_000_000, mandatory_stops=1, min_stop_us=45_500_000,
        missed_stop="laps:3", pit_in_loop="PIT-IN", pit_out_loop="PIT-OUT",
        max_stint_us=5_400_000_000, min_rest_us=1_800_000_000, min_classified_pct=75,
        unserved_penalty_us=30_000_000)


def test_defaults_no_sprint_no_stop_last_in_class_three_hour_stints_sixty_second_penalty():
    assert _race(duration_min=60) == RaceSettings(
        sprint_us=None, mandatory_stops=0, min_stop_us=0, missed_stop="last-in-class",
        pit_in_loop=None, pit_out_loop=None, max_stint_us=180 * 60_000_000,
        min_rest_us=60 * 60_000_000, min_classified_pct=50, unserved_penalty_us=60_000_000)


@pytest.mark.parametrize("missed", ["last-in-class", "laps:1", "laps:12", "time:60", "time:7.5"])
def test_the_three_forms_of_missed_stop(missed):
    assert _race(duration_min=60, missed_stop=missed).missed_stop == missed


@pytest.mark.parametrize(("session", "field", "message"), [
    ({}, "duration_min", "required for a race session"),
    ({"duration_min": 0}, "duration_min", "greater than 0"),
    ({"duration_min": 60, "sprint_min": 60}, "sprint_min", "must end before the race"),
    ({"duration_min": 60, "sprint_min": -5}, "sprint_min", "greater than 0"),
    ({"duration_min": 60, "mandatory_stops": -1}, "mandatory_stops", "0 or more"),
    ({"duration_min": 60, "mandatory_stops": 1.5}, "mandatory_stops", "a whole number"),
    ({"duration_min": 60, "min_stop_s": -1}, "min_stop_s", "0 or more"),
    ({"duration_min": 60, "missed_stop": "drive-through"}, "missed_stop", '"laps:N"'),
    ({"duration_min": 60, "missed_stop": "laps:0"}, "missed_stop", '"laps:N"'),
    ({"duration_min": 60, "missed_stop": "laps:x"}, "missed_stop", '"time:S"'),
    ({"duration_min": 60, "missed_stop": "time:"}, "missed_stop", '"last-in-class"'),
    ({"duration_min": 60, "pit_in_loop": "PIT-IN"}, "pit_out_loop", "come in pairs"),
    ({"duration_min": 60, "pit_out_loop": "PIT-OUT"}, "pit_in_loop", "come in pairs"),
    ({"duration_min": 60, "pit_in_loop": "PIT", "pit_out_loop": "PIT"}, "pit_out_loop",
     "must differ"),
    ({"duration_min": 60, "max_stint_min": 0}, "max_stint_min", "greater than 0"),
    ({"duration_min": 60, "min_rest_min": -1}, "min_rest_min", "0 or more"),
    ({"duration_min": 60, "min_classified_pct": 101}, "min_classified_pct", "0-100"),
    ({"duration_min": 60, "min_classified_pct": 50.5}, "min_classified_pct", "whole number"),
    ({"duration_min": 60, "unserved_penalty_s": -1}, "unserved_penalty_s", "0 or more"),
])  # fmt: skip
def test_bad_settings_are_refused_naming_the_field(session, field, message):
    with pytest.raises(InputError) as refused:
        parse_event_definition(_definition(**session), source="event.toml", formats=FORMATS)
    assert f"session[1].{field}" in str(refused.value)
    assert message in str(refused.value)


def test_a_practice_session_keeps_no_race_settings():
    data = _definition(format="practice", duration_min=20, mandatory_stops=1)
    assert parse_event_definition(data, formats=FORMATS).sessions[0].race is None


EVENT = """\
[event]
id = "enduro"
name = "Enduro"
date = "2026-06-13"

[[session]]
id = "Q1"
format = "qualifying"
duration_min = 20

[[session]]
id = "R1"
format = "race"
groups = ["All"]
mandatory_stops = 1
"""


def test_a_race_without_duration_is_one_line_naming_file_line_and_field(tmp_path):
    path = tmp_path / "event.toml"
    path.write_text(EVENT, encoding="utf-8")
    with pytest.raises(InputError) as refused:
        read_event_file(path)
    assert str(refused.value) == (
        f"{path}:11: field 'session[2].duration_min': required for a race session (the "
        "scheduled race length in minutes)")


def test_an_unknown_race_key_names_the_nearest_known_one(tmp_path):
    path = tmp_path / "event.toml"
    path.write_text(EVENT.replace("mandatory_stops", "mandatory_stop"), encoding="utf-8")
    with pytest.raises(InputError) as refused:
        read_event_file(path)
    assert "session[2].mandatory_stop" in str(refused.value)
    assert "mandatory_stops" in str(refused.value)
