"""A run session seen as laps, for the views built for laps (the live board, the lap chart):
each run is a lap from its start to its start plus its final time (cones included), a run with
no finish a lap of no time that does not count (tracksprint.md; the issue asks the RMonitor
output to carry runs as laps too)."""

from __future__ import annotations

from trackside.core.race_results import RaceSessionResult
from trackside.core.results import ScoredLap, SessionEntryResult, SessionResult
from trackside.core.run_results import RunEntryResult, RunSessionResult, ScoredRun
from trackside.publish.race_as_laps import race_as_laps


def runs_as_laps(result: RunSessionResult) -> SessionResult:
    """The run session as a lap session: the same entries, positions and statuses."""
    return SessionResult(
        result.event_id, result.session_id, result.session_name, result.scored,
        tuple(_entry(entry) for entry in result.entries), (), result.flags,
    )  # fmt: skip


def as_lap_session(result: object) -> SessionResult:
    """`result` itself when it is a lap session, else its runs (or its race laps) as laps."""
    if isinstance(result, RunSessionResult):
        return runs_as_laps(result)
    if isinstance(result, RaceSessionResult):
        return race_as_laps(result)
    return result  # type: ignore[return-value]


def _entry(entry: RunEntryResult) -> SessionEntryResult:
    laps = tuple(_lap(run) for run in entry.runs)
    best = None if entry.best_run is None else _lap(entry.best_run)
    return SessionEntryResult(entry.number, entry.driver, entry.car_class, entry.group,
                              entry.status, entry.position, best, laps)  # fmt: skip


def _lap(run: ScoredRun) -> ScoredLap:
    time_us = run.time_us
    if time_us is None:
        return ScoredLap(run.run, run.start_us, run.start_us, False, run.reason or "dnf")
    return ScoredLap(run.run, run.start_us, run.start_us + time_us, run.valid, run.reason)
