"""`make demo` end to end: the demo day imported through the services, scored and published."""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from rich.console import Console
from sqlalchemy import Engine

from trackside.core.records import DecisionKind
from trackside.core.results import EventResult, Status
from trackside.core.run_results import RunSessionResult
from trackside.demo import generate_event, run_demo
from trackside.rules import scored
from trackside.store import load_facts, open_engine


@dataclass(frozen=True)
class DemoRun:
    engine: Engine
    out_dir: Path
    outputs: list[str]


def fact_counts(engine: Engine, event_id: str) -> tuple[int, int, int, int]:
    facts = load_facts(engine, event_id)
    return len(facts.entries), len(facts.passings), len(facts.flags), len(facts.decisions)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoRun]:
    """The demo run twice into one SQLite database; the fact counts after each run."""
    tmp = tmp_path_factory.mktemp("demo")
    engine = open_engine(str(tmp / "demo.db"))
    event_id = generate_event().event_id
    outputs, counts = [], []
    for _ in range(2):
        out = io.StringIO()
        run_demo(engine, tmp / "out", console=Console(file=out, width=160))
        outputs.append(out.getvalue())
        counts.append(fact_counts(engine, event_id))
    assert counts[0] == counts[1], "the second run added facts"
    yield DemoRun(engine, tmp / "out", outputs)
    engine.dispose()


def event_result(engine: Engine) -> EventResult:
    return scored(load_facts(engine, generate_event().event_id)).event


def test_second_run_adds_nothing_and_keeps_every_decision(demo: DemoRun) -> None:
    engine = demo.engine
    day = generate_event()
    entries, passings, flags, decisions = fact_counts(engine, day.event_id)
    assert day.hillclimb is not None
    # the penalties, in the TrackSprint session a cone and a granted re-run, in the HillClimb
    # session cones and an off-course; the hill decoder's passings beside the circuit's
    assert (entries, passings, flags, decisions) == (
        len(day.entries), len(day.passings) + len(day.hillclimb.passings), len(day.flags),
        len(day.penalties) + 2 + 2)
    facts = load_facts(engine, day.event_id)
    assert day.sprint is not None
    assert len(facts.releases) == len(day.sprint.runs)
    assert len(facts.trips) == 2 * len(day.sprint.runs)


def test_every_class_has_its_awards(demo: DemoRun) -> None:
    engine = demo.engine
    by_class: dict[str, list] = defaultdict(list)
    for entry in event_result(engine).entries:
        by_class[entry.car_class].append(entry)
    assert len(by_class) >= 5
    for car_class, entries in by_class.items():
        ranked = [e for e in entries if e.class_position is not None]
        awarded = [e for e in entries if e.award]
        assert len(awarded) == min(3, len(ranked)) > 0, car_class


def test_penalties_change_the_results(demo: DemoRun) -> None:
    engine = demo.engine
    day = generate_event()
    statuses = {e.number: e.status for e in event_result(engine).entries}
    excluded = next(p["number"] for p in day.penalties if p["kind"] == "event-exclusion")
    assert statuses[excluded] == Status.EXCLUDED
    dq = next(p for p in day.penalties if p["kind"] == "session-dq")
    facts = load_facts(engine, day.event_id)
    session = scored(facts).sessions[str(dq["session_id"])]
    dq_entry = next(e for e in session.entries if e.number == dq["number"])
    assert dq_entry.laps and not dq_entry.valid_laps


def test_borrowed_transponder_is_reported_not_scored(demo: DemoRun) -> None:
    engine = demo.engine
    day = generate_event()
    facts = load_facts(engine, day.event_id)
    unknown = {u.transponder for s in facts.event.sessions
               for u in scored(facts).sessions[s.id].unknown}
    assert unknown & set(day.unknown_transponders)


def test_prints_class_results_and_writes_the_site(demo: DemoRun) -> None:
    out_dir, outputs = demo.out_dir, demo.outputs
    results_page = out_dir / "site" / "results.html"
    assert results_page.is_file()
    assert (out_dir / "passings.csv").is_file()
    assert str(results_page.resolve()) in outputs[-1].replace("\n", "")
    assert "Class S2" in outputs[-1]


def sprint_result(engine: Engine) -> RunSessionResult:
    result = scored(load_facts(engine, generate_event().event_id)).sessions["TS1"]
    assert isinstance(result, RunSessionResult)
    return result


def test_tracksprint_cone_granted_rerun_and_refused_rerun(demo: DemoRun) -> None:
    day = generate_event()
    sprint = day.sprint
    assert sprint is not None
    runs = {e.number: e.runs for e in sprint_result(demo.engine).entries}
    coned = runs[str(sprint.cones["number"])]
    assert coned[0].cones == 1 and coned[0].penalty_us == 2_000_000 and coned[0].valid
    rerun = runs[str(sprint.rerun["number"])]
    assert (rerun[0].valid, rerun[0].reason) == (False, "re-run granted")
    assert [r.run for r in rerun] == [1, 2] and rerun[1].valid
    refused = str(sprint.refused_rerun["number"])
    assert [r.valid for r in runs[refused]] == [True]
    reruns = [d for d in load_facts(demo.engine, day.event_id).decisions
              if d.kind is DecisionKind.RERUN]
    assert [(d.number, d.run, d.reason) for d in reruns] == [
        (sprint.rerun["number"], 1, "timing-failure")]
    for output in demo.outputs:
        refusal = next(line for line in output.splitlines() if "--reason mechanical" in line)
        assert f"rerun grant {day.event_id} {refused} --session TS1 --run 1" in refusal
        assert "re-run refused (mechanical failure)" in refusal
        assert "SCCA VI.1.2.7.A" in refusal and "nothing stored" in refusal


def test_class_results_sum_the_time_attack_and_tracksprint_rounds(demo: DemoRun) -> None:
    result = event_result(demo.engine)
    assert result.rounds == ("TA1", "TA2", "TA3", "TS1")
    sprint = {e.number: e for e in sprint_result(demo.engine).entries}
    summed = 0
    for entry in result.entries:
        times = [r.time_us for r in entry.rounds]
        if entry.total_us is None or None in times:
            continue
        assert entry.total_us == sum(t for t in times if t is not None) + entry.penalty_us
        best = [r.time_us for r in sprint[entry.number].runs if r.valid]
        assert entry.rounds[-1].time_us == min(t for t in best if t is not None)
        summed += 1
    assert summed >= 40


def hill_result(engine: Engine) -> RunSessionResult:
    result = scored(load_facts(engine, generate_event().event_id)).sessions["HC1"]
    assert isinstance(result, RunSessionResult)
    return result


def test_hillclimb_runs_from_two_loops_with_cones_off_course_and_a_missed_finish(
    demo: DemoRun,
) -> None:
    """The HillClimb session (SCCA TT I.3) scored from the hill decoder's passings: each
    car's two runs are its start-loop to finish-loop crossings (tracksprint.md, loops), the
    second start read 0.3 s after the first is ignored, a missed finish read is a dnf, and the
    officials' cones and off-course decisions act on run 1."""
    day = generate_event()
    hill = day.hillclimb
    assert hill is not None
    result = hill_result(demo.engine)
    assert (result.format, result.timing) == ("hillclimb", "loops")
    runs = {e.number: e.runs for e in result.entries}
    for planned in hill.runs:
        run = runs[planned.number][planned.run - 1]
        assert run.start_us == planned.start_us
        assert run.finish_us == (planned.finish_us if planned.finish_read else None)
    assert len(runs[hill.duplicate_start.number]) == 2  # the double read made no third run
    missed = runs[hill.missed_finish.number][1]
    assert (missed.valid, missed.reason) == (False, "dnf")
    coned = runs[str(hill.cones["number"])][0]
    assert (coned.cones, coned.penalty_us, coned.time_us) == (2, 4_000_000,
                                                              coned.raw_us + 4_000_000)
    off = runs[str(hill.off_course["number"])][0]
    assert (off.valid, off.reason) == (False, "dnf: off course")
    ranked = [e for e in result.entries if e.position is not None]
    assert [e.position for e in ranked] == list(range(1, len(ranked) + 1))
    best = [e.best_run.time_us for e in ranked if e.best_run]
    assert best == sorted(best) and len(best) == len(ranked)
    assert event_result(demo.engine).rounds == ("TA1", "TA2", "TA3", "TS1")  # in no round


def test_prints_the_hillclimb_results_after_the_tracksprint_runs(demo: DemoRun) -> None:
    output = demo.outputs[-1]
    sprint = output.index("TrackSprint (TS1): every run")
    hill = output.index("HillClimb, Advanced (HC1): results")
    assert sprint < hill
    assert "hillclimb (loops timing)" in output[hill:]
    assert "dnf: off course" in output[hill:] and "Runs" in output[hill:]
    assert (demo.out_dir / "site" / "sessions" / "HC1.html").is_file()


def test_prints_the_tracksprint_runs_after_the_class_results(demo: DemoRun) -> None:
    output = demo.outputs[-1]
    classes, runs = output.index("Class S2"), output.index("TrackSprint (TS1): every run")
    assert classes < runs
    assert "re-run granted" in output[runs:]


def _sprintduro(engine: Engine):
    from trackside.core.race_results import RaceSessionResult
    from trackside.demo.enduro import generate_enduro

    day = generate_enduro()
    result = scored(load_facts(engine, day.event_id)).sessions["R1"]
    assert isinstance(result, RaceSessionResult)
    return day, result


def test_sprintduro_second_run_adds_nothing(demo: DemoRun) -> None:
    day, _ = _sprintduro(demo.engine)
    entries, passings, flags, decisions = fact_counts(demo.engine, day.event_id)
    assert (entries, passings, flags) == (30, len(day.passings), len(day.flags))
    assert decisions == 1 + len(day.solo_exits)  # the contact and the solo exits
    assert len(load_facts(demo.engine, day.event_id).driver_changes) == len(day.swaps)
    assert len(load_facts(demo.engine, day.event_id).roster) == sum(
        len(team.drivers) for team in day.teams)


def test_sprintduro_missed_stop_retirement_and_contact(demo: DemoRun) -> None:
    """endurance.md "Pit stops and the mandatory stop" (last-in-class), "Classification" (dnf),
    "Grid from qualifying" (a contact sends both cars to the back)."""
    day, result = _sprintduro(demo.engine)
    race = {e.number: e for e in result.race.entries}
    missed = race[day.missed_stop]
    in_class = [e for e in result.race.entries
                if e.car_class == missed.car_class and e.class_position is not None]
    assert in_class[-1] is missed and missed.penalties[0].kind == "missed-stop"
    assert race[day.retired].status == "dnf"
    assert all(e.status == "ok" for n, e in race.items() if n != day.retired)
    swapped = race[day.swaps[0].number]
    assert [s.driver for s in swapped.stints][1] == day.swaps[0].driver
    assert result.sprint is not None and result.sprint.entries[0].laps < 20
    output = demo.outputs[0]
    grid = output[output.index("grid for R1"):output.index("SprintDuro: the Sprint")]
    rows = [line.split() for line in grid.splitlines() if line.strip()[:1].isdigit()]
    last_two = [row[1] for row in rows[-2:]]
    assert sorted(last_two) == sorted(day.contact.numbers)
    assert "SprintDuro: the race" in output
