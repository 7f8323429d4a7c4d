"""Flags are facts a user can see and correct (time-attack.md, Facts; DESIGN.md "a decision is
never an UPDATE"): `flag list` shows each with its journal id, `flag revoke` revokes one by a
decision, revoking that decision restores it, and flags that cannot be right are refused.

The small event (tests/conftest.py): TA1-A green 09:00, checkered 09:20; car 21's laps are
09:01:00-09:03:02.5 (122.5 s) and 09:03:02.5-09:05:03 (120.5 s)."""

from __future__ import annotations

import json

EV = "img-tt-r3"


def _ok(result) -> str:
    assert result.exit_code == 0, result.output
    return result.stdout


def _refused(result) -> str:
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def _flags(trackside, *options: str) -> list[dict]:
    return json.loads(_ok(trackside("flag", "list", EV, *options, "--format", "json")))


def _best_lap_21(trackside) -> float:
    doc = json.loads(_ok(trackside("results", EV, "--format", "json")))
    return next(e for e in doc["entries"] if e["number"] == "21")["best_lap_s"]


def _mistaken_red(trackside) -> int:
    """A red keyed in at 09:04 that was never shown: it costs car 21 its 120.5 s lap."""
    _ok(trackside("flag", EV, "TA1-A", "red", "--at", "09:04:00", "--by", "Race Control"))
    return next(f["id"] for f in _flags(trackside) if f["state"] == "red")


def test_flag_list_shows_id_session_state_time_author_and_recorded(trackside, loaded):
    flags = _flags(trackside)
    assert [(f["session"], f["state"], f["time"], f["author"], f["revoked"]) for f in flags] == [
        ("TA1-A", "green", "2026-05-16T09:00:00.000", "file flags.csv", False),
        ("TA1-A", "checkered", "2026-05-16T09:20:00.000", "file flags.csv", False),
    ]
    assert all(isinstance(f["id"], int) and f["recorded"] for f in flags)
    text = _ok(trackside("flag", "list", EV))
    assert "checkered" in text and "file flags.csv" in text


def test_flag_list_of_one_session(trackside, loaded):
    _ok(trackside("flag", EV, "TA1-I", "green", "--at", "09:30:00"))
    assert [f["session"] for f in _flags(trackside, "--session", "TA1-I")] == ["TA1-I"]
    assert "no session 'TA9'" in _refused(trackside("flag", "list", EV, "--session", "TA9"))


def test_revoking_a_mistaken_red_restores_the_laps_it_cost(trackside, loaded, dump):
    clean = _best_lap_21(trackside)
    red = _mistaken_red(trackside)
    assert _best_lap_21(trackside) > clean
    flag_rows = dump()["flags"]

    out = _ok(trackside("flag", "revoke", EV, str(red), "--reason", "keyed in by mistake",
                        "--by", "Chief Steward"))

    assert out.startswith("decision 1: revokes flag ") and "penalty revoke img-tt-r3 1" in out
    assert _best_lap_21(trackside) == clean
    assert dump()["flags"] == flag_rows  # the flag itself is never touched
    (revoked,) = [f for f in _flags(trackside) if f["id"] == red]
    assert (revoked["revoked"], revoked["revoked_by"]) == (True, 1)
    decision = json.loads(_ok(trackside("penalty", "list", EV, "--format", "json")))[0]
    assert (decision["kind"], decision["flag_id"], decision["session"], decision["author"]) == (
        "revoke-flag", red, "TA1-A", "Chief Steward")


def test_revoking_the_revoke_applies_the_flag_again(trackside, loaded):
    clean = _best_lap_21(trackside)
    red = _mistaken_red(trackside)
    costs = _best_lap_21(trackside)
    _ok(trackside("flag", "revoke", EV, str(red), "--reason", "mistake?", "--by", "Sue"))
    assert _best_lap_21(trackside) == clean

    _ok(trackside("penalty", "revoke", EV, "1", "--reason", "it was shown after all",
                  "--by", "Chief Steward"))

    assert _best_lap_21(trackside) == costs
    (flag,) = [f for f in _flags(trackside) if f["id"] == red]
    assert (flag["revoked"], flag["revoked_by"]) == (False, None)
    again = trackside("flag", "revoke", EV, str(red), "--reason", "no, a mistake", "--by", "Sue")
    assert _ok(again).startswith("decision 3: revokes flag ")


def test_a_flag_is_revoked_once_and_unknown_flags_are_refused(trackside, loaded, dump):
    red = _mistaken_red(trackside)
    _ok(trackside("flag", "revoke", EV, str(red), "--reason", "x", "--by", "Sue"))
    before = dump()
    twice = trackside("flag", "revoke", EV, str(red), "--reason", "x", "--by", "Sue")
    assert "already revoked by decision 1" in _refused(twice)
    assert "no flag 999" in _refused(trackside("flag", "revoke", EV, "999", "--reason", "x",
                                               "--by", "Sue"))
    assert "--reason" in _refused(trackside("flag", "revoke", EV, str(red), "--reason", " ",
                                            "--by", "Sue"))
    assert "trackside flag revoke" in _refused(trackside("penalty", "add", EV, "21",
                                                         "revoke-flag", "--by", "Sue"))
    assert dump() == before


def test_a_revoked_flag_no_longer_stops_the_session_clock(trackside, loaded):
    """The event document's flag comes from the flags in force, like scoring's."""
    def ta1_a() -> dict:
        doc = json.loads(_ok(trackside("event", "show", EV, "--format", "json")))
        return doc["sessions"][0]

    late_red = trackside("flag", EV, "TA1-A", "red", "--at", "09:25:00")
    _ok(late_red)
    assert ta1_a()["flag"] == "red"
    red = next(f["id"] for f in _flags(trackside) if f["state"] == "red")
    _ok(trackside("flag", "revoke", EV, str(red), "--reason", "x", "--by", "Sue"))
    session = ta1_a()
    assert (session["flag"], session["phase"]) == ("checkered", "finished")
    assert [(f["state"], f["revoked_by"]) for f in session["flags"]] == [
        ("green", None), ("checkered", None), ("red", 1)]


def test_event_show_and_session_json_list_the_flags(trackside, loaded):
    red = _mistaken_red(trackside)
    _ok(trackside("flag", "revoke", EV, str(red), "--reason", "x", "--by", "Sue"))
    text = _ok(trackside("event", "show", EV))
    assert "Flags" in text and "by decision 1" in text
    session = json.loads(_ok(trackside("results", EV, "--session", "TA1-A", "--format", "json")))
    assert [(f["state"], f["revoked"]) for f in session["flags"]] == [
        ("green", False), ("red", True), ("checkered", False)]
    other = json.loads(_ok(trackside("results", EV, "--session", "TA1-I", "--format", "json")))
    assert other["flags"] == []


# --- refused: nothing stored -------------------------------------------------------------


def test_a_flag_outside_the_event_days_is_refused(trackside, loaded, dump):
    before = dump()
    refused = _refused(trackside("flag", EV, "TA1-A", "green", "--at", "2026-05-17T09:00:00"))
    assert "outside the days of event 'img-tt-r3' (2026-05-16)" in refused
    assert "option --at" in refused
    assert dump() == before


def test_a_checkered_before_the_first_green_is_refused(trackside, loaded, dump):
    before = dump()
    none_yet = _refused(trackside("flag", EV, "TA1-I", "checkered", "--at", "09:50:00"))
    assert "before the first green of session TA1-I (no green recorded)" in none_yet
    early = _refused(trackside("flag", EV, "TA1-A", "checkered", "--at", "08:59:00"))
    assert "first green 2026-05-16T09:00:00.000" in early
    assert dump() == before


def test_a_checkered_needs_a_green_in_force(trackside, loaded):
    green = next(f["id"] for f in _flags(trackside) if f["state"] == "green")
    _ok(trackside("flag", "revoke", EV, str(green), "--reason", "wrong session", "--by", "Sue"))
    refused = _refused(trackside("flag", EV, "TA1-A", "checkered", "--at", "09:21:00"))
    assert "no green recorded" in refused


def test_flags_import_refuses_a_file_with_an_impossible_flag(trackside, loaded, dump):
    before = dump()
    early = loaded.write("early.csv", "session,state,time\nTA1-I,green,09:30:00\n"
                                      "TA1-I,checkered,09:29:00\n")
    refused = _refused(trackside("flags", "import", EV, early))
    assert "early.csv:3: field 'time'" in refused and "before the first green" in refused
    other_day = loaded.write("day2.csv", "session,state,time\nTA1-I,green,2026-05-18T09:30:00\n")
    assert "outside the days" in _refused(trackside("flags", "import", EV, other_day))
    assert dump() == before


def test_flags_import_reads_its_own_greens(trackside, loaded):
    """A file's checkered after the file's own green is fine, whatever the row order."""
    rows = loaded.write("ta1-i.csv", "session,state,time\nTA1-I,checkered,09:50:00\n"
                                     "TA1-I,green,09:30:00\n")
    out = _ok(trackside("flags", "import", EV, rows))
    assert out.strip() == "flags: 2 added, 0 already present"


# --- the command's forms -----------------------------------------------------------------


def test_flag_event_and_flag_add_event_both_record(trackside, loaded):
    plain = _ok(trackside("flag", EV, "TA1-A", "yellow", "--at", "09:10:00", "--by", "RC"))
    assert plain.strip() == "flag yellow in TA1-A at 2026-05-16T09:10:00.000: recorded"
    added = _ok(trackside("flag", "add", EV, "TA1-A", "yellow", "--at", "09:11:00"))
    assert added.strip() == "flag yellow in TA1-A at 2026-05-16T09:11:00.000: recorded"
    again = _ok(trackside("flag", EV, "TA1-A", "yellow", "--at", "09:10:00"))
    assert again.strip().endswith("already recorded")
    yellows = [f for f in _flags(trackside) if f["state"] == "yellow"]
    assert [f["author"] for f in yellows] == ["RC", ""]


def test_flag_help_names_its_subcommands(trackside):
    out = _ok(trackside("flag", "--help"))
    assert all(word in out for word in ("add", "list", "revoke"))


def test_an_event_id_that_is_a_flag_subcommand_is_refused(trackside, scenario, dump):
    before = dump()
    for word in ("list", "revoke", "add"):
        toml = scenario.write(f"{word}.toml", scenario.event.read_text().replace(
            'id = "img-tt-r3"', f'id = "{word}"'))
        refused = _refused(trackside("event", "import", toml))
        assert f"field 'event.id': '{word}' is a word of `trackside flag`" in refused
    assert dump() == before
