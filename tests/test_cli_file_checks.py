"""Mistakes in the files a timing chief imports are caught, never silently reinterpreted
(issue "Trust: mistakes caught"): event-file keys, encodings, entries column names."""

from __future__ import annotations

import codecs
import json

import pytest

from tests.conftest import EVENT_TOML

EV = "img-tt-r3"
LATER_KEYS = """
timing = "loops"
start_loop = "START"
finish_loop = "FINISH"
cone_penalty_s = 2.0
max_runs = 4
duplicate_read_s = 1.0
sprint_min = 30
mandatory_stops = 1
min_stop_s = 0
missed_stop = "last-in-class"
pit_in_loop = "PIT-IN"
pit_out_loop = "PIT-OUT"
max_stint_min = 180
min_rest_min = 60
min_classified_pct = 50
rmonitor_run = 32
"""
GROUPS = """
[[group]]
name = "Advanced"
passing = 4
min_license = "advanced"
"""


def one_error(result) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def test_later_formats_session_keys_and_groups_are_accepted_and_stored(trackside, scenario):
    text = EVENT_TOML.replace('duration_min = 20\n', f'duration_min = 20\n{LATER_KEYS}')
    text = text.replace('lunch', '') + GROUPS
    text = text.replace('min_lap_s = 20.0\n', 'min_lap_s = 20.0\nlunch_end = "13:00"\n')
    path = scenario.write("later.toml", text)
    result = trackside("event", "import", path)
    assert result.exit_code == 0, result.output
    shown = json.loads(trackside("event", "show", EV, "--format", "json").stdout)
    assert [s["id"] for s in shown["sessions"]] == ["TA1-A", "TA1-I"]


@pytest.mark.parametrize(("data", "expected"), [
    (codecs.BOM_UTF16_LE + EVENT_TOML.encode("utf-16-le"), "bad.toml: the file is UTF-16 text"),
    (EVENT_TOML.replace('"IMG', '"\xe9IMG').encode("cp1252"),
     "bad.toml:3: not UTF-8 text (byte 0xe9)"),
    (EVENT_TOML.encode("utf-16-le"), "bad.toml:1: not valid TOML"),
    (b"a = " + b"[" * 5000, "bad.toml: not valid TOML"),
])
def test_an_event_file_not_in_utf8_is_one_line(trackside, scenario, dump, data, expected):
    path = scenario.dir / "bad.toml"
    path.write_bytes(data)
    before = dump()
    assert expected in one_error(trackside("event", "import", path))
    assert dump() == before


def test_an_unknown_top_level_key_names_its_line(trackside, scenario):
    path = scenario.write("bad.toml", 'id = "img-tt-r3"\n' + EVENT_TOML)
    assert "bad.toml:1: field 'id': unknown key outside any table" in one_error(
        trackside("event", "import", path))


def test_an_unknown_key_far_from_any_lists_the_known_ones(trackside, scenario):
    path = scenario.write("bad.toml", EVENT_TOML.replace("[track]\n", "[track]\nzzz = 1\n"))
    assert ("field 'track.zzz': unknown key; known keys: length_m, name, start_finish_loop"
            in one_error(trackside("event", "import", path)))


def test_an_error_never_echoes_more_than_about_100_characters(trackside, scenario):
    path = scenario.write("bad.toml", EVENT_TOML.replace('date = "2026-05-16"',
                                                         f'date = "{"9" * 5000}"'))
    line = one_error(trackside("event", "import", path))
    assert "…" in line and len(line) < 300


def test_a_misspelt_entries_column_is_a_warning_with_the_suggestion(trackside, scenario):
    assert trackside("event", "import", scenario.event).exit_code == 0
    path = scenario.write("entries.csv", "number,first_name,last_name,class,group,transponder,"
                          "yaer,sponsor,tem\n44,Di,Eve,S2,Advanced,2001,2019,Acme,Blue\n")
    result = trackside("entries", "import", EV, path)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"warning: {path}:1: column 'yaer': unknown column, kept as extra data; "
        "did you mean 'year'?",
        f"warning: {path}:1: column 'tem': unknown column, kept as extra data; "
        "did you mean 'team'?",
    ]


def test_a_misspelt_required_entries_column_says_so(trackside, scenario):
    assert trackside("event", "import", scenario.event).exit_code == 0
    path = scenario.write("entries.csv", "number,frist_name,last_name,clas,group,transponer\n"
                          "44,Di,Eve,S2,Advanced,2001\n")
    line = one_error(trackside("entries", "import", EV, path))
    assert ("entries.csv:1: field 'first_name': missing required column" in line
            and "column 'frist_name' looks like a misspelling of 'first_name'" in line)


def test_a_utf16_entries_file_with_a_bom_imports(trackside, scenario):
    assert trackside("event", "import", scenario.event).exit_code == 0
    path = scenario.dir / "entries.csv"
    path.write_bytes(codecs.BOM_UTF16_LE + scenario.entries.read_text().encode("utf-16-le"))
    result = trackside("entries", "import", EV, path)
    assert result.exit_code == 0, result.output
    assert "entries: 3 added" in result.stdout
