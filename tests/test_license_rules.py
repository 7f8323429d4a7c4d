"""License upgrades from a driver's history (officials.md, "License upgrades"; SCCA TT II.4.1.B
four Novice events, II.5.1.B six Intermediate events, a standalone TrackSprint event counting
at most once) and satisfactory marks (default from the results, overridden by decisions)."""

from __future__ import annotations

import json

from tests.conftest import ENTRIES_CSV, EVENT_TOML, FLAGS_CSV, PASSINGS_CSV

DRIVERS = """\
member_id,first_name,last_name,license
M1,Ann,Lee,novice
M2,Bob,Ray,intermediate
M3,Cy,Dee,novice
"""
ENTRIES = ENTRIES_CSV.replace("sponsor\n", "sponsor,member_id\n").replace(
    "Acme\n", "Acme,M1\n").replace("GR86,\n", "GR86,,M2\n").replace("MX-5,\n", "MX-5,,M3\n")
TRACKSPRINT_TOML = """\
[event]
id = "{id}"
name = "TrackSprint"
date = "{date}"

[[session]]
id = "TS1"
format = "tracksprint"
timing = "lights"
groups = ["Advanced", "Intermediate"]
"""


def make_event(trackside, scenario, event_id: str, date: str, *, tracksprint: bool = False):
    """The small event (cars 21 and 22 have laps, 33 none) as `event_id` on `date`; a
    tracksprint event has no runs, so every mark there is an official's."""
    if tracksprint:
        text = TRACKSPRINT_TOML.format(id=event_id, date=date)
    else:
        text = EVENT_TOML.replace('"img-tt-r3"', f'"{event_id}"').replace("2026-05-16", date)
    assert trackside("event", "import", scenario.write(f"{event_id}.toml", text)).exit_code == 0
    steps = [("entries", "import", event_id, scenario.write(f"{event_id}-e.csv", ENTRIES))]
    if not tracksprint:
        steps += [
            ("passings", "import", event_id,
             scenario.write(f"{event_id}-p.csv", PASSINGS_CSV.replace("2026-05-16", date))),
            ("flags", "import", event_id,
             scenario.write(f"{event_id}-f.csv", FLAGS_CSV.replace("2026-05-16", date)))]
    for step in steps:
        result = trackside(*step)
        assert result.exit_code == 0, result.output


def drivers(trackside, scenario):
    assert trackside("drivers", "import", scenario.write("d.csv", DRIVERS)).exit_code == 0


def status(trackside, member_id: str) -> dict:
    result = trackside("license", "status", member_id, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_sii4_three_satisfactory_novice_events_are_not_enough(trackside, scenario):
    drivers(trackside, scenario)
    for n, date in enumerate(("2026-04-11", "2026-05-02", "2026-06-06"), 1):
        make_event(trackside, scenario, f"r{n}", date)
    assert status(trackside, "M1") == {
        "member_id": "M1", "license": "novice", "next": "intermediate", "needed": 4,
        "counted": 3, "eligible": False, "events": [
            {"event": "r1", "date": "2026-04-11", "license": "novice", "satisfactory": True,
             "counts": True, "why": None},
            {"event": "r2", "date": "2026-05-02", "license": "novice", "satisfactory": True,
             "counts": True, "why": None},
            {"event": "r3", "date": "2026-06-06", "license": "novice", "satisfactory": True,
             "counts": True, "why": None}]}


def test_sii4_four_satisfactory_novice_events_make_intermediate_eligible(trackside, scenario):
    drivers(trackside, scenario)
    for n, date in enumerate(("2026-04-11", "2026-05-02", "2026-06-06", "2026-07-04"), 1):
        make_event(trackside, scenario, f"r{n}", date)
    got = status(trackside, "M1")
    assert (got["counted"], got["needed"], got["eligible"]) == (4, 4, True)
    text = trackside("license", "status", "M1").stdout.splitlines()
    assert text[0] == ("member M1: novice; intermediate needs 4 satisfactory events on novice "
                       "(SCCA TT II.4.1.B): 4 counted, eligible")
    assert text[1] == "  2026-04-11  r1  novice  satisfactory  counts"


def test_sii4_standalone_tracksprint_counts_once(trackside, scenario):
    """r1, r2 time attack; s1, s2 standalone TrackSprint (marked yes by officials): 3 count,
    s2 is the second standalone TrackSprint event."""
    drivers(trackside, scenario)
    make_event(trackside, scenario, "r1", "2026-04-11")
    make_event(trackside, scenario, "s1", "2026-04-25", tracksprint=True)
    make_event(trackside, scenario, "r2", "2026-05-02")
    make_event(trackside, scenario, "s2", "2026-05-09", tracksprint=True)
    for event in ("s1", "s2"):
        assert trackside("satisfactory", event, "21", "yes", "--by", "Lead").exit_code == 0
    got = status(trackside, "M1")
    assert [(e["event"], e["counts"], e["why"]) for e in got["events"]] == [
        ("r1", True, None), ("s1", True, None), ("r2", True, None),
        ("s2", False, "second standalone TrackSprint event")]
    assert (got["counted"], got["eligible"]) == (3, False)


def test_satisfactory_default_and_override_appendix_b(trackside, scenario):
    """Car 33 (M3) has no lap: not satisfactory by default; an official marks it yes. Car 21
    marked no needs a reason; with one it no longer counts."""
    drivers(trackside, scenario)
    make_event(trackside, scenario, "r1", "2026-04-11")
    assert status(trackside, "M3")["events"][0]["why"] == "not satisfactory"
    assert trackside("satisfactory", "r1", "33", "yes", "--by", "Lead").exit_code == 0
    assert status(trackside, "M3")["counted"] == 1
    refused = trackside("satisfactory", "r1", "21", "no", "--by", "Lead")
    assert refused.exit_code == 1
    assert refused.stderr == ("error: option --reason: a `no` mark needs its justification: "
                              "give --reason TEXT (SCCA TT Appendix B 3.1.2 B)\n")
    result = trackside("satisfactory", "r1", "21", "no", "--by", "Lead", "--reason", "spun 3x")
    assert result.exit_code == 0, result.output
    assert status(trackside, "M1")["events"][0]["why"] == "not satisfactory"


def test_event_exclusion_is_not_satisfactory(trackside, scenario):
    drivers(trackside, scenario)
    make_event(trackside, scenario, "r1", "2026-04-11")
    trackside("penalty", "add", "r1", "21", "event-exclusion", "--reason", "x", "--by", "CD")
    assert status(trackside, "M1")["events"][0]["satisfactory"] is False


def test_sii5_events_on_another_license_do_not_count_after_a_grant(trackside, scenario):
    drivers(trackside, scenario)
    make_event(trackside, scenario, "r1", "2026-04-11")
    result = trackside("license", "grant", "M1", "intermediate", "--by", "Lead",
                       "--reason", "NASA HPDE4 experience (II.4.1.C)")
    assert result.exit_code == 0, result.output
    got = status(trackside, "M1")
    assert (got["license"], got["next"], got["needed"], got["counted"]) == (
        "intermediate", "advanced", 6, 0)
    assert got["events"][0]["why"] == "on another license"


def test_pro_is_an_officials_decision_sii6(trackside, scenario):
    drivers(trackside, scenario)
    trackside("license", "grant", "M2", "advanced", "--by", "Lead", "--reason", "r")
    got = status(trackside, "M2")
    assert (got["license"], got["next"], got["needed"], got["eligible"]) == (
        "advanced", "pro", None, False)


def test_license_commands_refuse_bad_input(trackside, scenario, dump):
    drivers(trackside, scenario)
    before = dump()
    for args, message in [
        (("license", "status", "M9"), "error: argument MEMBER_ID: no driver with member id 'M9'"),
        (("license", "grant", "M1", "expert", "--by", "L", "--reason", "r"),
         "error: argument GRADE: expected one of novice, intermediate, advanced, pro; got "
         "'expert'"),
        (("license", "grant", "M1", "pro", "--by", "L", "--reason", " "),
         "error: option --reason: say why: give --reason TEXT"),
    ]:
        result = trackside(*args)
        assert result.exit_code == 1
        assert result.stderr.startswith(message), result.stderr
    assert dump() == before
