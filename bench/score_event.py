"""Benchmark: import and full results recompute of a big Time Trials day (`make bench`).

300 cars x 4 scored sessions per group x ~25 laps (about 30,000 passings) from the seeded demo
generator, imported into a fresh SQLite file. Prints figures against the targets; asserts
nothing. Targets: import < 3 s; recompute < 150 ms and within 3x the floor (reading the
passings back from the database).
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
from trackside.store import load_facts, open_engine, read_passings

CARS = 300
SESSIONS_PER_GROUP = 4
LAPS_PER_SESSION = 25
RUNS = 7


def timed(action: Callable[[], object]) -> float:
    """Seconds one call takes."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def median_of(action: Callable[[], object], runs: int = RUNS) -> float:
    action()  # warm-up: imports, caches, SQLite page cache
    return statistics.median(timed(action) for _ in range(runs))


def import_day(engine: Engine, event: GeneratedEvent, files: EventFiles) -> dict[str, float]:
    """Import every file, timing each step; decisions are added one by one as officials do."""
    steps = {
        "event": lambda: import_event(engine, files.event),
        "entries": lambda: import_entries(engine, event.event_id, files.entries),
        "passings": lambda: import_passings(engine, event.event_id, files.passings, fmt="csv"),
        "flags": lambda: import_flags(engine, event.event_id, files.flags),
        "decisions": lambda: [add_decision(engine, event.event_id, **p)  # type: ignore[arg-type]
                              for p in event.penalties],
    }
    return {name: timed(step) for name, step in steps.items()}


def recompute(engine: Engine, event_id: str) -> None:
    """Every result anyone can ask for: the event and each session, from the stored facts."""
    scored(load_facts(engine, event_id))


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
        engine.dispose()
    report(event, steps, load_s, recompute_s, floor_s)


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
