"""One immutable record per RMonitor line type, each with the line it came from.

Field layouts follow the RMonitor Timing Protocol v1.0 (AMB/Track Timing, 2010) and, for `$L`
and `$T`, the IMSA Enhanced RMon Timing Protocol v1.03 (2015); see docs/rmonitor.md. Times are
integer microseconds: durations, or times of day since midnight.
"""

from __future__ import annotations

from dataclasses import dataclass

from trackside.timing.rmonitor.times import NO_TIME_US


@dataclass(frozen=True, slots=True)
class Heartbeat:
    """`$F`: sent every second while a session runs."""

    line: int
    laps_to_go: int
    time_to_go_us: int
    time_of_day_us: int
    race_time_us: int
    flag: str
    """Orbits' flag text without its padding: `Green`, `Yellow`, `Red`, `Finish`, or `` (none)."""


@dataclass(frozen=True, slots=True)
class Competitor:
    """`$A`: a competitor and the transponder it carries."""

    line: int
    registration: str
    number: str
    transponder: str
    first_name: str
    last_name: str
    nationality: str
    class_number: int | None


@dataclass(frozen=True, slots=True)
class CompetitorExt:
    """`$COMP`: a competitor without its transponder, with additional data."""

    line: int
    registration: str
    number: str
    class_number: int | None
    first_name: str
    last_name: str
    nationality: str
    additional_data: str


@dataclass(frozen=True, slots=True)
class Run:
    """`$B`: the run (session) being timed, by its unique number."""

    line: int
    unique_number: int
    description: str


@dataclass(frozen=True, slots=True)
class RaceClass:
    """`$C`: a class by its unique number."""

    line: int
    unique_number: int
    description: str


@dataclass(frozen=True, slots=True)
class Setting:
    """`$E`: a setting such as TRACKNAME or TRACKLENGTH."""

    line: int
    name: str
    value: str


@dataclass(frozen=True, slots=True)
class RacePosition:
    """`$G`: a competitor's race position, laps completed (None before its first lap) and total
    time (00:59:59.999 before its first passing)."""

    line: int
    position: int
    registration: str
    laps: int | None
    total_time_us: int


@dataclass(frozen=True, slots=True)
class BestLap:
    """`$H`: a competitor's practice/qualifying position by best lap."""

    line: int
    position: int
    registration: str
    best_lap: int
    best_lap_time_us: int

    @property
    def has_time(self) -> bool:
        """False for Orbits' "no best lap yet" (lap 0, time 00:59:59.999)."""
        return self.best_lap > 0 and self.best_lap_time_us != NO_TIME_US


@dataclass(frozen=True, slots=True)
class Init:
    """`$I`: reset the scoreboard; its time of day and ISO date."""

    line: int
    time_of_day_us: int
    date: str


@dataclass(frozen=True, slots=True)
class LapRecord:
    """`$J`: a competitor crossed the main timeline: the lap just ended and its total time."""

    line: int
    registration: str
    lap_time_us: int
    total_time_us: int


@dataclass(frozen=True, slots=True)
class Correction:
    """`$COR`: a corrected finish time."""

    line: int
    registration: str
    number: str
    laps: int
    total_time_us: int
    correction_us: int


@dataclass(frozen=True, slots=True)
class Crossing:
    """`$L` (IMSA/Orbits): a crossing of a timeline (loop). `number` is the car number, or
    `Tx<transponder>` for a transponder no competitor carries yet."""

    line: int
    number: str
    timeline: str
    timeline_name: str
    date: str
    time_of_day_us: int
    driver_id: int | None = None
    class_name: str | None = None


@dataclass(frozen=True, slots=True)
class TrackSection:
    name: str
    start: str
    end: str
    distance: int


@dataclass(frozen=True, slots=True)
class TrackDescription:
    """`$T` (IMSA): the track and its sections between timelines."""

    line: int
    name: str
    short_name: str
    distance: str
    sections: tuple[TrackSection, ...]


Record = (
    Heartbeat
    | Competitor
    | CompetitorExt
    | Run
    | RaceClass
    | Setting
    | RacePosition
    | BestLap
    | Init
    | LapRecord
    | Correction
    | Crossing
    | TrackDescription
)
