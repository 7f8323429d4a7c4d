"""A seeded, realistic Time Trials day at Thunderhill East: the same seed gives the same event.

Standard library only (plus `trackside.core` records), so tests, `make demo` and the benchmark
can all build events of any size without a database.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from pathlib import Path

from trackside.core.clock import at_time_of_day
from trackside.core.records import Flag, Passing

from .driving import PIT, SF, Crossing, Grid, drive_session
from .fates import DayFates, Fate, decide_fates
from .files import (
    FLAG_COLUMNS,
    LIGHTS_COLUMNS,
    PASSING_COLUMNS,
    PENALTY_COLUMNS,
    RELEASE_COLUMNS,
    EventFiles,
    EventMeta,
    event_toml,
    flag_rows,
    passing_rows,
    penalty_rows,
    timed_rows,
    write_csv,
    write_entries,
)
from .hillclimb import HillClimb, plan_hillclimb
from .penalties import Penalty, SessionLaps, choose_penalties
from .roster import Entrant, build_roster, draw_transponders
from .schedule import SessionPlan, plan_day
from .sprint import Sprint, plan_sprint

DECODER = "1"
DUPLICATE_READ_RATE = 0.015
DUPLICATE_GAP_MS = (50, 1500)
TYPICAL_LAP_MIN = 2.2
"""Minutes per lap used to size a session when a lap count is asked for."""


@dataclass(frozen=True)
class GeneratedEvent:
    """A whole event day: definition, entries and every fact, ready to write or import."""

    event_id: str
    event_toml: str
    entries: list[dict[str, str]]
    passings: list[Passing]
    flags: list[Flag]
    penalties: list[Penalty]
    sessions: list[SessionPlan] = field(default_factory=list)
    unknown_transponders: tuple[str, ...] = ()
    sprint: Sprint | None = None
    """The TrackSprint session after the Time Attack rounds (its flags are in `flags`)."""
    hillclimb: HillClimb | None = None
    """The HillClimb session after it (its flags are in `flags`, its passings its own file)."""

    def write(self, out_dir: Path | str) -> EventFiles:
        """Write event.toml, entries.csv, passings.csv, flags.csv and penalties.csv, and for
        the TrackSprint session releases.csv and lights.csv, for the HillClimb session
        hillclimb-passings.csv."""
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        event = out / "event.toml"
        event.write_text(self.event_toml, encoding="utf-8")
        sprint = self.sprint
        return EventFiles(
            event=event,
            entries=write_entries(out / "entries.csv", self.entries),
            passings=write_csv(out / "passings.csv", PASSING_COLUMNS, passing_rows(self.passings)),
            flags=write_csv(out / "flags.csv", FLAG_COLUMNS, flag_rows(self.flags)),
            penalties=write_csv(
                out / "penalties.csv", PENALTY_COLUMNS, penalty_rows(self.penalties)
            ),
            releases=None if sprint is None else write_csv(
                out / "releases.csv", RELEASE_COLUMNS, timed_rows(sprint.releases())),
            lights=None if sprint is None else write_csv(
                out / "lights.csv", LIGHTS_COLUMNS, timed_rows(sprint.trips())),
            hillclimb=None if self.hillclimb is None else write_csv(
                out / "hillclimb-passings.csv", PASSING_COLUMNS,
                passing_rows(self.hillclimb.passings)),
        )


def generate_event(
    seed: int = 2026,
    cars: int = 80,
    sessions_per_group: int = 3,
    laps_per_session: int | None = None,
    *,
    practice: bool = True,
    tracksprint: bool = True,
    hillclimb: bool | None = None,
    date: str = "2026-05-16",
) -> GeneratedEvent:
    """A Time Trials day: `cars` cars in three groups, a practice (unless `practice` is false)
    and `sessions_per_group` scored Time Attack sessions per group, then (unless `tracksprint`
    is false) a lights-timed TrackSprint session for every car still running, its own round,
    and a loops-timed HillClimb for the Advanced group, in no round (`hillclimb`; by default
    when there is a TrackSprint, so the benches' Time Attack days stay as they were).
    Sessions run 20 minutes, or long enough for about `laps_per_session` flying laps when that
    is given. The TrackSprint draws from its own generator: the Time Attack sessions are the
    same with or without it."""
    rng = random.Random(seed)
    roster = build_roster(rng, cars)
    minutes = 20 if laps_per_session is None else math.ceil(laps_per_session * TYPICAL_LAP_MIN)
    plans = plan_day(rng, date, sessions_per_group, practice, minutes)
    unknown = draw_transponders(rng, 2, taken={car.transponder for car in roster})
    fates = decide_fates(rng, roster, plans, borrowed=unknown[0])
    crossings, laps = _drive_day(rng, roster, plans, fates)
    crossings += _course_car(rng, date, unknown[1])
    meta = _meta(date)
    passings = _as_passings(_with_duplicate_reads(rng, crossings))
    penalties = choose_penalties(rng, plans, laps, fates)
    sprint = plan_sprint(seed, roster, plans, fates, penalties) if tracksprint else None
    hill = plan_hillclimb(seed, roster, plans, fates, penalties,
                          None if sprint is None else sprint.flags[-1].time_us) \
        if (tracksprint if hillclimb is None else hillclimb) else None
    return GeneratedEvent(
        event_id=meta.id,
        event_toml=event_toml(meta, plans, sprint, hill),
        entries=[car.row() for car in roster],
        passings=passings,
        flags=[flag for plan in plans for flag in plan.flags()] + (sprint.flags if sprint else [])
        + (hill.flags if hill else []),
        penalties=penalties,
        sessions=plans,
        unknown_transponders=tuple(unknown),
        sprint=sprint,
        hillclimb=hill,
    )


def _meta(date: str) -> EventMeta:
    return EventMeta(
        id=f"tt-thunderhill-{date}",
        name="Time Trial Round 3, Thunderhill East",
        date=date,
        track="Thunderhill East",
        length_m=4800,
        min_lap_s=60.0,
        awards_per_class=3,
    )


def _drive_day(
    rng: random.Random, roster: list[Entrant], plans: list[SessionPlan], fates: DayFates
) -> tuple[list[Crossing], SessionLaps]:
    """Every crossing of the day, and each car's start/finish crossings per session."""
    crossings: list[Crossing] = []
    laps: SessionLaps = {}
    for plan in plans:
        session_fates = fates.by_session[plan.id]
        grid = _grid_order(rng, [car for car in roster if car.number in session_fates],
                           session_fates)
        spacing_us = min(4_000, 110_000 // max(len(grid), 1)) * 1000
        laps[plan.id] = {}
        for slot, car in enumerate(grid):
            driven = drive_session(rng, plan, car.transponder, session_fates[car.number],
                                   car.scatter, Grid(slot, spacing_us))
            crossings += driven
            own = [c.time_us for c in driven if c.loop == SF and c.transponder == car.transponder]
            if own:
                laps[plan.id][car.number] = own
    return crossings, laps


def _grid_order(
    rng: random.Random, cars: list[Entrant], fates: dict[str, Fate]
) -> list[Entrant]:
    """Fastest first, roughly (SCCA TT grid by previous times), with a little shuffle."""
    return sorted(cars, key=lambda car: fates[car.number].pace_s * rng.uniform(0.98, 1.02))


def _course_car(rng: random.Random, date: str, transponder: str) -> list[Crossing]:
    """The course car's inspection lap before the first session: a transponder nobody entered."""
    pit_out = at_time_of_day(date, "08:05") + rng.randint(0, 120_000) * 1000
    first = pit_out + rng.randint(150_000, 190_000) * 1000
    second = first + rng.randint(175_000, 220_000) * 1000
    pit_in = second + rng.randint(7_000, 14_000) * 1000
    return [Crossing(pit_out, transponder, PIT), Crossing(first, transponder, SF),
            Crossing(second, transponder, SF), Crossing(pit_in, transponder, PIT)]


def _with_duplicate_reads(rng: random.Random, crossings: list[Crossing]) -> list[Crossing]:
    """A second decoder read of some start/finish crossings, 0.05-1.5 s after the first."""
    line = [c for c in crossings if c.loop == SF]
    count = min(len(line), max(3, round(len(line) * DUPLICATE_READ_RATE)))
    extra = [
        Crossing(c.time_us + rng.randint(*DUPLICATE_GAP_MS) * 1000, c.transponder, c.loop)
        for c in rng.sample(line, count)
    ]
    return crossings + extra


def _as_passings(crossings: list[Crossing]) -> list[Passing]:
    """Time order, numbered by the decoder from 1."""
    ordered = sorted(crossings, key=lambda c: (c.time_us, c.transponder, c.loop))
    return [
        Passing(c.time_us, c.transponder, c.loop, DECODER, number)
        for number, c in enumerate(ordered, start=1)
    ]
