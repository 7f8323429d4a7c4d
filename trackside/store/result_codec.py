"""A session's score as bytes for the results cache, and back.

Plain tuples of ints, strings, booleans and None, written with `marshal`: for the ~25,000
laps of a big day's sessions it reads back several times faster than pickle or JSON
(bench/score_event.py), because the laps are rebuilt as named tuples without their keyword
handling. `marshal`'s format belongs to the Python version, which the cache key names
(`services.results_cache.CODE_VERSION`).
"""

from __future__ import annotations

import marshal
from typing import Any

from trackside.core.formats import BestTime
from trackside.core.race_results import RaceSessionResult
from trackside.core.results import (
    ScoredLap,
    SessionEntryResult,
    SessionResult,
    Status,
    UnknownTransponder,
)
from trackside.core.run_results import RunEntryResult, RunSessionResult, ScoredRun, TimingNote
from trackside.core.scoring import SessionScore
from trackside.store.race_codec import RACE, race_payload, race_score

FORMAT = f"marshal-{marshal.version}-runs2-race1"
"""The payloads' layout: changed when a result record gains a field (runs2: `on_course`;
race1: race sessions, `store/race_codec.py`)."""


_RUNS = "runs"
"""The first item of a run session's payload (a lap session's is its head tuple)."""


def encode_score(score: SessionScore) -> bytes:
    result = score.result
    if isinstance(result, RunSessionResult):
        return _encode_runs(score, result)
    if isinstance(result, RaceSessionResult):
        return marshal.dumps(race_payload(result, score.best))
    rows = tuple(
        (r.number, r.driver, r.car_class, r.group, r.status.value, r.position,
         None if r.best_lap is None else tuple(r.best_lap), tuple(map(tuple, r.laps)))
        for r in result.entries
    )  # fmt: skip
    unknown = tuple((u.transponder, u.passings, tuple(map(tuple, u.laps))) for u in result.unknown)
    best = tuple((n, b.time_us, b.set_us, b.number) for n, b in score.best.items())
    head = (result.event_id, result.session_id, result.session_name, result.scored)
    return marshal.dumps((head, rows, unknown, best))


def decode_score(payload: bytes) -> SessionScore:
    data = marshal.loads(payload)
    if data[0] == _RUNS:
        return _decode_runs(data)
    if data[0] == RACE:
        return SessionScore(*race_score(data))
    head, rows, unknown, best = data
    result = SessionResult(
        *head,
        tuple(_row(*row) for row in rows),
        tuple(UnknownTransponder(t, count, _laps(laps)) for t, count, laps in unknown),
    )
    return SessionScore(result, {n: BestTime(t, s, lap) for n, t, s, lap in best})


_new = tuple.__new__


def _laps(laps: tuple[tuple[Any, ...], ...]) -> tuple[ScoredLap, ...]:
    return tuple([_new(ScoredLap, lap) for lap in laps])


def _row(
    number: str, driver: str, car_class: str, group: str, status: str, position: int | None,
    best: tuple[Any, ...] | None, laps: tuple[tuple[Any, ...], ...],
) -> SessionEntryResult:
    return SessionEntryResult(
        number, driver, car_class, group, Status(status), position,
        None if best is None else _new(ScoredLap, best), _laps(laps),
    )  # fmt: skip


def _encode_runs(score: SessionScore, result: RunSessionResult) -> bytes:
    """A run session (tracksprint.md) as plain tuples, tagged `runs`."""
    rows = tuple(
        (r.number, r.driver, r.car_class, r.group, r.status.value, r.position,
         None if r.best_run is None else tuple(r.best_run), tuple(map(tuple, r.runs)))
        for r in result.entries
    )  # fmt: skip
    head = (result.event_id, result.session_id, result.session_name, result.scored,
            result.format, result.timing)  # fmt: skip
    notes = tuple(map(tuple, result.notes))
    best = tuple((n, b.time_us, b.set_us, b.number) for n, b in score.best.items())
    return marshal.dumps(
        (_RUNS, head, rows, result.orphan_starts, result.orphan_finishes, notes, best,
         tuple(map(tuple, result.on_course)))
    )


def _decode_runs(data: tuple[Any, ...]) -> SessionScore:
    _, head, rows, starts, finishes, notes, best, on_course = data
    entries = tuple(
        RunEntryResult(number, driver, car_class, group, Status(status), position,
                       None if top is None else ScoredRun(*top),
                       tuple(ScoredRun(*run) for run in runs))
        for number, driver, car_class, group, status, position, top, runs in rows
    )  # fmt: skip
    result = RunSessionResult(*head, entries, tuple(starts), tuple(finishes),
                              tuple(TimingNote(*note) for note in notes),
                              on_course=tuple(map(tuple, on_course)))  # fmt: skip
    return SessionScore(result, {n: BestTime(t, s, run) for n, t, s, run in best})
