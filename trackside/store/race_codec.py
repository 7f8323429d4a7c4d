"""A race session's score (`core.race_results.RaceSessionResult`, endurance.md) as the plain
tuples the results cache marshals (`store/result_codec.py`, payloads tagged `race`), and back.
The flags are not kept: `core.scoring.combine` puts them in."""

from __future__ import annotations

from typing import Any

from trackside.core.formats import BestTime
from trackside.core.race_results import (
    AppliedPenalty,
    Finding,
    Gap,
    RaceEntryResult,
    RaceLap,
    RacePart,
    RaceResult,
    RaceSessionResult,
    RaceStatus,
    Stint,
    Stop,
)

RACE = "race"
"""The first item of a race session's payload."""

_new = tuple.__new__


def _entry(e: RaceEntryResult) -> tuple[Any, ...]:
    return (
        e.number, e.team, e.driver, e.car_class, e.status.value, e.position, e.class_position,
        e.laps, e.race_time_us, None if e.gap_to_winner is None else tuple(e.gap_to_winner),
        None if e.gap_to_ahead is None else tuple(e.gap_to_ahead),
        None if e.best_lap is None else tuple(e.best_lap), tuple(map(tuple, e.lap_list)),
        tuple(map(tuple, e.stops)), tuple(map(tuple, e.stints)), tuple(map(tuple, e.penalties)),
        tuple(map(tuple, e.findings)), e.in_pit,
    )  # fmt: skip


def _result(r: RaceResult) -> tuple[Any, ...]:
    return (r.event_id, r.session_id, r.session_name, r.part.value, r.green_us, r.finish_at_us,
            r.checkered_us, tuple(_entry(e) for e in r.entries),
            tuple(map(tuple, r.findings)))  # fmt: skip


def race_payload(result: RaceSessionResult, best: dict[str, BestTime]) -> tuple[Any, ...]:
    """The tuples for `marshal.dumps`."""
    sprint = None if result.sprint is None else _result(result.sprint)
    times = tuple((n, b.time_us, b.set_us, b.number) for n, b in best.items())
    return (RACE, _result(result.race), sprint, times)


def _gap(value: tuple[Any, ...] | None) -> Gap | None:
    return None if value is None else _new(Gap, value)


def _decoded_entry(row: tuple[Any, ...]) -> RaceEntryResult:
    (number, team, driver, car_class, status, position, class_position, laps, race_time,
     to_winner, to_ahead, best, lap_list, stops, stints, penalties, findings, in_pit) = row
    return RaceEntryResult(
        number, team, driver, car_class, RaceStatus(status), position, class_position, laps,
        race_time, _gap(to_winner), _gap(to_ahead), None if best is None else _new(RaceLap, best),
        tuple([_new(RaceLap, lap) for lap in lap_list]), tuple(_new(Stop, s) for s in stops),
        tuple(_new(Stint, s) for s in stints), tuple(_new(AppliedPenalty, p) for p in penalties),
        tuple(_new(Finding, f) for f in findings), in_pit,
    )  # fmt: skip


def _decoded(data: tuple[Any, ...]) -> RaceResult:
    event_id, session_id, name, part, green, finish_at, checkered, entries, findings = data
    return RaceResult(event_id, session_id, name, RacePart(part), green, finish_at, checkered,
                      tuple(_decoded_entry(e) for e in entries),
                      findings=tuple(_new(Finding, f) for f in findings))  # fmt: skip


def race_score(data: tuple[Any, ...]) -> tuple[RaceSessionResult, dict[str, BestTime]]:
    """The result and best times back from `race_payload`'s tuples."""
    _, race, sprint, times = data
    result = RaceSessionResult(_decoded(race), None if sprint is None else _decoded(sprint))
    return result, {n: BestTime(t, s, lap) for n, t, s, lap in times}
