"""A seeded IMG SprintDuro weekend day (`shared/rules/img-endurance-racing.txt`,
`shared/spec/endurance.md`): practice, qualifying and a 2-hour race whose first 30 minutes are
also a Sprint result, at Sonoma Raceway.

Thirty cars in four IMG Performance Index classes, most run by teams of two or three drivers,
a few solo. Pit lane has a pit-in and a pit-out loop; the start/finish line crosses the track
only, so a stop makes that lap long. Every car makes its one mandatory stop between 35 and 85
minutes, with a driver change for a team, except one car that never stops (the missed stop).
One car retires after about 70 minutes; two cars touch in qualifying (both gridded last).

Standard library only (plus `trackside.core`), like the Time Trials generator.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from trackside.core.clock import at_time_of_day
from trackside.core.records import Flag, FlagState, Passing

from .files import (
    FLAG_COLUMNS,
    PASSING_COLUMNS,
    flag_rows,
    passing_rows,
    toml_list,
    toml_string,
    write_csv,
    write_entries,
)
from .roster import FIRST_NAMES, LAST_NAMES, draw_transponders

DATE = "2026-06-20"
EVENT_ID = f"img-enduro-sonoma-{DATE}"
SF, PIT_IN, PIT_OUT = "SF", "PIT-IN", "PIT-OUT"
MINUTE_US = 60_000_000
RACE_MIN, SPRINT_MIN, MIN_STOP_S = 120, 30, 90
MIN_LAP_S = 60.0
CARS = 30
DECODER = "1"
STEWARD = "Dana Whitfield, Chief Steward"
PIT_MARSHAL = "Luis Ortega, Pit Marshal"

CLASSES = {"A": 101.0, "B": 104.5, "C": 108.0, "D": 112.0}
"""IMG Performance Index classes and a good driver's race lap there (Sonoma, 4.05 km), s."""
CLASS_SHARE = {"A": 6, "B": 9, "C": 9, "D": 6}
TEAM_NAMES = (
    "Redline Endurance", "Apex Hunters", "NorCal Track Rats", "Sierra Speed Group",
    "Bay Area Bimmers", "Pacific Miata Club", "Wine Country Racing", "Petaluma Grease Monkeys",
    "Late Apex Racing", "Carquinez Crew", "Delta Dogs", "Sonoma Lap Lords", "Rusty Cage Racing",
    "Bad Idea Motorsport", "Three Pedal Mafia", "Sideways Society", "Cheap Speed Racing",
    "Tire Smoke Collective", "Green Flag Garage", "Yellow Flag Yachting", "Pit Lane Poets",
    "Turn Eleven Racing", "Carousel Club", "Hairpin Heroes", "Chicane Chasers",
    "Budget Brake Racing", "Valley Rally Team", "Hillside Motorworks", "Golden Gate GT",
    "Marin Motor Club",
)
PIT_LANE_IN_MS = (4_000, 6_000)
"""From the pit-in loop (before the line) to the end of the lap had the car stayed out."""
STOP_MS = {"change": (150_000, 210_000), "solo": (100_000, 140_000)}
"""Pit-in to pit-out: a driver change with belts and fuel, or a solo driver's fuel stop
(out of the car with both feet on the ground)."""


@dataclass(frozen=True, slots=True)
class Team:
    number: str
    team: str
    car_class: str
    transponder: str
    drivers: tuple[tuple[str, str], ...]
    """(first, last) in roster order; one for a solo entry."""
    pace_s: float

    @property
    def solo(self) -> bool:
        return len(self.drivers) == 1

    def entry_row(self) -> dict[str, str]:
        first, last = self.drivers[0]
        return {"number": self.number, "first_name": first, "last_name": last,
                "class": self.car_class, "group": "All", "transponder": self.transponder,
                "team": self.team}

    def roster_rows(self) -> list[dict[str, str]]:
        return [{"number": self.number, "first_name": f, "last_name": n}
                for f, n in self.drivers]


@dataclass(frozen=True, slots=True)
class Contact:
    """Body contact in a session (IMG no-contact policy): both cars gridded last."""

    session_id: str
    numbers: tuple[str, str]
    at_us: int
    author: str = STEWARD


@dataclass(frozen=True, slots=True)
class DriverSwap:
    """A driver change at a stop, as the pit marshal declares it (`trackside driver change`)."""

    session_id: str
    number: str
    driver: str
    at_us: int
    author: str = PIT_MARSHAL


@dataclass(frozen=True, slots=True)
class SoloExit:
    """The pit marshal saw the solo driver fully out of the car during the stop."""

    session_id: str
    number: str
    author: str = PIT_MARSHAL


@dataclass(frozen=True, slots=True)
class EnduroFiles:
    event: Path
    entries: Path
    roster: Path
    passings: Path
    flags: Path


@dataclass(frozen=True)
class GeneratedEnduro:
    event_id: str
    event_toml: str
    teams: tuple[Team, ...]
    passings: list[Passing]
    flags: list[Flag]
    contact: Contact
    swaps: tuple[DriverSwap, ...]
    solo_exits: tuple[SoloExit, ...]
    missed_stop: str
    """The car that never makes its mandatory stop."""
    retired: str
    """The car that retires after about 70 minutes."""

    def write(self, out_dir: Path | str) -> EnduroFiles:
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        event = out / "event.toml"
        event.write_text(self.event_toml, encoding="utf-8")
        roster = [row for team in self.teams for row in team.roster_rows()]
        return EnduroFiles(
            event=event,
            entries=write_entries(out / "entries.csv", [t.entry_row() for t in self.teams]),
            roster=write_csv(out / "roster.csv", ("number", "first_name", "last_name"),
                             ([r["number"], r["first_name"], r["last_name"]] for r in roster)),
            passings=write_csv(out / "passings.csv", PASSING_COLUMNS, passing_rows(self.passings)),
            flags=write_csv(out / "flags.csv", FLAG_COLUMNS, flag_rows(self.flags)),
        )


@dataclass(frozen=True, slots=True)
class _Session:
    id: str
    name: str
    format: str
    start: str
    duration_min: int

    @property
    def green_us(self) -> int:
        return at_time_of_day(DATE, self.start) + 3 * MINUTE_US

    @property
    def end_us(self) -> int:
        return self.green_us + self.duration_min * MINUTE_US


SESSIONS = (
    _Session("P1", "Practice", "practice", "09:00", 30),
    _Session("Q1", "Qualifying", "qualifying", "10:15", 20),
    _Session("R1", "SprintDuro", "race", "13:00", RACE_MIN),
)


def generate_enduro(seed: int = 2026, cars: int = CARS) -> GeneratedEnduro:
    """The SprintDuro day: the same seed gives the same day."""
    rng = random.Random(seed)
    teams = _teams(rng, cars)
    missed, retired = (t.number for t in rng.sample(teams[3:], 2))
    crossings: list[tuple[int, str, str]] = []
    flags: list[Flag] = []
    for session in SESSIONS[:2]:
        crossings += _practice(rng, session, teams)
        flags += _flags(session.id, session.green_us, session.end_us)
    race_crossings, swaps, exits, checkered = _race(rng, SESSIONS[2], teams, missed, retired)
    crossings += race_crossings
    flags += _flags("R1", SESSIONS[2].green_us, checkered)
    pair = rng.sample(teams[:12], 2)
    contact = Contact("Q1", (pair[0].number, pair[1].number),
                      SESSIONS[1].green_us + rng.randint(4, 15) * MINUTE_US)
    return GeneratedEnduro(
        event_id=EVENT_ID, event_toml=enduro_toml(), teams=tuple(teams),
        passings=_as_passings(crossings), flags=flags, contact=contact, swaps=tuple(swaps),
        solo_exits=tuple(exits), missed_stop=missed, retired=retired,
    )


def _teams(rng: random.Random, cars: int) -> list[Team]:
    names = rng.sample([(f, n) for f in FIRST_NAMES for n in LAST_NAMES], cars * 3)
    numbers = sorted(rng.sample(range(2, 200), cars))
    transponders = draw_transponders(rng, cars)
    classes = [c for c, n in CLASS_SHARE.items() for _ in range(n)]
    classes = (classes * (cars // len(classes) + 1))[:cars]
    rng.shuffle(classes)
    teams = []
    for i, number in enumerate(numbers):
        size = rng.choices((1, 2, 3), weights=(2, 5, 3))[0]
        teams.append(Team(
            number=str(number), team=TEAM_NAMES[i % len(TEAM_NAMES)], car_class=classes[i],
            transponder=transponders[i], drivers=tuple(names[3 * i:3 * i + size]),
            pace_s=CLASSES[classes[i]] * rng.uniform(1.0, 1.06),
        ))
    return teams


def _lap_us(rng: random.Random, pace_s: float) -> int:
    seconds = pace_s * (1 + rng.gauss(0, 0.006))
    if rng.random() < 0.08:
        seconds += rng.uniform(1.0, 6.0)  # traffic
    return round(seconds * 1000) * 1000


def _practice(rng: random.Random, session: _Session, teams: list[Team]) -> list[tuple]:
    """Out lap from pit-out, flying laps to the checkered, in lap to pit-in."""
    out = []
    for slot, team in enumerate(teams):
        t = session.green_us - 90_000_000 + slot * 3_000_000
        out.append((t, team.transponder, PIT_OUT))
        t += round(team.pace_s * 1.25 * 1000) * 1000
        while True:
            out.append((t, team.transponder, SF))
            if t >= session.end_us:
                break
            t += _lap_us(rng, team.pace_s * 1.01)
        out.append((t + round(team.pace_s * 1.2e6) - rng.randint(*PIT_LANE_IN_MS) * 1000,
                    team.transponder, PIT_IN))
    return out


def _race(
    rng: random.Random, session: _Session, teams: list[Team], missed: str, retired: str
) -> tuple[list[tuple], list[DriverSwap], list[SoloExit], int]:
    """Every race crossing, the declared driver changes and solo exits, and the checkered."""
    green = session.green_us
    finish_at = session.end_us
    starts = {t.number: green + 400_000 + slot * 1_100_000
              for slot, t in enumerate(sorted(teams, key=lambda t: t.pace_s))}
    plans = {t.number: _stop_plan(rng, green) for t in teams}
    laps = {t.number: _race_laps(rng, t, starts[t.number], plans[t.number],
                                 t.number == missed, t.number == retired, green)
            for t in teams}
    checkered = _leader_checkered(laps, finish_at)
    crossings: list[tuple] = []
    swaps: list[DriverSwap] = []
    exits: list[SoloExit] = []
    for team in teams:
        car_laps, stop = laps[team.number]
        finished = [t for t in car_laps if t < checkered]
        taken = next((t for t in car_laps if t >= checkered), None)
        for t in finished + ([taken] if taken else []):
            crossings.append((t, team.transponder, SF))
        if stop is not None:
            crossings += [(stop[0], team.transponder, PIT_IN), (stop[1], team.transponder, PIT_OUT)]
            if team.solo:
                exits.append(SoloExit("R1", team.number))
            else:
                first, last = team.drivers[1]
                swaps.append(DriverSwap("R1", team.number, f"{first} {last}", stop[0] + 30_000_000))
        if taken is not None:
            crossings.append((taken + round(team.pace_s * 1.3e6), team.transponder, PIT_IN))
    return crossings, swaps, exits, checkered


def _stop_plan(rng: random.Random, green_us: int) -> int:
    """When a car means to come in: between 35 and 85 minutes."""
    return green_us + rng.randint(35 * 60, 85 * 60) * 1_000_000


def _race_laps(
    rng: random.Random, team: Team, start_us: int, stop_after_us: int,
    skips_stop: bool, retires: bool, green_us: int,
) -> tuple[list[int], tuple[int, int] | None]:
    """The car's start/finish crossings (its start first) and its stop (pit-in, pit-out)."""
    times, t, stop = [start_us], start_us, None
    end = green_us + (RACE_MIN + 6) * MINUTE_US
    retire_at = green_us + rng.randint(66, 74) * MINUTE_US if retires else None
    while t < end:
        lap = _lap_us(rng, team.pace_s)
        if stop is None and not skips_stop and t + lap > stop_after_us:
            pit_in = t + lap - rng.randint(*PIT_LANE_IN_MS) * 1000
            kind = "solo" if team.solo else "change"
            pit_out = pit_in + rng.randint(*STOP_MS[kind]) * 1000
            stop = (pit_in, pit_out)
            lap = pit_out - t + round(team.pace_s * 0.04e6)
        if retire_at is not None and t + lap > retire_at:
            break
        t += lap
        times.append(t)
    return times, stop


def _leader_checkered(laps: dict[str, tuple[list[int], object]], finish_at_us: int) -> int:
    """The leader at T (most laps by T, first to complete them) takes the checkered at its
    first crossing at or after T (endurance.md, "The finish")."""
    def at_t(number: str) -> tuple[int, int]:
        done = [t for t in laps[number][0] if t < finish_at_us]
        return (-(len(done) - 1), done[-1])
    leader = min(laps, key=at_t)
    return next(t for t in laps[leader][0] if t >= finish_at_us)


def _flags(session_id: str, green_us: int, end_us: int) -> list[Flag]:
    return [Flag(session_id, FlagState.GREEN, green_us),
            Flag(session_id, FlagState.CHECKERED, end_us)]


def _as_passings(crossings: list[tuple]) -> list[Passing]:
    ordered = sorted(crossings)
    return [Passing(t, tr, loop, DECODER, n) for n, (t, tr, loop) in enumerate(ordered, 1)]


def _toml_bool(value: bool) -> str:
    return "true" if value else "false"


def enduro_toml() -> str:
    """The event file: IMG rules, three sessions, the race's SprintDuro settings."""
    lines = [
        "[event]", f"id = {toml_string(EVENT_ID)}",
        f"name = {toml_string('IMG SprintDuro, Sonoma Raceway')}",
        f"date = {toml_string(DATE)}", "days = 1", 'ruleset = "img"',
        f"min_lap_s = {MIN_LAP_S:.1f}",
        "", "[track]", 'name = "Sonoma Raceway"', "length_m = 4052",
        f"start_finish_loop = {toml_string(SF)}",
    ]
    for s in SESSIONS:
        lines += ["", "[[session]]", f"id = {toml_string(s.id)}", f"name = {toml_string(s.name)}",
                  f"format = {toml_string(s.format)}",
                  f"scored = {_toml_bool(s.format != 'practice')}",
                  f"groups = {toml_list(['All'])}", f"start = {toml_string(s.start)}",
                  f"duration_min = {s.duration_min}"]
    lines += [
        f"sprint_min = {SPRINT_MIN}", "mandatory_stops = 1", f"min_stop_s = {MIN_STOP_S}",
        'missed_stop = "last-in-class"', f"pit_in_loop = {toml_string(PIT_IN)}",
        f"pit_out_loop = {toml_string(PIT_OUT)}", "max_stint_min = 180", "min_rest_min = 60",
        "min_classified_pct = 50",
    ]
    return "\n".join(lines) + "\n"
