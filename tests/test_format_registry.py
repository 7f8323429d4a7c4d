"""The format registry (issue "The house before the next formats"): a session's `format` selects
its scorer; a format no scorer handles is refused at `event import` and never scored as another."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.scenario import event, facts
from trackside.core.event_rules import EventRules
from trackside.core.formats import BestTime, FormatRegistry, FormatScore, UnknownFormat
from trackside.core.known_formats import FORMATS
from trackside.core.lap_scorer import LAP_SCORER
from trackside.core.race_results import RaceSessionResult
from trackside.core.race_scorer import RACE_SCORER
from trackside.core.records import SessionDef
from trackside.core.run_scorer import RUN_SCORER
from trackside.core.scoring import score
from trackside.rules import event_rules, scored

ENTRIES = "car class group\n1 S2 A\n2 S2 A"
LAPS = "time car\n09:01:00 1\n09:03:00 1\n09:01:10 2\n09:03:05 2"
FLAGS = "time session state\n09:00:00 TA1 green"


KNOWN = "hillclimb, practice, qualifying, race, time-attack, tracksprint"


def test_built_in_formats_are_the_lap_run_and_race_formats():
    assert FORMATS.known == tuple(KNOWN.split(", "))
    for name in ("time-attack", "practice", "qualifying"):
        assert FORMATS.scorer_for(SessionDef("S", format=name)) is LAP_SCORER
    for name in ("tracksprint", "hillclimb"):
        assert FORMATS.scorer_for(SessionDef("S", format=name)) is RUN_SCORER
    assert FORMATS.scorer_for(SessionDef("S", format="race")) is RACE_SCORER


@pytest.mark.parametrize("name", ["drag", "rally"])
def test_a_format_no_scorer_handles_is_refused_naming_session_and_known_formats(name):
    with pytest.raises(UnknownFormat) as refused:
        FORMATS.scorer_for(SessionDef("R1", format=name))
    assert str(refused.value) == (
        f"session 'R1': format {name!r} is not scored by this build (it knows {KNOWN})")


def test_scoring_an_unknown_format_raises_instead_of_scoring_laps():
    drag = event("TA1 scored A")
    drag = replace(drag, sessions=(replace(drag.sessions[0], format="drag"),))
    with pytest.raises(UnknownFormat):
        scored(facts(drag, ENTRIES, LAPS, FLAGS))


def test_a_race_session_in_no_round_leaves_the_event_results_to_the_other_rounds():
    """A race session is scored by the race scorer; event rounds by default leave it out (its
    best lap is no round time; docs/race.md), so TA1 alone makes the totals."""
    two = event("TA1 scored A\nR1 scored A")
    two = replace(two, sessions=(two.sessions[0], replace(two.sessions[1], format="race",
                                                          duration_min=60)))
    flags = FLAGS + "\n09:30:00 R1 green"
    result = scored(facts(two, ENTRIES, LAPS, flags))
    assert result.event.rounds == ("TA1",)
    assert [(e.number, e.total_us) for e in result.event.entries] == [
        ("2", 115_000_000), ("1", 120_000_000)]
    assert isinstance(result.sessions["R1"], RaceSessionResult)
    assert [f.flag.state for f in result.sessions["R1"].race.flags] == ["green"]


def test_a_format_is_registered_once():
    with pytest.raises(ValueError, match="registered twice"):
        FormatRegistry((LAP_SCORER, LAP_SCORER))


class _FixedScorer:
    """A stand-in format whose sessions give every entry a fixed best time (as a TrackSprint
    run would): event results take rounds from any registered format."""

    name = "fixed"
    formats = frozenset({"fixed"})

    def score_sessions(self, given, sessions):
        best = {e.number: {s.id: BestTime(50_000_000 + int(e.number), 1, 1) for s in sessions}
                for e in given.facts.entries}  # fmt: skip
        return FormatScore({s.id: s.id for s in sessions}, best)

    def rank(self, rows):
        return list(rows)


def test_event_results_sum_rounds_from_different_formats():
    """tracksprint.md "Event results": one event sums Time Attack and TrackSprint rounds."""
    two = event("TA1 scored A\nTS1 scored A")
    two = replace(two, sessions=(two.sessions[0], replace(two.sessions[1], format="fixed")))
    registry = FormatRegistry((LAP_SCORER, _FixedScorer()))
    result = score(facts(two, ENTRIES, LAPS, FLAGS), event_rules("scca-tt"), formats=registry)
    totals = {e.number: (e.total_us, [r.session for r in e.rounds]) for e in result.event.entries}
    assert totals == {"1": (120_000_000 + 50_000_001, ["TA1", "TS1"]),
                      "2": (115_000_000 + 50_000_002, ["TA1", "TS1"])}
    assert result.sessions["TS1"] == "TS1"


def test_ranking_and_awards_are_the_rulebooks():
    """The same facts ranked by a rulebook that puts the best single lap before the total."""
    three = event("TA1 scored A\nTA2 scored A", awards=None)
    laps = ("time car\n09:01:00 1\n09:02:00 1\n10:01:00 1\n10:03:30 1\n"
            "09:01:00 2\n09:02:10 2\n10:01:00 2\n10:02:10 2")
    flags = "time session state\n09:00:00 TA1 green\n10:00:00 TA2 green"
    day = facts(three, ENTRIES, laps, flags)
    by_total = [e.number for e in scored(day).event.entries]
    assert by_total == ["2", "1"]  # 140 s against 210 s
    fastest_lap = EventRules(("best-lap", "total"), awards_per_class=1, citation="a club's own")
    ranked = score(day, fastest_lap).event.entries
    assert [(e.number, e.award) for e in ranked] == [("1", True), ("2", False)]


def test_event_file_awards_per_class_overrides_the_rulebook():
    day = facts(event("TA1 scored A", awards=1), ENTRIES, LAPS, FLAGS)
    assert [e.award for e in scored(day).event.entries] == [True, False]
    day = facts(event("TA1 scored A", awards=None), ENTRIES, LAPS, FLAGS)
    assert [e.award for e in scored(day).event.entries] == [True, True]  # SCCA: top three


def test_unknown_ranking_key_is_refused():
    with pytest.raises(ValueError, match="unknown ranking keys"):
        EventRules(("fastest-car",), awards_per_class=3, citation="")


RACE_EVENT = """\
[event]
id = "img-enduro"
name = "IMG Enduro"
date = "2026-06-20"

[[session]]
id = "Q1"
format = "qualifying"

[[session]]
id = "D1"
format = "drag"
duration_min = 120
"""


def test_event_import_refuses_a_format_no_scorer_handles(trackside, tmp_path, dump):
    before = dump()
    path = tmp_path / "enduro.toml"
    path.write_text(RACE_EVENT, encoding="utf-8")
    result = trackside("event", "import", path)
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"error: {path}:12: field 'session[2].format': session 'D1': format 'drag' is not "
        f"scored by this build (it knows {KNOWN})")
    assert dump() == before
