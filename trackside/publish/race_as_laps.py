"""A race session seen as laps, for the views built for laps (the live board, the lap chart,
the RMonitor output): the classification order is the running order, every counted race lap is
a lap, a car is named by its team (or its driver), and `$G` then carries position by laps with
the race time (endurance.md; issue 12, "the RMonitor output in race mode")."""

from __future__ import annotations

from trackside.core.race_results import (
    RaceEntryResult,
    RaceLap,
    RaceResult,
    RaceSessionResult,
    RaceStatus,
)
from trackside.core.results import ScoredLap, SessionEntryResult, SessionResult, Status

LAP_STATUS = {
    RaceStatus.OK: Status.OK,
    RaceStatus.DNF: Status.OK,
    RaceStatus.NC: Status.OK,
    RaceStatus.DNS: Status.NO_TIME,
    RaceStatus.DISQUALIFIED: Status.DISQUALIFIED,
}
"""A race status as the lap views know statuses: dnf and nc cars still show their laps."""


def race_as_laps(result: RaceSessionResult | RaceResult) -> SessionResult:
    """The race (not the Sprint part) as a lap session, in classification order."""
    race = result.race if isinstance(result, RaceSessionResult) else result
    return SessionResult(
        race.event_id, race.session_id, race.session_name, True,
        tuple(_entry(entry) for entry in race.entries), (), race.flags,
    )  # fmt: skip


def _entry(entry: RaceEntryResult) -> SessionEntryResult:
    laps = tuple(_lap(lap) for lap in entry.lap_list)
    best = None if entry.best_lap is None else _lap(entry.best_lap)
    return SessionEntryResult(entry.number, entry.team or entry.driver, entry.car_class, "",
                              LAP_STATUS[entry.status], entry.position, best, laps)  # fmt: skip


def _lap(lap: RaceLap) -> ScoredLap:
    return ScoredLap(lap.lap, lap.start_us, lap.end_us, True, None)
