"""Benchmark: does a full recompute stay linear in the passings, 75 to 1,200 cars? (`make bench`)

For each size a seeded demo day (4 scored sessions per group, ~25 laps each, no practice) is
imported into its own SQLite file. Each round recomputes every size once, in order: the
service's recompute (`services.results.event_results`: load_facts + the rulebook's scoring, the
cyclic collector paused while the facts are read and scored), and, for comparison, the same two
calls with the collector left running while scoring (`scored(load_facts(...))`, what the
services did before). Prints CPU microseconds per passing, which should stay flat (within
±20% of the 300-car figure; 150 in quick mode), min/median/max over the rounds.
"""

from __future__ import annotations

import gc
import tempfile
from pathlib import Path

from measure import QUICK, ROUNDS, Times, interleaved, median, spread
from sqlalchemy import Engine

from trackside.demo import generate_event
from trackside.demo.run import import_demo
from trackside.rules import scored
from trackside.services.results import event_results
from trackside.store import load_facts, open_engine

SIZES = (75, 150) if QUICK else (75, 150, 300, 600, 1200)
REFERENCE = 150 if QUICK else 300
SESSIONS_PER_GROUP = 4
LAPS_PER_SESSION = 25


def stored_day(folder: Path, cars: int) -> tuple[Engine, str, int]:
    """A fresh database holding one generated day; (engine, event id, passings)."""
    event = generate_event(cars=cars, sessions_per_group=SESSIONS_PER_GROUP,
                           laps_per_session=LAPS_PER_SESSION, practice=False,
                           tracksprint=False)
    engine = open_engine(str(folder / f"scaling-{cars}.db"))
    import_demo(engine, event, event.write(folder / f"files-{cars}"))
    return engine, event.event_id, len(event.passings)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="trackside-scaling-") as tmp:
        days = {cars: stored_day(Path(tmp), cars) for cars in SIZES}
        gc.collect()  # the generated days are gone; only what a server holds stays
        variants = {}
        for cars, (engine, event_id, _) in days.items():
            variants[f"{cars} service"] = (lambda e=engine, i=event_id: event_results(e, i))
            variants[f"{cars} gc running"] = (lambda e=engine, i=event_id: scored(load_facts(e, i)))
        times = interleaved(variants)
        for engine, _, _ in days.values():
            engine.dispose()
    passings = {cars: day[2] for cars, day in days.items()}
    print(f"recompute (load_facts + scored), CPU µs per passing, min/median/max of {ROUNDS} "
          "rounds, sizes and variants interleaved:")
    figures = {}
    for kind in ("service", "gc running"):
        print(f"  {kind}{' (collector paused)' if kind == 'service' else ' while scoring'}:")
        for cars in SIZES:
            timing = times[f"{cars} {kind}"]
            figures[kind, cars] = median(timing.cpu) * 1e6 / passings[cars]
            print(f"    {cars:>5} cars {passings[cars]:>7,} passings  "
                  f"{_per_passing(timing, passings[cars])} µs/passing   "
                  f"cpu {spread(timing.cpu)} ms  wall {spread(timing.wall)} ms")
    base = figures["service", REFERENCE]
    worst = max(abs(figures["service", cars] / base - 1) for cars in SIZES)
    print(f"  service: largest deviation from {REFERENCE} cars {worst:.0%} "
          f"(target within 20%: {'met' if worst <= 0.20 else 'MISSED'})")
    print("scaling: us_per_passing=" + ",".join(
        f"{cars}:{figures['service', cars]:.2f}" for cars in SIZES))


def _per_passing(timing: Times, passings: int) -> str:
    return spread(timing.cpu, scale=1e6 / passings, digits=2)


if __name__ == "__main__":
    main()
