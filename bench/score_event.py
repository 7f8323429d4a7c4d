"""Benchmark: import and full results recompute of a big Time Trials day (`make bench`).

300 cars x 4 scored sessions per group x ~25 laps (about 30,000 passings) from the seeded demo
generator, imported into a fresh SQLite file. Prints figures against the targets; asserts
nothing. Targets: import < 3 s; recompute < 150 ms and within 3x the floor (reading the
passings back from the database); an official's decision < 100 ms of CPU; `event_results`
after one decision well under a full recompute (it rescores only the session decided on, the
others come from the results cache).

Figures marked CPU are `time.process_time` (the machine may be shared); the rest wall time.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine

from trackside.demo import generate_event
from trackside.demo.files import EventFiles
from trackside.demo.generator import GeneratedEvent
from trackside.rules import scored
from trackside.services import (
    add_decision,
    import_entries,
    import_event,
    import_flags,
    import_passings,
)
from trackside.services.results import event_results
from trackside.store import load_facts, open_engine, read_passings
from trackside.store.results_cache import clear_cache

CARS = 300
SESSIONS_PER_GROUP = 4
LAPS_PER_SESSION = 25
RUNS = 7


def timed(action: Callable[[], object]) -> float:
    """Seconds one call takes."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def cpu(action: Callable[[], object]) -> float:
    """CPU seconds one call takes."""
    start = time.process_time()
    action()
    return time.process_time() - start


def median_of(action: Callable[[], object], runs: int = RUNS) -> float:
    action()  # warm-up: imports, caches, SQLite page cache
    return statistics.median(timed(action) for _ in range(runs))


def cpu_figures(action: Callable[[], object], runs: int = RUNS) -> list[float]:
    action()
    return [cpu(action) for _ in range(runs)]


def import_day(engine: Engine, event: GeneratedEvent, files: EventFiles) -> dict[str, float]:
    """Import every file, timing each step; decisions are added one by one as officials do."""
    steps = {
        "event": lambda: import_event(engine, files.event),
        "entries": lambda: import_entries(engine, event.event_id, files.entries),
        "passings": lambda: import_passings(engine, event.event_id, files.passings, fmt="csv"),
        "flags": lambda: import_flags(engine, event.event_id, files.flags),
    }
    timings = {name: timed(step) for name, step in steps.items()}
    start = time.perf_counter()
    for p in event.penalties:
        DECISION_CPU.append(cpu(lambda p=p: add_decision(engine, event.event_id, **p)))  # type: ignore[misc]
    timings["decisions"] = time.perf_counter() - start
    return timings


DECISION_CPU: list[float] = []
"""CPU seconds of each of the generated day's `add_decision` calls."""


def recompute(engine: Engine, event_id: str) -> None:
    """Every result anyone can ask for: the event and each session, from the stored facts."""
    scored(load_facts(engine, event_id))


def cache_figures(engine: Engine, event: GeneratedEvent) -> dict[str, list[float]]:
    """CPU of `event_results`: from the cache alone, with no cache, and right after one
    decision on one session (a warning: it changes that session's inputs, hence its row)."""
    event_id = event.event_id
    sessions = [s.id for s in load_facts(engine, event_id).event.sessions]
    figures = {"full": cpu_figures(lambda: recompute(engine, event_id)),
               "warm": cpu_figures(lambda: event_results(engine, event_id))}  # fmt: skip
    cold = []
    for _ in range(RUNS):
        clear_cache(engine, event_id)
        cold.append(cpu(lambda: event_results(engine, event_id)))
    figures["cold"] = cold
    after = []
    for i in range(RUNS):
        add_decision(engine, event_id, event.entries[i]["number"], "warning",
                     session_id=sessions[i % len(sessions)], author="bench")  # fmt: skip
        after.append(cpu(lambda: event_results(engine, event_id)))
    figures["after one decision"] = after
    return figures


def main() -> None:
    event = generate_event(cars=CARS, sessions_per_group=SESSIONS_PER_GROUP,
                           laps_per_session=LAPS_PER_SESSION, practice=False)
    with tempfile.TemporaryDirectory(prefix="trackside-bench-") as tmp:
        files = event.write(Path(tmp) / "files")
        engine = open_engine(str(Path(tmp) / "bench.db"))
        steps = import_day(engine, event, files)
        load_s = median_of(lambda: load_facts(engine, event.event_id))
        recompute_s = median_of(lambda: recompute(engine, event.event_id))
        floor_s = median_of(lambda: read_passings(engine, event.event_id))
        cached = cache_figures(engine, event)
        engine.dispose()
    report(event, steps, load_s, recompute_s, floor_s)
    report_cpu(cached, len(event.sessions))


def _ms(figures: list[float]) -> str:
    low, mid, high = min(figures), statistics.median(figures), max(figures)
    return f"min {low * 1000:6.1f}  median {mid * 1000:6.1f}  max {high * 1000:6.1f} ms"


def report_cpu(cached: dict[str, list[float]], sessions: int) -> None:
    print(f"  CPU: add_decision per call       {_ms(DECISION_CPU)}   target < 100 ms "
          f"({len(DECISION_CPU)} calls)")
    print(f"  CPU: full recompute              {_ms(cached['full'])}")
    for name in ("cold", "warm", "after one decision"):
        print(f"  CPU: event_results {name:<13} {_ms(cached[name])}")
    ratio = statistics.median(cached["after one decision"]) / statistics.median(cached["full"])
    print(f"  after one decision / full        {ratio:8.2f} x    (1 of {sessions} sessions "
          f"rescored)")


def report(
    event: GeneratedEvent, steps: dict[str, float], load_s: float, recompute_s: float,
    floor_s: float,
) -> None:
    imported = steps["event"] + steps["entries"] + steps["passings"]
    print(f"trackside bench: {len(event.entries)} cars, {len(event.sessions)} sessions, "
          f"{len(event.passings):,} passings, {len(event.flags)} flags, "
          f"{len(event.penalties)} decisions (Python {sys.version.split()[0]}, SQLite)")
    print(f"  import event+entries+passings  {imported * 1000:8.0f} ms   target < 3000 ms")
    for name, seconds in steps.items():
        print(f"    {name:<28} {seconds * 1000:8.0f} ms")
    print(f"  full results recompute         {recompute_s * 1000:8.1f} ms   target < 150 ms "
          f"(median of {RUNS})")
    print(f"    of which load_facts          {load_s * 1000:8.1f} ms")
    print(f"    of which scoring (the rest)  {(recompute_s - load_s) * 1000:8.1f} ms")
    print(f"  floor: read passings back      {floor_s * 1000:8.1f} ms   (median of {RUNS})")
    print(f"  recompute / floor              {recompute_s / floor_s:8.2f} x    target <= 3 x")


if __name__ == "__main__":
    main()
