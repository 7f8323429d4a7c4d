"""The day's TrackSprint session (SCCA TT VI.1.2, RMD 2; `shared/spec/tracksprint.md`): after
the Time Attack rounds every car still running gets one timed run on the sprint course, timed
by timing lights (`timing = "lights"`). The starter releases a car every 32 s or so and a run
takes 67-93 s, so three cars are on course at once and they finish in the order they started.

Officials' business in the session: a cone down on one car's run, a re-run granted for a
timing failure (the start beam tripped late, the car's time is too quick; the car runs again
after the field) and a re-run asked for after a mechanical problem (a slow run), which the rule
refuses. Drawn from its own seeded generator, so the Time Attack day is the same with or
without it."""

from __future__ import annotations

import random
from dataclasses import dataclass

from trackside.core.clock import format_local_time
from trackside.core.records import Flag, FlagState

from .fates import DayFates
from .penalties import STEWARD, TIMING_CHIEF, Penalty
from .roster import GROUPS, Entrant
from .schedule import SessionPlan, next_start

SESSION_ID = "TS1"
SESSION_NAME = "TrackSprint"
ROUND = "TS1"
COURSE_SHARE = 0.6
"""The sprint course (pit exit to the finish light after turn 10) against a full lap."""
START_GAP_US = 32_000_000
"""Start beam to start beam, car after car (plus up to 1.5 s as the starter sees fit)."""
RUN_US = (67_000_000, 93_000_000)
"""Every run between two and three start gaps: three cars on course, none passing another."""
RELEASE_TO_START_MS = (3_000, 6_000)
LATE_START_TRIP_MS = (2_000, 3_000)
"""The timing failure: the start beam tripped this much after the car crossed it."""
MECHANICAL_SLOW_MS = (8_000, 11_000)
CONE_PENALTY_S = 2.0
GREEN_TO_FIRST_RELEASE_US = 30_000_000
CHECKERED_AFTER_LAST_FINISH_US = 10_000_000
RERUN_AFTER_FIELD_US = 60_000_000


@dataclass(frozen=True, slots=True)
class SprintRun:
    number: str
    release_us: int
    start_us: int
    """When the start beam tripped."""
    finish_us: int


@dataclass(frozen=True)
class Sprint:
    """The TrackSprint session: its schedule, releases, light trips, flags and decisions."""

    session_id: str
    name: str
    groups: tuple[str, ...]
    start_us: int
    duration_min: int
    runs: list[SprintRun]
    flags: list[Flag]
    cones: Penalty
    """`penalty add NUMBER cones --session TS1 --run 1 --count 1`."""
    rerun: Penalty
    """`rerun grant NUMBER --session TS1 --run 1 --reason timing-failure`: granted."""
    refused_rerun: Penalty
    """`rerun grant ... --reason mechanical`: refused, nothing stored."""

    def releases(self) -> list[tuple[int, str]]:
        """(time, car number) in time order: the releases CSV."""
        return sorted((run.release_us, run.number) for run in self.runs)

    def trips(self) -> list[tuple[int, str]]:
        """(time, channel) in time order: the lights CSV (`csv` protocol)."""
        trips = [(r.start_us, "start") for r in self.runs] + [(r.finish_us, "finish")
                                                              for r in self.runs]
        return sorted(trips)

    def schedule_start(self) -> str:
        return format_local_time(self.start_us)[11:16]


def plan_sprint(
    seed: int, roster: list[Entrant], plans: list[SessionPlan], fates: DayFates,
    penalties: list[Penalty],
) -> Sprint:
    """The TrackSprint after the day's last session, for every car still running."""
    rng = random.Random(f"{seed}-tracksprint")
    start = next_start(plans[-1], lunch=False)
    runners = still_running(roster, plans, fates, penalties)
    times = {number: _run_us(rng, pace_s) for number, pace_s in runners}
    order = [number for number, _ in runners]
    late, slow, coned = _chosen(rng, order, times)
    times[slow] = min(RUN_US[1], times[slow] + rng.randint(*MECHANICAL_SLOW_MS) * 1000)
    runs: list[SprintRun] = []
    beam = start + GREEN_TO_FIRST_RELEASE_US + rng.randint(*RELEASE_TO_START_MS) * 1000
    for index, number in enumerate(order):
        at = beam + index * START_GAP_US + rng.randint(0, 1500) * 1000
        finish = at + times[number]
        trip = at + (rng.randint(*LATE_START_TRIP_MS) * 1000 if number == late else 0)
        runs.append(SprintRun(number, at - rng.randint(*RELEASE_TO_START_MS) * 1000, trip,
                              finish))  # fmt: skip
    rerun_at = max(r.finish_us for r in runs) + RERUN_AFTER_FIELD_US
    runs.append(SprintRun(late, rerun_at - rng.randint(*RELEASE_TO_START_MS) * 1000, rerun_at,
                          rerun_at + _run_us(rng, dict(runners)[late])))  # fmt: skip
    end = max(r.finish_us for r in runs) + CHECKERED_AFTER_LAST_FINISH_US
    flags = [Flag(SESSION_ID, FlagState.GREEN, start), Flag(SESSION_ID, FlagState.CHECKERED, end)]
    minutes = -(-(end - start) // 60_000_000)
    return Sprint(
        session_id=SESSION_ID, name=SESSION_NAME, groups=GROUPS, start_us=start,
        duration_min=minutes, runs=runs, flags=flags,
        cones={"number": coned, "kind": "cones", "session_id": SESSION_ID, "run": 1, "count": 1,
               "reason": "cone down at turn 5", "author": STEWARD},
        rerun={"number": late, "session_id": SESSION_ID, "run": 1, "reason": "timing-failure",
               "author": TIMING_CHIEF},
        refused_rerun={"number": slow, "session_id": SESSION_ID, "run": 1,
                       "reason": "mechanical", "author": TIMING_CHIEF},
    )


def still_running(
    roster: list[Entrant], plans: list[SessionPlan], fates: DayFates, penalties: list[Penalty]
) -> list[tuple[str, float]]:
    """(car number, lap pace) of the cars that ran their group's last session to the end and
    were not sent home, in run order: group by group, car number within a group."""
    last = {plan.group: plan.id for plan in plans}
    sent_home = {str(p["number"]) for p in penalties if p["kind"] == "event-exclusion"}
    sent_home.update(n for n in (fates.red_causer, fates.black_causer) if n)
    runners = []
    for group in GROUPS:
        session = fates.by_session.get(last.get(group, ""), {})
        for car in sorted((c for c in roster if c.group == group), key=lambda c: int(c.number)):
            fate = session.get(car.number)
            if fate is None or car.number in sent_home or fate.skips or fate.pulls_off \
                    or fate.stops_us is not None:
                continue
            runners.append((car.number, fate.pace_s))
    return runners


def _run_us(rng: random.Random, pace_s: float) -> int:
    run = round(pace_s * COURSE_SHARE * rng.gauss(1.0, 0.004) * 1000) * 1000
    return min(max(run, RUN_US[0]), RUN_US[1])


def _chosen(rng: random.Random, order: list[str], times: dict[str, int]) -> tuple[str, str, str]:
    """The car whose start trips late, the one with the mechanical problem (a run with room to
    be slower), the one that hits a cone: three different cars."""
    late = rng.choice(order)
    roomy = [n for n in order if n != late and times[n] <= RUN_US[1] - 11_000_000]
    slow = rng.choice(roomy or [n for n in order if n != late])
    coned = rng.choice([n for n in order if n not in (late, slow)])
    return late, slow, coned
