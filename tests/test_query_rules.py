"""Compliance queries (officials.md; SCCA TT Rules Compliance Query 3.A-3.G): the fee at each
moment, the refusal after the final run and impound release, waivers, answers, penalties that
cite a query. Hand-checked: the event runs 2026-05-16 (penultimate) and 2026-05-17 (final),
lunch ends 13:00; car 21's group (Advanced) last ran TA1-A, checkered at 05-16 09:20; car 33's
session TA1-I has not closed."""

from __future__ import annotations

import json

import pytest

from tests.conftest import EVENT_TOML

OFFICIALS = """
[[official]]
name = "Eve Lead"
role = "event-lead"

[[official]]
name = "Carl Director"
role = "competition-director"

[[official]]
name = "Tess Tech"
role = "technical-chief"
"""
EV = "img-tt-r3"


def two_day(trackside, loaded, extra: str = "days = 2\n"):
    text = EVENT_TOML.replace('min_lap_s = 20.0\n', f'min_lap_s = 20.0\n{extra}') + OFFICIALS
    result = trackside("event", "import", loaded.write("two-day.toml", text))
    assert result.exit_code == 0, result.output


def file(trackside, at: str, subject: str = "33", *extra: str):
    return trackside("query", "file", EV, "--subject", subject, "--question",
                     "is the wing legal?", "--by", "Bob Ray", "--at", at, *extra)


@pytest.mark.parametrize(("at", "fee"), [
    ("2026-05-15T18:00", 0),           # 3.A before the penultimate day
    ("2026-05-16T13:00:00", 0),        # 3.A through the end of lunch on the penultimate day
    ("2026-05-16T13:01:00", 100),      # 3.B one minute after the end of lunch
    ("2026-05-16T23:59:59", 100),      # 3.B through the end of competition that day
    ("2026-05-17T08:00", 500),         # 3.C the final day
])
def test_rules_compliance_query_3abc_fee_by_moment(trackside, loaded, at, fee):
    two_day(trackside, loaded)
    result = file(trackside, at)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"query 1: about car 33, fee ${fee}\n"


def test_rules_compliance_query_3b_lunch_end_from_the_event(trackside, loaded):
    two_day(trackside, loaded, 'days = 2\nlunch_end = "12:30"\n')
    assert file(trackside, "2026-05-16T12:30").stdout.endswith("fee $0\n")
    assert file(trackside, "2026-05-16T12:31").stdout.endswith("fee $100\n")


def test_rules_compliance_query_3c_one_day_event_is_its_final_day(trackside, loaded):
    two_day(trackside, loaded, "")
    assert file(trackside, "2026-05-16T08:00").stdout.endswith("fee $500\n")
    assert file(trackside, "2026-05-15T20:00").stdout.endswith("fee $0\n")


def test_rules_compliance_query_3d_official_files_free(trackside, loaded):
    two_day(trackside, loaded)
    result = trackside("query", "file", EV, "--subject", "33", "--question", "q", "--by",
                       "Tess Tech", "--official", "--at", "2026-05-17T08:00")
    assert result.stdout == "query 1: about car 33, fee $0\n"
    refused = trackside("query", "file", EV, "--subject", "33", "--question", "q", "--by",
                        "Bob Ray", "--official", "--at", "2026-05-17T08:00")
    assert refused.exit_code == 1
    assert refused.stderr == ("error: option --official: 'Bob Ray' is not an official of event "
                              "'img-tt-r3' ([[official]] in the event file)\n")


RULE_3G = ('error: option --at: too late for a query about car 21: Rules Compliance Query 3.G: '
           '"A query should be filed as soon as there is a question raised and shall not be '
           'filed after the vehicle/driver has finished their final competition run or '
           'released from impound – whichever comes last."\n')


def test_rules_compliance_query_3g_refused_after_final_run(trackside, loaded, dump):
    two_day(trackside, loaded)
    assert file(trackside, "2026-05-16T09:20", "21").exit_code == 0
    before = dump()
    refused = file(trackside, "2026-05-16T09:20:01", "21")
    assert (refused.exit_code, refused.stderr) == (1, RULE_3G)
    assert dump() == before


def test_rules_compliance_query_3g_impound_release_when_later(trackside, loaded):
    two_day(trackside, loaded)
    result = trackside("impound", "release", EV, "21", "--at", "10:00", "--by", "Tess Tech")
    assert result.exit_code == 0, result.output
    assert file(trackside, "2026-05-16T09:50", "21").exit_code == 0
    assert file(trackside, "2026-05-16T10:01", "21").stderr == RULE_3G


def test_rules_compliance_query_3e_3f_waive_answer_list(trackside, loaded):
    two_day(trackside, loaded)
    file(trackside, "2026-05-16T14:00")                      # 1: $100
    file(trackside, "2026-05-17T08:00")                      # 2: $500
    file(trackside, "2026-05-17T09:00")                      # 3: $500
    refused = trackside("query", "waive", EV, "1", "--by", "Tess Tech")
    assert refused.exit_code == 1
    assert refused.stderr == ("error: option --by: 'Tess Tech' may not waive a fee: only the "
                              "event lead or competition director (Rules Compliance Query 3.E; "
                              "[[official]] in the event file)\n")
    assert trackside("query", "waive", EV, "1", "--by", "Eve Lead").stdout == (
        "query 1: fee waived by Eve Lead, $0 due\n")
    answered = trackside("query", "answer", EV, "2", "--outcome", "reasonable", "--answer",
                         "wing is over width", "--by", "Carl Director")
    assert answered.stdout == "query 2: answered reasonable, $0 due\n"
    trackside("query", "answer", EV, "3", "--outcome", "unreasonable", "--answer", "legal",
              "--by", "Carl Director")
    listed = json.loads(trackside("query", "list", EV, "--format", "json").stdout)
    assert [(q["id"], q["fee"], q["status"], q["outcome"], q["fee_due"]) for q in listed] == [
        (1, 100, "open", None, 0), (2, 500, "answered", "reasonable", 0),
        (3, 500, "answered", "unreasonable", 500)]
    assert trackside("query", "list", EV).stdout.splitlines() == [
        "id  subject  filer    filed                 fee  status    outcome       fee_due",
        "--  -------  -------  -------------------  ----  --------  ------------  -------",
        " 1  33       Bob Ray  2026-05-16T14:00:00  $100  open                         $0",
        " 2  33       Bob Ray  2026-05-17T08:00:00  $500  answered  reasonable         $0",
        " 3  33       Bob Ray  2026-05-17T09:00:00  $500  answered  unreasonable     $500",
    ]


def test_penalty_from_an_answer_cites_the_query(trackside, loaded, db_url):
    two_day(trackside, loaded)
    file(trackside, "2026-05-16T09:10", "21")
    early = trackside("penalty", "add", EV, "21", "time-penalty", "--seconds", "2",
                      "--reason", "wing", "--by", "Carl Director", "--query", "1")
    assert early.stderr == ("error: option --query: query 1 is not answered yet "
                            "(`trackside query answer`)\n")
    trackside("query", "answer", EV, "1", "--outcome", "reasonable", "--answer", "over width",
              "--by", "Carl Director")
    other = trackside("penalty", "add", EV, "22", "time-penalty", "--seconds", "2",
                      "--reason", "wing", "--by", "Carl Director", "--query", "1")
    assert other.stderr == "error: option --query: query 1 is about car 21, not car 22\n"
    result = trackside("penalty", "add", EV, "21", "time-penalty", "--seconds", "2",
                       "--reason", "wing", "--by", "Carl Director", "--query", "1")
    assert result.stdout == "decision 1: time-penalty for car 21 (query 1)\n"
    listed = json.loads(trackside("penalty", "list", EV, "--format", "json").stdout)
    assert (listed[0]["kind"], listed[0]["query"]) == ("time-penalty", 1)


@pytest.mark.parametrize(("args", "message"), [
    (("query", "file", EV, "--subject", "99", "--question", "q", "--by", "B", "--at", "10:00"),
     "error: option --subject: car '99' is not entered in event 'img-tt-r3'\n"),
    (("query", "answer", EV, "7", "--outcome", "reasonable", "--answer", "a", "--by",
      "Eve Lead"), "error: argument ID: no query 7 in event 'img-tt-r3'\n"),
    (("query", "answer", EV, "7", "--outcome", "maybe", "--answer", "a", "--by", "Eve Lead"),
     "error: option --outcome: expected one of reasonable, unreasonable; got 'maybe'\n"),
    (("query", "waive", EV, "7", "--by", "Eve Lead"),
     "error: argument ID: no query 7 in event 'img-tt-r3'\n"),
])
def test_query_bad_input_is_one_line_and_stores_nothing(trackside, loaded, dump, args, message):
    two_day(trackside, loaded)
    before = dump()
    result = trackside(*args)
    assert (result.exit_code, result.stderr) == (1, message)
    assert dump() == before
