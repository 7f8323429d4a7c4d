"""Acceptance on real data: Orbits' RMonitor feed of the 2009 Sebring ALMS test, session 4
(`shared/data/rmonitor`), its first part scored as a race. Green at 07:59:59 (the feed's
heartbeats are whole seconds), the Finish flag at 09:36:24; the crossings up to that flag,
classified by the race scorer (endurance.md "Classification": laps, then race time), give
Orbits' own `$G` order of that moment (feed lines 11669-11679), each car with one lap more
(Orbits counts from a car's first crossing; the cars left the pit lane after the green, so in
endurance.md's terms each had a pit-lane start and its lap 1 runs from G) and a race time
0.555 s less (Orbits' race clock started at 07:59:58.445)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from trackside.core.race_results import RaceSessionResult
from trackside.rules import scored
from trackside.timing.rmonitor import read_feed_file
from trackside.timing.rmonitor.times import duration_us

SEBRING = (Path(__file__).resolve().parents[2] / "shared" / "data" / "rmonitor"
           / "sebring-2009-alms-session4.txt")
pytestmark = pytest.mark.skipif(not SEBRING.exists(), reason=f"feed not found: {SEBRING}")

ORBITS = """
40  38  01:35:53.315
92  34  01:34:54.491
15  34  01:36:08.098
45  31  01:36:13.839
46  27  01:31:15.797
44  27  01:34:43.624
87  24  01:35:48.100
21  23  01:35:00.491
66  21  00:45:59.610
28  20  01:25:32.102
"""
"""Orbits' `$G` at the Finish flag: car, laps, total time (car 9 had no lap yet)."""


def test_the_first_part_of_the_sebring_feed_as_a_race_is_orbits_classification():
    feed = read_feed_file(SEBRING, "sebring-2009", min_lap_s=20.0)
    facts = feed.facts()
    finish = next(f.time_us for f in facts.flags if f.state == "checkered")
    sessions = tuple(replace(s, format="race") if s.id == "run1" else s
                     for s in facts.event.sessions)  # fmt: skip
    race_facts = replace(facts, event=replace(facts.event, sessions=sessions),
                         passings=tuple(p for p in facts.passings if p.time_us <= finish))
    result = scored(race_facts).sessions["run1"]
    assert isinstance(result, RaceSessionResult)
    ours = [(e.number, e.laps, e.race_time_us) for e in result.race.entries if e.position]
    theirs = [(car, int(laps) + 1, duration_us(total) - 555_000)
              for car, laps, total in (line.split() for line in ORBITS.strip().splitlines())]
    assert ours == theirs
    assert [(e.number, str(e.status), e.laps) for e in result.race.entries[len(ours):]] == [
        ("9", "nc", 1)]
