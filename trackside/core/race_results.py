"""Race result records: what the race scorer produces for a `race` session and the race
renderers read (endurance.md, "Classification", "Race JSON"). Times in microseconds."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from trackside.core.results import FlagStanding


class RaceStatus(StrEnum):
    """A car's status in a race classification (endurance.md, "Classification" 2)."""

    OK = "ok"
    DNF = "dnf"
    NC = "nc"
    DNS = "dns"
    DISQUALIFIED = "disqualified"


class RacePart(StrEnum):
    RACE = "race"
    SPRINT = "sprint"
    """SprintDuro: the classification at G + `sprint_min` (endurance.md, "SprintDuro")."""


class RaceLap(NamedTuple):
    """A completed race lap: lap 1 runs from the car's start crossing (or G)."""

    lap: int
    start_us: int
    end_us: int

    @property
    def time_us(self) -> int:
        return self.end_us - self.start_us


class Gap(NamedTuple):
    """A gap to another car: in laps when the laps differ, else in time."""

    laps: int
    time_us: int | None
    """Set when `laps` is 0."""


class Stop(NamedTuple):
    """A pit stop: pit-in then the next pit-out, or an official's record."""

    in_us: int
    out_us: int
    mandatory: bool
    """It served the mandatory stop (endurance.md, "Pit stops and the mandatory stop")."""
    source: str = "loops"
    """`loops` or `official`."""

    @property
    def duration_us(self) -> int:
        return self.out_us - self.in_us


class Stint(NamedTuple):
    """A driver's time in the car (endurance.md, "Drivers and stints")."""

    driver: str
    start_us: int
    end_us: int

    @property
    def duration_us(self) -> int:
        return self.end_us - self.start_us


class AppliedPenalty(NamedTuple):
    """A race decision as applied to a car, and whether it changed the car's place."""

    decision_id: int | None
    """None for the automatic missed-stop penalty."""
    kind: str
    """The decision kind, or `missed-stop`."""
    detail: str
    """e.g. `+30.000 s`, `-2 laps`, `3 places`, `served 14:02:11.000`, `unserved: +60 s`."""
    changed_place: bool


class Finding(NamedTuple):
    """Something for the officials to look at, never an automatic penalty."""

    kind: str
    """`long-stint`, `short-rest`, `solo-over-3h`, `solo-exit-unconfirmed`, `pit-out-without-in`,
    `unknown-driver`, ..."""
    message: str
    at_us: int | None = None


@dataclass(frozen=True, slots=True)
class RaceEntryResult:
    number: str
    team: str
    driver: str
    """The entry's first driver (the entry row)."""
    car_class: str
    status: RaceStatus
    position: int | None
    class_position: int | None
    laps: int
    """Counted laps after any laps deducted."""
    race_time_us: int | None
    """Last counted crossing - G, plus time added; None with no lap."""
    gap_to_winner: Gap | None
    gap_to_ahead: Gap | None
    best_lap: RaceLap | None
    lap_list: tuple[RaceLap, ...]
    stops: tuple[Stop, ...]
    stints: tuple[Stint, ...]
    penalties: tuple[AppliedPenalty, ...]
    findings: tuple[Finding, ...]
    in_pit: bool = False
    """The car's last loop passing was a pit-in (the live page's in-pit status)."""


@dataclass(frozen=True, slots=True)
class RaceResult:
    event_id: str
    session_id: str
    session_name: str
    part: RacePart
    green_us: int | None
    """The session's first green; None: the race has not started (every car `dns`)."""
    finish_at_us: int | None
    """T: G + the scheduled (or Sprint) time, or an earlier checkered flag."""
    checkered_us: int | None
    """C: the leader's first crossing at or after T; None before the leader took it."""
    entries: tuple[RaceEntryResult, ...]
    flags: tuple[FlagStanding, ...] = ()
    findings: tuple[Finding, ...] = ()
    """Findings not tied to one car (an unknown transponder on a pit loop, ...)."""


@dataclass(frozen=True, slots=True)
class RaceSessionResult:
    """A race session's results: the race and, for a SprintDuro, the Sprint."""

    race: RaceResult
    sprint: RaceResult | None = None

    @property
    def session_id(self) -> str:
        return self.race.session_id

    @property
    def unknown(self) -> tuple:
        """Always empty (a race reports unknown transponders as findings): kept, as on
        `RunSessionResult`, so callers that recount unknown transponders read every result."""
        return ()
