"""The Participant Report (SCCA TT Appendix B 3.1.2 B; officials.md), the queries report, and
the publication state with the 7- and 14-day deadlines (Appendix B 3.1.1, 3.1.2)."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from tests.conftest import EVENT_TOML
from trackside.store import open_engine
from trackside.web.app import create_app

GOLDEN = Path(__file__).parent / "golden" / "participant_report.csv"
EV = "img-tt-r3"
SPRINT = """
[[session]]
id = "TS1"
format = "tracksprint"
timing = "lights"
groups = ["Sprint"]
"""
GROUPS = """
[[group]]
name = "Advanced"
passing = 4

[[group]]
name = "Intermediate"
passing = 2
"""
ENTRIES = """\
number,first_name,last_name,class,group,transponder,member_id,year,make,model,trim
21,Ann,Lee,S2,Advanced,1001,M1,2019,Honda,Civic Type R,
22,Bob,Ray,S2,Advanced,1002,M2,2020,Toyota,GR86,Premium
33,Cy,Dee,S4,Intermediate,1003,M3,2008,Mazda,MX-5,
44,Di,Fox,S4,Sprint,1004,M4,2015,Porsche,Cayman,GTS
"""


def event_text(groups: str = GROUPS) -> str:
    head, rounds = EVENT_TOML.split("[[round]]")
    return f"{head}{SPRINT}\n[[round]]{rounds}{groups}"


def setup(trackside, loaded, groups: str = GROUPS) -> None:
    for args in (("event", "import", loaded.write("ev.toml", event_text(groups))),
                 ("entries", "import", EV, loaded.write("e.csv", ENTRIES))):
        result = trackside(*args)
        assert result.exit_code == 0, result.output


def test_appendix_b_3_1_2_b_participant_report_golden(trackside, loaded):
    """Hand-checked: 21 and 22 ran TA1-A (2:00.500, 2:05.000): overall 1 and 2, S2 1 and 2;
    22 marked not satisfactory; 33 has no lap (unranked, No); 44 ran only a TrackSprint
    session (passing 0), no run, marked Yes by the event lead. Make/Model without year or
    trim."""
    setup(trackside, loaded)
    for args in (("satisfactory", EV, "22", "no", "--by", "Eve Lead", "--reason",
                  "passed under yellow twice"),
                 ("satisfactory", EV, "44", "yes", "--by", "Eve Lead")):
        assert trackside(*args).exit_code == 0
    result = trackside("report", "participants", EV)
    assert result.exit_code == 0, result.output
    assert result.stdout == GOLDEN.read_text(encoding="utf-8")


def test_appendix_b_3_1_2_b_7_group_without_passing_is_an_error(trackside, loaded):
    setup(trackside, loaded, GROUPS.split("[[group]]\nname = \"Intermediate\"")[0])
    result = trackside("report", "participants", EV)
    assert result.exit_code == 1
    assert result.stderr == (
        "error: event img-tt-r3: field 'group Intermediate': group 'Intermediate' runs Time "
        "Attack sessions but has no passing rules value: add [[group]] name = ..., passing = "
        "0..4 to the event file (SCCA TT Appendix B 3.1.2 B 7)\n")


def test_group_passing_outside_0_to_4_is_refused_at_import(trackside, loaded):
    text = event_text(GROUPS.replace("passing = 2", "passing = 5"))
    result = trackside("event", "import", loaded.write("bad.toml", text))
    assert result.exit_code == 1
    assert "field 'group[2].passing': expected 0 to 4 (SCCA TT Appendix B 3.1.2 B 7), got 5" in (
        result.stderr)


def test_appendix_b_3_1_publication_state_and_deadlines(trackside, loaded):
    """A two-day event on 2026-05-16: last day 05-17, results due 05-24, report due 05-31."""
    text = event_text().replace('min_lap_s = 20.0\n', 'min_lap_s = 20.0\ndays = 2\n')
    trackside("event", "import", loaded.write("ev.toml", text))
    assert trackside("event", "status", EV).stdout.splitlines() == [
        "event img-tt-r3: results provisional (publish with `trackside finalize EVENT --by "
        "NAME`)",
        "  last day 2026-05-17",
        "  official results due by 2026-05-24 (SCCA TT Appendix B 3.1.1, 7 days)",
        "  Participant Report due by 2026-05-31 (SCCA TT Appendix B 3.1.2, 14 days)"]
    assert trackside("finalize", EV, "--by", "Tim Timing").exit_code == 0
    doc = json.loads(trackside("event", "status", EV, "--format", "json").stdout)
    assert doc | {"at": None} == {
        "official": True, "by": "Tim Timing", "at": None, "last_day": "2026-05-17",
        "official_results_due": "2026-05-24", "participant_report_due": "2026-05-31"}
    assert trackside("event", "status", EV).stdout.startswith(
        f"event img-tt-r3: results official, published by Tim Timing at {doc['at']}\n")
    shown = json.loads(trackside("event", "show", EV, "--format", "json").stdout)
    assert shown["publication"] == doc
    assert shown["groups"] == [{"name": "Advanced", "passing": 4, "min_license": None},
                               {"name": "Intermediate", "passing": 2, "min_license": None}]
    assert (shown["lunch_end"], shown["entry_checks"], shown["officials"]) == (
        "13:00", "warn", [])


def test_queries_report_lists_every_query(trackside, loaded):
    setup(trackside, loaded)
    trackside("query", "file", EV, "--subject", "33", "--question", "tire, treadwear 180?",
              "--by", "Bob Ray", "--at", "2026-05-16T08:00")
    result = trackside("report", "queries", EV)
    assert result.stdout.splitlines() == [
        "id,subject,question,filer,official,filed,fee,waived_by,status,outcome,answer,"
        "answered_by,fee_due",
        '1,33,"tire, treadwear 180?",Bob Ray,no,2026-05-16T08:00:00,$500,,open,,,,$500']


def test_appendix_b_3_1_the_event_page_tracks_the_deadlines(trackside, loaded, db_url):
    """The event page (and its JSON twin) show the publication state and both deadlines."""
    assert trackside("finalize", EV, "--by", "Tim Timing").exit_code == 0
    engine = open_engine(db_url)
    try:
        with TestClient(create_app(engine)) as client:
            page = client.get(f"/events/{EV}").text
            twin = client.get(f"/api/events/{EV}").json()["publication"]
    finally:
        engine.dispose()
    assert f"Results official: published by Tim Timing at {twin['at']}." in page
    assert "Official results due by 2026-05-23 (SCCA TT Appendix B 3.1.1)" in page
    assert "Participant Report due by 2026-05-30 (SCCA TT Appendix B 3.1.2)" in page
    assert (twin["official"], twin["by"]) == (True, "Tim Timing")
