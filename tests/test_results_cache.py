"""The results cache (docs/architecture.md, "Results cache"): results through it are always a
full score's; a fact changes the rows of the sessions it can touch and no other.

A passing at time p touches session S when p lies in S's span: from min_lap before S's first
green to the next session's first green (core.session_inputs.passing_span), or from the start
of the day when reads closer than min_lap chain back across the span's start."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from trackside.rules import scored
from trackside.services import add_decision, import_entries, import_event, import_passings
from trackside.services.decisions import revoke_decision
from trackside.services.entry_laps import entry_session_laps
from trackside.services.flags import import_flags
from trackside.services.results import event_results
from trackside.services.session_cache import scored_event
from trackside.store import load_facts
from trackside.store.facts import definitions_in
from trackside.store.results_cache import clear_cache
from trackside.store.schema import results_cache

EVENT = """\
[event]
id = "club"
name = "Club TT"
date = "2026-05-16"
ruleset = "scca-tt"
min_lap_s = 20.0

[track]
name = "Thunderhill East"
start_finish_loop = "SF"

[[session]]
id = "TA1"
groups = ["A"]

[[session]]
id = "TA2"
groups = ["A"]

[[session]]
id = "TA3"
groups = ["A"]
"""

ENTRIES = """\
number,first_name,last_name,class,group,transponder
21,Ann,Lee,S2,A,1001
22,Bob,Ray,S2,A,1002
33,Cy,Dee,S4,A,1003
"""

FLAGS = """\
session,state,time
TA1,green,09:00:00
TA1,checkered,09:20:00
TA2,green,10:00:00
TA2,checkered,10:20:00
TA3,green,11:00:00
"""


def laps(start: str, transponder: str, count: int, lap_s: int, first: int) -> list[str]:
    hours, minutes = map(int, start.split(":"))
    base = hours * 3600 + minutes * 60
    return [f"2026-05-16T{_clock(base + 5 + i * lap_s)}.000,{transponder},SF,D1,{first + i}"
            for i in range(count)]  # fmt: skip


def _clock(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


class Day:
    def __init__(self, engine: Engine, tmp: Path) -> None:
        self.engine, self.tmp, self.files, self.numbered = engine, tmp, 0, 1000

    def file(self, text: str) -> Path:
        self.files += 1
        path = self.tmp / f"file{self.files}.csv"
        path.write_text(text, encoding="utf-8")
        return path

    def passings(self, lines: list[str]) -> None:
        header = "time,transponder,loop,decoder,passing_number\n"
        import_passings(self.engine, "club", self.file(header + "\n".join(lines) + "\n"),
                        fmt="csv")  # fmt: skip

    def passing(self, clock: str, transponder: str = "1001") -> None:
        self.numbered += 1
        self.passings([f"2026-05-16T{clock}.000,{transponder},SF,D2,{self.numbered}"])

    def flags(self, text: str) -> None:
        import_flags(self.engine, "club", self.file("session,state,time\n" + text))

    def rows(self) -> dict[str, tuple]:
        with self.engine.connect() as conn:
            found = conn.execute(select(results_cache.c.session_id, results_cache.c.fingerprint,
                                        results_cache.c.stored_us)
                                 .where(results_cache.c.event_id == "club")).all()  # fmt: skip
        return {sid: (fingerprint, stored) for sid, fingerprint, stored in found}

    def results(self):
        return event_results(self.engine, "club")

    def full(self):
        return scored(load_facts(self.engine, "club"))


@pytest.fixture
def day(engine: Engine, tmp_path: Path) -> Day:
    d = Day(engine, tmp_path)
    import_event(engine, d.file(EVENT).rename(tmp_path / "event.toml"))
    import_entries(engine, "club", d.file(ENTRIES))
    lines = []
    for start, number in (("09:00", 1), ("10:00", 100), ("11:00", 200)):
        lines += laps(start, "1001", 6, 121, number) + laps(start, "1002", 6, 125, number + 20)
        lines += laps(start, "1003", 5, 131, number + 40)
    lines += laps("09:00", "7777", 2, 140, 90)  # nobody's transponder
    d.passings(lines)
    import_flags(engine, "club", d.file(FLAGS))
    return d


def test_results_through_the_cache_are_a_full_score(day):
    assert day.results() == day.full()  # cold: every session scored, rows stored
    assert set(day.rows()) == {"TA1", "TA2", "TA3"}
    assert day.results() == day.full()  # warm: every session from the cache


def test_a_decision_on_ta1_changes_ta1s_row_only(day):
    day.results()
    before = day.rows()
    add_decision(day.engine, "club", "21", "delete-lap", session_id="TA1", lap=2,
                 author="Steward")  # fmt: skip
    assert day.results() == day.full()
    after = day.rows()
    assert after["TA1"] != before["TA1"]
    assert {s: after[s] for s in ("TA2", "TA3")} == {s: before[s] for s in ("TA2", "TA3")}


def test_a_passing_inside_ta2s_window_changes_ta2_only(day):
    day.results()
    before = day.rows()
    day.passing("10:15:00")
    assert day.results() == day.full()
    after = day.rows()
    assert after["TA2"] != before["TA2"]
    assert {s: after[s] for s in ("TA1", "TA3")} == {s: before[s] for s in ("TA1", "TA3")}


def test_a_passing_within_min_lap_before_ta2s_green_changes_ta1_and_ta2(day):
    """09:59:50 is before TA2's green (so TA1's span holds it) and within min_lap (20 s) of it
    (so TA2's does too); TA3's span starts 20 s before its own green."""
    day.results()
    before = day.rows()
    day.passing("09:59:50", "1003")
    assert day.results() == day.full()
    after = day.rows()
    assert after["TA1"] != before["TA1"] and after["TA2"] != before["TA2"]
    assert after["TA3"] == before["TA3"]


def test_a_flag_changes_only_the_sessions_whose_windows_it_moves(day):
    day.results()
    before = day.rows()
    day.flags("TA3,checkered,11:20:00\n")
    assert day.results() == day.full()
    after = day.rows()
    assert after["TA3"] != before["TA3"]
    assert {s: after[s] for s in ("TA1", "TA2")} == {s: before[s] for s in ("TA1", "TA2")}


def test_deleting_the_cache_changes_no_result(day):
    first = day.results()
    assert clear_cache(day.engine, "club") == 3
    assert day.results() == first == day.full()


def test_a_failing_cache_write_or_an_unreadable_row_never_fails_results(day, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("trackside.services.session_cache.store_sessions", refuse)
    assert day.results() == day.full()
    monkeypatch.undo()
    day.results()
    with day.engine.begin() as conn:
        conn.execute(results_cache.update().values(payload=b"not a score"))
    assert day.results() == day.full()


def test_any_sequence_of_facts_gives_a_full_scores_results(day):
    """Decisions, revokes, flags, passing imports (an unknown transponder's too) and cache
    deletions in a seeded random order: after each, results equal a full score."""
    rnd = random.Random(2026)
    made = []
    for step in range(14):
        action = rnd.choice(["decision", "decision", "revoke", "flag", "passing", "clear"])
        if action == "decision":
            session = rnd.choice(["TA1", "TA2", "TA3"])
            kind = rnd.choice(["delete-lap", "track-limits", "session-dq", "event-dq"])
            lap = 1 if kind == "delete-lap" else None
            made.append(add_decision(day.engine, "club", rnd.choice(["21", "22", "33"]), kind,
                                     session_id=None if kind == "event-dq" else session,
                                     lap=lap, author="Steward").id)  # fmt: skip
        elif action == "revoke" and made:
            revoke_decision(day.engine, "club", made.pop(rnd.randrange(len(made))), "error",
                            "Steward")  # fmt: skip
        elif action == "flag":
            day.flags(f"TA{rnd.randint(1, 3)},red,{9 + rnd.randint(0, 2)}:1{step % 10}:00\n")
        elif action == "passing":
            clock = f"{rnd.randint(9, 11):02d}:{rnd.randint(0, 59):02d}:{rnd.randint(0, 59):02d}"
            day.passing(clock, rnd.choice(["1001", "1002", "1003", "7777", "8888"]))
        else:
            clear_cache(day.engine)
        assert day.results() == day.full(), (step, action)


def test_scored_event_gives_the_facts_without_passings(day):
    facts, results = scored_event(day.engine, "club")
    assert facts.passings == () and [s.id for s in facts.event.sessions] == ["TA1", "TA2", "TA3"]
    assert results == day.full()


def test_one_cars_laps_are_its_laps_in_the_full_score(day):
    """`penalty add --lap N` is checked against the car's own facts only (services/entry_laps)."""
    add_decision(day.engine, "club", "22", "delete-lap", session_id="TA2", lap=3,
                 author="Steward")  # fmt: skip
    full = day.full()
    with day.engine.connect() as conn:
        facts = definitions_in(conn, "club")
        for sid, result in full.sessions.items():
            for row in result.entries:
                entry = next(e for e in facts.entries if e.number == row.number)
                assert entry_session_laps(conn, facts, sid, entry) == row.laps
