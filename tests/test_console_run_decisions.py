"""A re-run or a car leaving the course recorded from the console goes through the use case the
CLI runs for it (tracksprint.md, "Re-runs"; SCCA VI.1.2.7, RMD 2.7): the rulebook's reasons and
refusals hold whichever front end asks. On SQLite and PostgreSQL, over the TrackSprint event
of tests/test_cli_runs.py."""

from __future__ import annotations

import pytest

from tests.test_cli_runs import _runs
from tests.test_cli_runs import sprint as sprint  # noqa: F401 - the shared fixture
from trackside.core.clock import at_time_of_day
from trackside.core.records import DecisionKind
from trackside.errors import InputError
from trackside.services.console_writes import record_decision

EVENT = "img-tt-r3"


def _decide(engine, kind: str, **given):
    values = {"session_id": None, "lap": None, "run": None, "at_us": None, "seconds": None,
              "count": None, "reason": "", "author": "competitiondirector", **given}
    return record_decision(engine, EVENT, "21", kind, **values)


def test_a_rerun_from_the_console_is_granted_for_a_rulebook_reason(engine, trackside,
                                                                   sprint):  # noqa: F811
    decision = _decide(engine, "rerun", session_id="TS1", run=1, reason="red-flag")
    assert (decision.kind, decision.run, decision.author) == (
        DecisionKind.RERUN, 1, "competitiondirector")
    assert [(r["valid"], r["reason"]) for r in _runs(trackside, "21")] == [
        (False, "re-run granted"), (True, None)]


@pytest.mark.parametrize(("given", "source", "words"), [
    ({"session_id": "TS1", "run": 1, "reason": "mechanical"}, "option --reason",
     "SCCA VI.1.2.7.A, RMD 2.7.1"),
    ({"session_id": "TS1", "reason": "red-flag"}, "option --run",
     "run is required for this kind"),
    ({"run": 1, "reason": "red-flag"}, "option --session", "session is required for this kind"),
])  # fmt: skip
def test_a_rerun_the_rulebook_refuses_is_refused_from_the_console_too(
    engine, dump, sprint, given, source, words  # noqa: F811
):
    before = dump()
    with pytest.raises(InputError) as refused:
        _decide(engine, "rerun", **given)
    assert refused.value.source == source
    assert words in refused.value.message
    assert dump() == before


def test_a_car_leaving_the_course_is_recorded_as_run_dnf(engine, sprint):  # noqa: F811
    at = at_time_of_day("2026-05-16", "10:05:30")
    decision = _decide(engine, "run-dnf", session_id="TS1", at_us=at)
    assert (decision.kind, decision.at_us, decision.reason, decision.author) == (
        DecisionKind.RUN_DNF, at, "left the course", "competitiondirector")
