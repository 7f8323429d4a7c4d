"""A race session seen as laps, for the views built for laps (the live board, the lap chart,
the RMonitor output): the classification order is the running order, every counted race lap is
a lap, a car is named by its team (or its driver), and `$G` then carries position by laps with
the race time (endurance.md; issue 12, "the RMonitor output in race mode")."""

from __future__ import annotations

from trackside.core.race_results import (
    RaceEntryResult,
    RaceLap,
    RacePart,
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
    key = (race.event_id, race.session_id, race.part.value)
    last = _LAST.get(key)
    if last is not None and last[0] is race:
        return last[1]
    seen = SessionResult(
        race.event_id, race.session_id, race.session_name, True,
        tuple(_entry(race, entry) for entry in race.entries), (), race.flags,
    )  # fmt: skip
    _LAST[key] = (race, seen)
    return seen


_LAST: dict[tuple[str, str, str], tuple[RaceResult, SessionResult]] = {}
"""(event, session, part) -> the last race result converted and its lap session. Every view of
one live snapshot (the board's views, its patches, the RMonitor output) converts the same
(immutable) result: it is converted once, not once per view. One entry per race session."""


_KEPT: dict[tuple[str, str, str], tuple[tuple[RaceLap, ...], tuple[ScoredLap, ...]]] = {}
"""(event, session, car) -> its last race laps and those laps as lap records. The live engine
gives a car that did not change the very same laps tuple (`core.race_live`): the live board,
its row cache (`web/board.RowCache`) and the RMonitor output then convert only the car that
changed, not every lap of the race on every passing. One entry per car: bounded by the cars."""


def _laps(race: RaceResult, entry: RaceEntryResult) -> tuple[ScoredLap, ...]:
    key = (race.event_id, race.session_id, entry.number)
    kept = _KEPT.get(key)
    if kept is not None and kept[0] is entry.lap_list:
        return kept[1]
    laps = tuple(_lap(lap) for lap in entry.lap_list)
    _KEPT[key] = (entry.lap_list, laps)
    return laps


def _entry(race: RaceResult, entry: RaceEntryResult) -> SessionEntryResult:
    laps = _laps(race, entry) if race.part is RacePart.RACE else tuple(map(_lap, entry.lap_list))
    best = None if entry.best_lap is None else _lap(entry.best_lap)
    return SessionEntryResult(entry.number, entry.team or entry.driver, entry.car_class, "",
                              LAP_STATUS[entry.status], entry.position, best, laps)  # fmt: skip


def _lap(lap: RaceLap) -> ScoredLap:
    return ScoredLap(lap.lap, lap.start_us, lap.end_us, True, None)
