"""A whole generated Time Trials day, through files, the database and the scoring core.

time-attack.md: "Results are a pure function of the facts: importing them in any order gives
the same results" — checked here on a realistic event, on both database backends.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest

from trackside.core.results import SessionResult, Status
from trackside.core.run_results import RunSessionResult
from trackside.demo.generator import generate_event
from trackside.demo.run import import_demo
from trackside.rules import scored
from trackside.store import load_facts, open_engine

SEED = 7


@pytest.fixture(scope="module")
def day():
    return generate_event(seed=SEED, cars=40)


@pytest.fixture(scope="module")
def reference(day, tmp_path_factory):
    """The day imported in file order into a fresh SQLite database, then scored."""
    folder = tmp_path_factory.mktemp("reference")
    engine = open_engine(f"sqlite:///{folder / 'ref.db'}")
    import_demo(engine, day, day.write(folder))
    reference = scored(load_facts(engine, day.event_id))
    engine.dispose()
    return reference


def _shuffle_rows(path: Path, seed: int) -> None:
    with path.open(newline="", encoding="utf-8") as handle:
        header, *rows = list(csv.reader(handle))
    random.Random(seed).shuffle(rows)
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows([header, *rows])


def test_shuffled_files_on_either_backend_give_the_same_results(day, reference, engine, tmp_path):
    files = day.write(tmp_path)
    _shuffle_rows(files.passings, 1)
    _shuffle_rows(files.flags, 2)
    import_demo(engine, day, files)
    assert scored(load_facts(engine, day.event_id)) == reference


def test_the_day_has_results_for_every_class_with_awards(day, reference):
    classes = {row["class"] for row in day.entries}
    ranked = [r for r in reference.event.entries if r.status is Status.OK]
    assert {r.car_class for r in ranked} == classes
    for car_class in classes:
        in_class = [r for r in ranked if r.car_class == car_class]
        assert [r.class_position for r in in_class] == list(range(1, len(in_class) + 1))
        assert sum(r.award for r in in_class) == min(3, len(in_class))


def test_every_invalid_lap_says_why(reference):
    laps = [
        lap
        for session in reference.sessions.values() if isinstance(session, SessionResult)
        for row in session.entries
        for lap in row.laps
    ]
    assert any(not lap.valid for lap in laps)
    assert all(lap.valid == (lap.reason is None) for lap in laps)
    sprint = reference.sessions["TS1"]
    assert isinstance(sprint, RunSessionResult)
    runs = [run for row in sprint.entries for run in row.runs]
    assert any(run.reason == "re-run granted" for run in runs)
    assert all(run.valid == (run.reason is None) for run in runs)


def test_unknown_transponders_are_shown_not_scored(day, reference):
    shown = {u.transponder for s in reference.sessions.values() for u in s.unknown}
    entered = {row["transponder"] for row in day.entries}
    assert shown and not shown & entered
