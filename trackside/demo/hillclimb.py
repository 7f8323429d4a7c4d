"""The day's HillClimb session (SCCA TT I.3: TrackSprint's rules with one car on course at a
time; `shared/spec/tracksprint.md`): after the TrackSprint the Advanced group runs the short
hill course twice, timed by two transponder loops (`timing = "loops"`, loops `HC-START` and
`HC-FINISH` on the hill's own decoder). The starter sends a car only when the car before it has
crossed the finish loop. It is in no round: an exhibition, its results printed on their own.

What happens in it: a start-loop crossing read twice 0.3 s apart (the second read ignored, as
`duplicate_read_s`), a finish-loop read missed (that run has no finish: dnf), two cones down on
one car's run and another car off course (`off-course --run 1`). Drawn from its own seeded
generator, so the rest of the day is the same with or without it."""

from __future__ import annotations

import random
from dataclasses import dataclass

from trackside.core.clock import format_local_time
from trackside.core.records import Flag, FlagState, Passing

from .fates import DayFates
from .penalties import STEWARD, Penalty
from .roster import Entrant
from .schedule import SessionPlan, next_start
from .sprint import still_running

SESSION_ID = "HC1"
SESSION_NAME = "HillClimb, Advanced"
GROUP = "Advanced"
START_LOOP, FINISH_LOOP = "HC-START", "HC-FINISH"
DECODER = "2"
"""The hill's own decoder: its passings are numbered apart from the circuit decoder's."""
RUNS_PER_CAR = 2
HILL_SHARE = 0.42
"""The hill course (paddock to the top of the Cyclone) against a full lap."""
RUN_US = (45_000_000, 62_000_000)
SECOND_RUN_GAIN = 0.994
"""A second run is a little quicker: the driver has seen the hill."""
NEXT_CAR_MS = (4_000, 9_000)
"""The previous car's finish to the next car's start crossing."""
DUPLICATE_READ_MS = 300
CONE_PENALTY_S = 2.0
AFTER_SPRINT_US = 10 * 60_000_000
GREEN_TO_FIRST_START_US = 30_000_000
CHECKERED_AFTER_LAST_FINISH_US = 10_000_000


@dataclass(frozen=True, slots=True)
class HillRun:
    number: str
    transponder: str
    run: int
    start_us: int
    finish_us: int
    finish_read: bool = True
    """False: the finish loop missed this car's read (the run has no finish)."""


@dataclass(frozen=True)
class HillClimb:
    """The HillClimb session: its schedule, loop passings, flags and decisions."""

    session_id: str
    name: str
    groups: tuple[str, ...]
    start_us: int
    duration_min: int
    runs: list[HillRun]
    passings: list[Passing]
    flags: list[Flag]
    cones: Penalty
    """`penalty add NUMBER cones --session HC1 --run 1 --count 2`."""
    off_course: Penalty
    """`penalty add NUMBER off-course --session HC1 --run 1`."""
    missed_finish: HillRun
    duplicate_start: HillRun

    def schedule_start(self) -> str:
        return format_local_time(self.start_us)[11:16]

    def decisions(self) -> list[Penalty]:
        return [self.cones, self.off_course]


def plan_hillclimb(
    seed: int, roster: list[Entrant], plans: list[SessionPlan], fates: DayFates,
    penalties: list[Penalty], after_us: int | None = None,
) -> HillClimb:
    """Two runs each for the Advanced cars still running, one car on the hill at a time, from
    `after_us` (the TrackSprint's end) or after the day's last session."""
    rng = random.Random(f"{seed}-hillclimb")
    start = after_us + AFTER_SPRINT_US if after_us is not None else next_start(plans[-1],
                                                                                lunch=False)
    start = -(-start // 300_000_000) * 300_000_000  # on a five-minute mark
    transponders = {car.number: car.transponder for car in roster}
    groups = {car.number: car.group for car in roster}
    field = [(n, pace) for n, pace in still_running(roster, plans, fates, penalties)
             if groups[n] == GROUP]
    runs: list[HillRun] = []
    at = start + GREEN_TO_FIRST_START_US
    for run in range(1, RUNS_PER_CAR + 1):
        for number, pace_s in field:
            time_us = _run_us(rng, pace_s, run)
            runs.append(HillRun(number, transponders[number], run, at, at + time_us))
            at += time_us + rng.randint(*NEXT_CAR_MS) * 1000
    numbers = [n for n, _ in field]
    coned, off, missed, doubled = rng.sample(numbers, 4)
    missed_run = next(r for r in runs if r.number == missed and r.run == RUNS_PER_CAR)
    runs = [r if r is not missed_run else HillRun(r.number, r.transponder, r.run, r.start_us,
                                                   r.finish_us, finish_read=False)
            for r in runs]  # fmt: skip
    duplicate = next(r for r in runs if r.number == doubled and r.run == 1)
    end = max(r.finish_us for r in runs) + CHECKERED_AFTER_LAST_FINISH_US
    return HillClimb(
        session_id=SESSION_ID, name=SESSION_NAME, groups=(GROUP,), start_us=start,
        duration_min=-(-(end - start) // 60_000_000), runs=runs,
        passings=_passings(runs, duplicate),
        flags=[Flag(SESSION_ID, FlagState.GREEN, start),
               Flag(SESSION_ID, FlagState.CHECKERED, end)],
        cones={"number": coned, "kind": "cones", "session_id": SESSION_ID, "run": 1, "count": 2,
               "reason": "two cones down at the hairpin", "author": STEWARD},
        off_course={"number": off, "kind": "off-course", "session_id": SESSION_ID, "run": 1,
                    "reason": "four wheels off at the top of the Cyclone", "author": STEWARD},
        missed_finish=next(r for r in runs if not r.finish_read), duplicate_start=duplicate,
    )  # fmt: skip


def _run_us(rng: random.Random, pace_s: float, run: int) -> int:
    gain = SECOND_RUN_GAIN ** (run - 1)
    time_us = round(pace_s * HILL_SHARE * gain * rng.gauss(1.0, 0.004) * 1000) * 1000
    return min(max(time_us, RUN_US[0]), RUN_US[1])


def _passings(runs: list[HillRun], duplicate: HillRun) -> list[Passing]:
    """Both loops' reads in time order, numbered by the hill's decoder from 1."""
    reads = [(r.start_us, r.transponder, START_LOOP) for r in runs]
    reads += [(r.finish_us, r.transponder, FINISH_LOOP) for r in runs if r.finish_read]
    reads.append((duplicate.start_us + DUPLICATE_READ_MS * 1000, duplicate.transponder,
                  START_LOOP))
    return [Passing(time_us, transponder, loop, DECODER, number)
            for number, (time_us, transponder, loop) in enumerate(sorted(reads), start=1)]
