"""Benchmark: import and full results recompute of a big Time Trials day (`make bench`).

300 cars x 4 scored sessions per group x ~25 laps (about 30,000 passings) from the seeded demo
generator. Each round, in this order, in one process:

- import: the day's files (event, entries, passings, flags) and its decisions, added one by one
  as officials do, into a fresh SQLite file (deleted after the round);
- recompute: every result anyone can ask for, from scratch (`load_facts` + the rulebook's
  scoring with the collector paused, as the services run it; no results cache); then the same
  with every passing record decoded too, for comparison;
- load_facts alone: it reads the day's passings from their snapshot and the rows after it
  (`store/passing_snapshots.py`; the warm-up call writes the snapshot, as the first read of a
  day does), checked against the journal on every read: each transponder's read times per
  loop at once, the passing records when something looks at one (the lap scorer needs only
  the read times, `core/read_times.py`);
- floor: the same passing rows read with the standard library's ``sqlite3`` (one SELECT into
  tuples, nothing of trackside's);
- decision: one `services.add_decision` (a delete-lap, checked against that car's laps);
- results after a decision: `services.results.event_results` right after it (the decided
  session is rescored, the others come from the results cache), then once more unchanged.

CPU and wall time per step, min/median/max; the recompute/floor ratio (CPU) of every round.
Targets: import < 3 s; recompute < 150 ms, within 1.3x the floor in the median round and 1.5x in
every round (issue 10). Asserts nothing.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from pathlib import Path

from measure import QUICK, ROUNDS, Times, interleaved, line, median
from sqlalchemy import Engine

from trackside.demo import generate_event
from trackside.demo.files import EventFiles
from trackside.demo.generator import GeneratedEvent
from trackside.demo.run import import_demo
from trackside.rules import scored
from trackside.services import add_decision
from trackside.services.results import event_results
from trackside.store import collector_paused, load_facts, open_engine

CARS = 100 if QUICK else 300
SESSIONS_PER_GROUP = 4
LAPS_PER_SESSION = 25
FLOOR_SQL = (
    "SELECT time_us, transponder, loop, decoder, passing_number, source FROM passings "
    "WHERE event_id = ? ORDER BY time_us, id"
)


def floor(path: Path, event_id: str) -> list[tuple[object, ...]]:
    """The passing rows as plain tuples, read with nothing but the sqlite3 module."""
    with sqlite3.connect(path) as conn:
        return conn.execute(FLOOR_SQL, (event_id,)).fetchall()


class Imports:
    """Each call imports the day into a new database file and removes it afterwards."""

    def __init__(self, folder: Path, event: GeneratedEvent, files: EventFiles) -> None:
        self.folder, self.event, self.files, self.count = folder, event, files, 0

    def __call__(self) -> None:
        self.count += 1
        path = self.folder / f"import-{self.count}.db"
        engine = open_engine(str(path))
        try:
            import_demo(engine, self.event, self.files)
        finally:
            engine.dispose()
            for leftover in self.folder.glob(f"{path.name}*"):
                leftover.unlink()


def recompute(engine: Engine, event_id: str) -> object:
    """Every result from scratch, as the services score (the cyclic collector paused: scoring
    builds only acyclic tuples, see store/fast_read.py), without the results cache."""
    with collector_paused():
        return scored(load_facts(engine, event_id))


def recompute_decoded(engine: Engine, event_id: str) -> object:
    """`recompute` with every passing record decoded as well (what a format that reads whole
    passings, or a page listing them, adds): shown for comparison, not a target."""
    with collector_paused():
        facts = load_facts(engine, event_id)
        tuple(facts.passings)
        return scored(facts)


def a_decision(event: GeneratedEvent) -> dict[str, object]:
    """A lap-deleting decision if the day has one (it scores the event to check the lap)."""
    with_lap = [p for p in event.penalties if p.get("lap") is not None]
    return dict((with_lap or event.penalties)[0])


def main() -> None:
    event = generate_event(cars=CARS, sessions_per_group=SESSIONS_PER_GROUP,
                           laps_per_session=LAPS_PER_SESSION, practice=False,
                           tracksprint=False)
    with tempfile.TemporaryDirectory(prefix="trackside-bench-") as tmp:
        folder = Path(tmp)
        files = event.write(folder / "files")
        db = folder / "bench.db"
        engine = open_engine(str(db))
        import_demo(engine, event, files)
        stored = len(floor(db, event.event_id))
        decision = a_decision(event)
        variants = {
            "import (fresh database)": Imports(folder, event, files),
            "recompute (load_facts + scored)": lambda: recompute(engine, event.event_id),
            "recompute, passings decoded too": lambda: recompute_decoded(engine, event.event_id),
            "load_facts alone": lambda: load_facts(engine, event.event_id),
            "floor (sqlite3 SELECT)": lambda: floor(db, event.event_id),
            "add_decision": lambda: add_decision(engine, event.event_id, **decision),  # type: ignore[arg-type]
            # right after the decision: only its session is rescored, the rest is cached
            "results after a decision": lambda: event_results(engine, event.event_id),
            "results, nothing changed": lambda: event_results(engine, event.event_id),
        }
        print(f"trackside bench: {len(event.entries)} cars, {len(event.sessions)} sessions, "
              f"{stored:,} passings stored, {len(event.flags)} flags, {len(event.penalties)} "
              f"decisions (Python {sys.version.split()[0]}, SQLite); {ROUNDS} rounds, "
              "interleaved")
        times = interleaved(variants, after_round=_ratio_of_round)
        engine.dispose()
    report(times)


def _ratio_of_round(number: int, times: dict[str, Times]) -> None:
    recompute = times["recompute (load_facts + scored)"].cpu[-1]
    floor_cpu = times["floor (sqlite3 SELECT)"].cpu[-1]
    print(f"  round {number + 1}: recompute {recompute * 1000:6.1f} ms  floor "
          f"{floor_cpu * 1000:5.1f} ms  recompute/floor {recompute / floor_cpu:5.2f} x (CPU)")


def report(times: dict[str, Times]) -> None:
    for name, timing in times.items():
        print(line(name, timing))
    recompute = times["recompute (load_facts + scored)"].cpu
    floor_cpu = times["floor (sqlite3 SELECT)"].cpu
    ratios = [r / f for r, f in zip(recompute, floor_cpu, strict=True)]
    imported = median(times["import (fresh database)"].cpu)
    print(f"  targets (CPU, median): import {imported * 1000:.0f} ms < 3000 ms "
          f"{'met' if imported < 3 else 'MISSED'}; recompute {median(recompute) * 1000:.1f} ms "
          f"< 150 ms {'met' if median(recompute) < 0.150 else 'MISSED'}; recompute/floor "
          f"{median(ratios):.2f} x <= 1.3 x and per round max {max(ratios):.2f} x <= 1.5 x "
          f"{'met' if median(ratios) <= 1.3 and max(ratios) <= 1.5 else 'MISSED'} "
          f"(per round min {min(ratios):.2f})")
    decoded = [r / f for r, f in zip(times["recompute, passings decoded too"].cpu, floor_cpu,
                                     strict=True)]  # fmt: skip
    print(f"  with every passing record decoded too: recompute/floor {median(decoded):.2f} x "
          f"(per round min {min(decoded):.2f}, max {max(decoded):.2f})")
    print(f"score_event: recompute_cpu_ms={median(recompute) * 1000:.1f} "
          f"floor_cpu_ms={median(floor_cpu) * 1000:.1f} ratio={median(ratios):.2f} "
          f"decision_cpu_ms={median(times['add_decision'].cpu) * 1000:.1f} "
          f"after_decision_cpu_ms={median(times['results after a decision'].cpu) * 1000:.1f} "
          f"unchanged_cpu_ms={median(times['results, nothing changed'].cpu) * 1000:.1f}")


if __name__ == "__main__":
    main()
