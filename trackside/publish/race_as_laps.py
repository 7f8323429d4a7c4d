"""A race session seen as laps, for the views built for laps (the lap chart, the live board,
the RMonitor output): every counted race lap of every car, in race order with its race position;
a race status shown as the nearest session status (dns: no time; disqualified; else ok)."""

from __future__ import annotations

from trackside.core.race_results import RaceEntryResult, RaceLap, RaceSessionResult, RaceStatus
from trackside.core.results import ScoredLap, SessionEntryResult, SessionResult, Status

STATUS = {RaceStatus.DNS: Status.NO_TIME, RaceStatus.DISQUALIFIED: Status.DISQUALIFIED}


def race_as_laps(result: RaceSessionResult) -> SessionResult:
    """The race (not the Sprint part) as a lap session: same entries, order and positions."""
    race = result.race
    return SessionResult(race.event_id, race.session_id, race.session_name, True,
                         tuple(_entry(entry) for entry in race.entries), (), race.flags)


def _entry(entry: RaceEntryResult) -> SessionEntryResult:
    best = None if entry.best_lap is None else _lap(entry.best_lap)
    return SessionEntryResult(entry.number, entry.team or entry.driver, entry.car_class, "",
                              STATUS.get(entry.status, Status.OK), entry.position, best,
                              tuple(map(_lap, entry.lap_list)))  # fmt: skip


def _lap(lap: RaceLap) -> ScoredLap:
    return ScoredLap(lap.lap, lap.start_us, lap.end_us, True)
