"""The scoreboard an RMonitor client is shown, as of one snapshot of results: pure data.

The run is the session running now (`core.session_clock.current_session`); its clock is the
one every display shows (`core.session_clock`: green-flag time, RMD 1.6). Its competitors
are the session's entries; positions (`$G`) and best-lap positions (`$H`) are trackside's
running order by best valid lap; a car's crossings are the lap boundaries of its session laps.
A run session's (TrackSprint, HillClimb) runs are its laps: a car's crossings are its first
finished run's start and each finished run's finish, each with the run's own time (cones
included), so that `$J` carries run times; a run with no finish (a car on course, a dnf) is no
crossing.
"""

from __future__ import annotations

from dataclasses import dataclass

from trackside.core.flags_in_force import flags_in_force
from trackside.core.periods import SessionWindow, ordered, session_windows
from trackside.core.records import Entry, EventFacts, Flag
from trackside.core.results import SessionEntryResult
from trackside.core.run_results import RunEntryResult, RunSessionResult
from trackside.core.scoring import Scored
from trackside.core.session_clock import SessionClock, clock_of, current_session, duration_us
from trackside.publish.runs_as_laps import as_lap_session
from trackside.timing.rmonitor.write import class_numbers


@dataclass(frozen=True, slots=True)
class Standing:
    """One car on the board."""

    number: str
    position: int
    crossings: tuple[int, ...]
    best_lap: int | None
    best_time_us: int | None
    lap_times: tuple[int, ...] = ()
    """The time of the lap (run) ending at each crossing after the first; empty: the time
    between crossings (laps follow each other)."""


@dataclass(frozen=True, slots=True)
class Board:
    session_id: str | None
    run_number: int
    run_name: str
    window: SessionWindow | None
    """The session's green periods, once it has gone green."""
    duration_us: int | None
    flags: tuple[Flag, ...]
    classes: dict[str, int]
    competitors: tuple[Entry, ...]
    standings: tuple[Standing, ...]

    @property
    def flag(self) -> Flag | None:
        return self.flags[-1] if self.flags else None

    @property
    def start_us(self) -> int | None:
        """The session's first green: race time 0."""
        return self.window.first_green_us if self.window else None

    def clock(self, time_us: int) -> SessionClock:
        """The session clock at a track time."""
        return clock_of(self.session_id or "", self.flags, self.window, self.duration_us, time_us)


EMPTY = Board(None, 0, "", None, None, (), {}, (), ())


def board_of(facts: EventFacts, scored: Scored) -> Board:
    """The board of the current session of a snapshot."""
    flags = flags_in_force(facts)
    windows = session_windows(flags)
    session_id = current_session(facts.event, windows, None)
    if session_id is None:
        return EMPTY
    session = facts.event.session(session_id)
    window = next((w for w in windows if w.session_id == session_id), None)
    scored_session = scored.sessions.get(session_id)
    result = as_lap_session(scored_session) if scored_session is not None else None
    rows = result.entries if result else ()
    runs = ({e.number: e for e in scored_session.entries}
            if isinstance(scored_session, RunSessionResult) else {})  # fmt: skip
    competitors = _competitors(facts, rows)
    return Board(
        session_id,
        1 + [s.id for s in facts.event.sessions].index(session_id),
        session.name if session else session_id,
        window,
        duration_us(facts.event, session_id),
        tuple(ordered(f for f in flags if f.session_id == session_id)),
        class_numbers(competitors),
        competitors,
        tuple(_standing(position, row, runs.get(row.number))
              for position, row in enumerate(rows, start=1)),  # fmt: skip
    )


def _competitors(facts: EventFacts, rows: tuple[SessionEntryResult, ...]) -> tuple[Entry, ...]:
    by_number = {entry.number: entry for entry in facts.entries}
    return tuple(by_number[row.number] for row in rows if row.number in by_number)


def _standing(
    position: int, row: SessionEntryResult, runs: RunEntryResult | None = None
) -> Standing:
    best = row.best_lap
    lap, time_us = (best.lap, best.time_us) if best else (None, None)
    if runs is not None:
        finished = [run for run in runs.runs if run.finish_us is not None]
        crossings = (finished[0].start_us, *(run.finish_us for run in finished)) \
            if finished else ()  # fmt: skip
        times = tuple(run.time_us for run in finished if run.time_us is not None)
        return Standing(row.number, position, crossings, lap, time_us, times)
    crossings = (row.laps[0].start_us, *(lap.end_us for lap in row.laps)) if row.laps else ()
    return Standing(row.number, position, crossings, lap, time_us)
