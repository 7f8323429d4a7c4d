"""Run result records: what the run scorer produces for a TrackSprint or HillClimb session and
the run renderers read (tracksprint.md, "Session results"). Times in microseconds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from trackside.core.results import FlagStanding, Status


class ScoredRun(NamedTuple):
    """A run of one car in one session with its number and, when it does not count, why.

    `penalty_us` is the cones' time (cones x the session's `cone_penalty_s`)."""

    run: int
    start_us: int
    finish_us: int | None
    cones: int = 0
    penalty_us: int = 0
    valid: bool = True
    reason: str | None = None

    @property
    def raw_us(self) -> int | None:
        """Finish - start; None for a run with no finish."""
        return None if self.finish_us is None else self.finish_us - self.start_us

    @property
    def time_us(self) -> int | None:
        """The run's final time: raw time + cones x cone penalty."""
        raw = self.raw_us
        return None if raw is None else raw + self.penalty_us


@dataclass(frozen=True, slots=True)
class RunEntryResult:
    number: str
    driver: str
    car_class: str
    group: str
    status: Status
    position: int | None
    best_run: ScoredRun | None
    runs: tuple[ScoredRun, ...]

    @property
    def counting_runs(self) -> tuple[ScoredRun, ...]:
        return tuple(run for run in self.runs if run.valid)


class TimingNote(NamedTuple):
    """A trip, passing or decision reported to the operator: an orphan start or finish, an
    ignored duplicate, a second car on a hillclimb course, a dnf that took no car off."""

    time_us: int
    kind: str
    """`orphan-start`, `orphan-finish`, `duplicate`, `second-car-on-course`, `dnf-not-on-course`,
    `release-while-waiting`."""
    text: str


@dataclass(frozen=True, slots=True)
class RunSessionResult:
    event_id: str
    session_id: str
    session_name: str
    scored: bool
    format: str
    timing: str
    entries: tuple[RunEntryResult, ...]
    orphan_starts: tuple[int, ...] = ()
    """Start trips no released car took: kept and reported, never a run (lights rule 2)."""
    orphan_finishes: tuple[int, ...] = ()
    """Finish trips with no car on course: kept and reported (lights rule 3)."""
    notes: tuple[TimingNote, ...] = ()
    """Everything reported to the operator, in time order (orphans included)."""
    flags: tuple[FlagStanding, ...] = ()
    on_course: tuple[tuple[str, int], ...] = ()
    """(car number, start time) of every car started and not yet finished nor dnf, in course
    order (the order they will finish under lights): the live page's "on course"."""
    unknown: tuple = ()
    """Always empty: kept so callers that recount unknown transponders read every result."""
