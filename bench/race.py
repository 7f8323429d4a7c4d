"""Benchmark: a 4-hour endurance race of 60 cars with pit loops (issue 12, "Speed").

The race is generated here (seeded): 60 cars of three classes lapping in about 2 minutes, a
start crossing each, 2 or 3 stops each on the PIT-IN/PIT-OUT loops with a driver change, half
the cars carrying their drivers' transponders too (read with the car's at every loop): about
12,000 passings. Measured, interleaved, CPU and wall min/median/max over at least 7 rounds:
- classify: the race session scored from its facts in memory (`score_sessions`; the journal
  read is `bench/score_event.py`'s business). Target < 100 ms of CPU.
- live: one more passing given to a `RaceTracker` holding the race up to 3.5 hours, and the
  standings read after it. Target < 2 ms of CPU.
"""

from __future__ import annotations

import random

from measure import QUICK, interleaved, line, median

from trackside.core.clock import at_time_of_day
from trackside.core.race_live import RaceTracker
from trackside.core.records import (
    DriverChange,
    Entry,
    EventDef,
    EventFacts,
    Flag,
    FlagState,
    Passing,
    RaceSettings,
    RosterDriver,
    SessionDef,
    Track,
)
from trackside.core.scoring import score_sessions

CARS = 20 if QUICK else 60
HOURS = 4
DATE = "2026-06-20"
G = at_time_of_day(DATE, "12:00")
S = 1_000_000
CLASSES = ("E1", "E2", "E3")


def event() -> EventDef:
    race = RaceSettings(mandatory_stops=1, min_stop_us=60 * S, pit_in_loop="PIT-IN",
                        pit_out_loop="PIT-OUT")  # fmt: skip
    session = SessionDef("R1", "Enduro", format="race", groups=("All",),
                         duration_min=HOURS * 60, race=race)  # fmt: skip
    return EventDef("enduro", "Enduro bench", DATE, track=Track("Ring", 3500, "SF"),
                    sessions=(session,))  # fmt: skip


def entries() -> tuple[Entry, ...]:
    return tuple(Entry(str(n), "Driver", f"{n}A", CLASSES[n % 3], "All", f"T{n}",
                       {"team": f"Team {n}"}) for n in range(1, CARS + 1))  # fmt: skip


def roster() -> tuple[RosterDriver, ...]:
    drivers = []
    for n in range(1, CARS + 1):
        tags = n % 2 == 0
        for letter in "ABC"[: 2 + n % 2]:
            drivers.append(RosterDriver(str(n), "Driver", f"{n}{letter}", None,
                                        f"D{n}{letter}" if tags else None))  # fmt: skip
    return tuple(drivers)


def car_day(rnd: random.Random, n: int) -> tuple[list[Passing], list[DriverChange]]:
    """One car's passings: the start crossing, laps of about two minutes, stops."""
    pace = rnd.uniform(118, 135)
    letters = "ABC"[: 2 + n % 2]
    tags = n % 2 == 0
    end = G + HOURS * 3600 * S + 10 * 60 * S
    stop_laps = sorted(rnd.sample(range(15, 110), 2 + n % 2))
    now = G + round(n * 0.4 * S)
    driver = 0
    passings: list[Passing] = []
    changes: list[DriverChange] = []

    def read(time_us: int, loop: str) -> None:
        passings.append(Passing(time_us, f"T{n}", loop))
        if tags:
            passings.append(Passing(time_us + 30_000, f"D{n}{letters[driver]}", loop))

    read(now, "SF")
    lap = 0
    while now < end:
        lap += 1
        lap_us = round(rnd.gauss(pace, 1.5) * S)
        if lap in stop_laps:
            pit_in = now + lap_us // 2
            pit_out = pit_in + round(rnd.uniform(70, 150) * S)
            read(pit_in, "PIT-IN")
            driver = (driver + 1) % len(letters)
            changes.append(DriverChange("R1", str(n), f"Driver {n}{letters[driver]}",
                                        pit_in + S))  # fmt: skip
            read(pit_out, "PIT-OUT")
            now = pit_out + lap_us // 2
        else:
            now += lap_us
        read(now, "SF")
    return passings, changes


def facts() -> EventFacts:
    rnd = random.Random(12)
    passings: list[Passing] = []
    changes: list[DriverChange] = []
    for n in range(1, CARS + 1):
        car, declared = car_day(rnd, n)
        passings += car
        changes += declared
    flags = (Flag("R1", FlagState.GREEN, G),)
    return EventFacts(event(), entries(), tuple(sorted(passings)), flags, (), roster=roster(),
                      driver_changes=tuple(sorted(changes, key=lambda c: c.at_us)))  # fmt: skip


def main() -> None:
    day = facts()
    cut = G + round(3.5 * 3600 * S)
    held = [p for p in day.passings if p.time_us < cut]
    coming = iter([p for p in day.passings if p.time_us >= cut])
    tracker = RaceTracker(day, "R1")
    tracker.extend(held)

    def one_passing() -> object:
        tracker.add(next(coming))
        return tracker.standings()

    race = score_sessions(day, ["R1"])["R1"].result.race
    laps = sum(e.laps for e in race.entries)
    stops = sum(len(e.stops) for e in race.entries)
    print(f"  check: {len(day.passings):,} passings, {laps:,} laps counted, {stops} stops, "
          f"winner {race.entries[0].number} with {race.entries[0].laps} laps")
    times = interleaved({
        "classify (score_sessions R1)": lambda: score_sessions(day, ["R1"]),
        "live: one passing + standings": one_passing,
    })
    print(f"race bench: {CARS} cars, {HOURS} h, {len(day.passings):,} passings")
    for name, timing in times.items():
        print(line(name, timing))
    classify_ms = median(times["classify (score_sessions R1)"].cpu) * 1000
    live_ms = median(times["live: one passing + standings"].cpu) * 1000
    print(f"  target (CPU, median): classify {classify_ms:.1f} ms < 100 ms "
          f"{'met' if classify_ms < 100 else 'MISSED'}; one live passing {live_ms:.2f} ms < 2 ms "
          f"{'met' if live_ms < 2 else 'MISSED'}")
    print(f"race: classify_cpu_ms={classify_ms:.1f} live_passing_ms={live_ms:.2f}")


if __name__ == "__main__":
    main()
