"""A race session in the results cache (docs/architecture.md, "Results cache"; docs/race.md):
its score survives the cache's codec unchanged, and results through the cache are a full
score's on both databases, cold and warm, a new passing in the race touching its row only."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from sqlalchemy import Engine, select

from tests.race_strategies import races
from trackside.core.scoring import score_sessions
from trackside.rules import scored
from trackside.services import import_entries, import_event, import_passings
from trackside.services.flags import import_flags
from trackside.services.results import event_results
from trackside.store import load_facts
from trackside.store.result_codec import decode_score, encode_score
from trackside.store.schema import results_cache


@settings(max_examples=60, deadline=None)
@given(races())
def test_a_race_sessions_score_decodes_to_what_was_encoded(facts):
    score = score_sessions(facts)["R1"]
    assert decode_score(encode_score(score)) == score


EVENT = """\
[event]
id = "enduro"
name = "Enduro"
date = "2026-05-16"
min_lap_s = 20.0

[track]
start_finish_loop = "SF"

[[session]]
id = "Q1"
format = "qualifying"
groups = ["A"]

[[session]]
id = "R1"
format = "race"
groups = ["A"]
duration_min = 5
"""

ENTRIES = """\
number,first_name,last_name,class,group,transponder
21,Ann,Lee,S2,A,1001
22,Bob,Ray,S2,A,1002
33,Cy,Dee,S4,A,1003
"""

FLAGS = "session,state,time\nQ1,green,09:00:00\nQ1,checkered,09:20:00\nR1,green,10:00:00\n"


def _passings(start_h: int, first: int) -> list[str]:
    lines = []
    for car, (transponder, lap_s) in enumerate((("1001", 61), ("1002", 63), ("1003", 70))):
        for i in range(7):
            s = 3 + car + i * lap_s
            lines.append(f"2026-05-16T{start_h:02d}:{s // 60:02d}:{s % 60:02d}.000,{transponder},"
                         f"SF,D1,{first + 10 * car + i}")  # fmt: skip
    return lines


def _import(engine: Engine, tmp: Path, name: str, lines: list[str]) -> None:
    path = tmp / name
    path.write_text("time,transponder,loop,decoder,passing_number\n" + "\n".join(lines) + "\n",
                    encoding="utf-8")  # fmt: skip
    import_passings(engine, "enduro", path, fmt="csv")


def _rows(engine: Engine) -> dict[str, str]:
    with engine.connect() as conn:
        found = conn.execute(select(results_cache.c.session_id, results_cache.c.fingerprint)
                             .where(results_cache.c.event_id == "enduro")).all()  # fmt: skip
    return dict(found)


@pytest.fixture
def enduro(engine: Engine, tmp_path: Path) -> Engine:
    (tmp_path / "event.toml").write_text(EVENT, encoding="utf-8")
    (tmp_path / "entries.csv").write_text(ENTRIES, encoding="utf-8")
    (tmp_path / "flags.csv").write_text(FLAGS, encoding="utf-8")
    import_event(engine, tmp_path / "event.toml")
    import_entries(engine, "enduro", tmp_path / "entries.csv")
    import_flags(engine, "enduro", tmp_path / "flags.csv")
    _import(engine, tmp_path, "day.csv", _passings(9, 1) + _passings(10, 100))
    return engine


def test_race_results_through_the_cache_are_a_full_score_cold_and_warm(enduro, tmp_path):
    full = scored(load_facts(enduro, "enduro"))
    assert event_results(enduro, "enduro") == full
    assert set(_rows(enduro)) == {"Q1", "R1"}
    assert event_results(enduro, "enduro") == full
    race = full.sessions["R1"].race
    assert [(e.number, e.laps, str(e.status)) for e in race.entries] == [
        ("21", 5, "ok"), ("22", 5, "ok"), ("33", 5, "ok")]


def test_a_passing_in_the_race_changes_the_races_row_only(enduro, tmp_path):
    event_results(enduro, "enduro")
    before = _rows(enduro)
    _import(enduro, tmp_path, "late.csv", ["2026-05-16T10:09:00.000,1003,SF,D1,999"])
    assert event_results(enduro, "enduro") == scored(load_facts(enduro, "enduro"))
    after = _rows(enduro)
    assert after["Q1"] == before["Q1"] and after["R1"] != before["R1"]
