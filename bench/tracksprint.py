"""Benchmark: a TrackSprint session of 200 cars x 6 runs (issue 11, "Speed").

Lights: a recorded light stream (the `csv` protocol's `time,channel` lines, 2,400 trips, three
cars on course at a time) is parsed line by line and the session scored from its trips and the
starter's releases. Loops: the same runs as start- and finish-loop passings, scored. Both from
facts in memory (the journal read is `bench/score_event.py`'s business). CPU and wall time,
interleaved, min/median/max over at least 7 rounds. Target: parse + score under 50 ms of CPU.
"""

from __future__ import annotations

import random

from measure import QUICK, interleaved, line, median

from trackside.core.clock import at_time_of_day, format_local_time
from trackside.core.records import (
    Entry,
    EventDef,
    EventFacts,
    Flag,
    FlagState,
    Passing,
    Release,
    SessionDef,
    Trip,
)
from trackside.core.scoring import score_sessions
from trackside.timing.lights.csv_trips import parse

CARS = 50 if QUICK else 200
RUNS = 6
DATE = "2026-05-16"
SPACING_S = 20.0  # a car released every 20 s, runs of about 60 s: three cars on course


def schedule(seed: int = 11) -> list[tuple[str, int, int]]:
    """(car number, start, finish) of every run, in start order."""
    rnd = random.Random(seed)
    first = at_time_of_day(DATE, "09:00")
    runs = []
    for index in range(CARS * RUNS):
        number = str(1 + index % CARS)
        start = first + round(index * SPACING_S * 1e6)
        runs.append((number, start, start + round(rnd.uniform(58.0, 63.0) * 1e6)))
    return runs


def light_lines(runs: list[tuple[str, int, int]]) -> list[str]:
    """The stream as the `csv` protocol records it: `time,channel` in time order."""
    events = [(start, "start") for _, start, _ in runs] + [(end, "finish") for _, _, end in runs]
    return [f"{format_local_time(t)},{channel}" for t, channel in sorted(events)]


def event(timing: str) -> EventDef:
    session = SessionDef("TS1", format="tracksprint", groups=("All",), timing=timing,
                         start_loop="START", finish_loop="FINISH")  # fmt: skip
    return EventDef("ts", "TrackSprint bench", DATE, sessions=(session,))


def entries() -> tuple[Entry, ...]:
    return tuple(Entry(str(n), "Car", str(n), "S2", "All", f"T{n}") for n in range(1, CARS + 1))


FLAGS = (Flag("TS1", FlagState.GREEN, at_time_of_day(DATE, "08:59")),)


def lights_facts(lines: list[str], runs: list[tuple[str, int, int]]) -> EventFacts:
    """Parse every recorded line into trips (the csv protocol gives track time itself);
    releases a few seconds before each start."""
    trips = []
    for raw in lines:
        reading = parse(raw, DATE)
        trips.append(Trip("TS1", reading.channel, reading.device_us))  # type: ignore[union-attr]
    releases = tuple(Release("TS1", n, start - 5_000_000) for n, start, _ in runs)
    return EventFacts(event("lights"), entries(), (), FLAGS, (), tuple(trips), releases)


def loops_facts(runs: list[tuple[str, int, int]]) -> EventFacts:
    passings = sorted(
        [Passing(start, f"T{n}", "START") for n, start, _ in runs]
        + [Passing(end, f"T{n}", "FINISH") for n, _, end in runs]
    )
    return EventFacts(event("loops"), entries(), tuple(passings), FLAGS, ())


def main() -> None:
    runs = schedule()
    lines = light_lines(runs)
    loops = loops_facts(runs)
    checks = {name: score_sessions(facts)["TS1"].result
              for name, facts in (("lights", lights_facts(lines, runs)), ("loops", loops))}
    for name, result in checks.items():
        counted = sum(1 for e in result.entries for r in e.runs if r.valid)
        print(f"  {name}: {counted} counting runs of {len(runs)} (check)")
    times = interleaved({
        "lights: parse + score": lambda: score_sessions(lights_facts(lines, runs)),
        "loops: score": lambda: score_sessions(loops),
    })
    print(f"tracksprint bench: {CARS} cars x {RUNS} runs, {len(lines):,} light lines")
    for name, timing in times.items():
        print(line(name, timing))
    lights_ms = median(times["lights: parse + score"].cpu) * 1000
    loops_ms = median(times["loops: score"].cpu) * 1000
    print(f"  target (CPU, median): lights parse + score {lights_ms:.1f} ms < 50 ms "
          f"{'met' if lights_ms < 50 else 'MISSED'}; loops {loops_ms:.1f} ms")
    print(f"tracksprint: lights_cpu_ms={lights_ms:.1f} loops_cpu_ms={loops_ms:.1f}")


if __name__ == "__main__":
    main()
