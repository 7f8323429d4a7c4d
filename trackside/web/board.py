"""The live timing board: one session's running order as plain data.

The same document is the live page's JSON twin, the first message of its event stream, and
(as field-level differences, `board_patch.py`) every update after that. Times are given both as
text the page shows (`2:01.234`, `+0.456`) and as seconds with millisecond precision.

A race is in classification order by laps with race gaps, the driver in the car, their stint
and whether the car is in the pits (`race_board.py`; the board says `"race": true`).
A run session (TrackSprint, HillClimb) is shown as laps (`publish/runs_as_laps.py`) and its
board carries two lists more: `on_course` (cars started and not yet finished or dnf, in course
order) and `last_finishers` (the last `LAST_FINISHERS` finished runs, newest first).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from trackside.core.clock import format_local_time
from trackside.core.flags_in_force import flags_in_force
from trackside.core.race_results import RaceSessionResult
from trackside.core.results import ScoredLap, SessionEntryResult, SessionResult, seconds
from trackside.core.run_results import RunEntryResult, RunSessionResult, ScoredRun
from trackside.core.session_clock import SessionClock, current_session, session_clock
from trackside.live.live_event import LiveSnapshot
from trackside.publish.formats import gap_text, lap_time, natural_key, status_label
from trackside.publish.ordering import SessionRow, session_rows
from trackside.publish.runs_as_laps import as_lap_session
from trackside.web.flag_labels import flag_label
from trackside.web.race_board import race_rows

Doc = dict[str, Any]
Placer = Callable[[SessionRow, int | None, Doc], Doc]
"""A row's document with its place on the board (`_row`, or kept by `RowCache.placed`)."""
PREVIOUS_LAPS = 2
"""Laps shown before the last one, newest first."""
LAST_FINISHERS = 5
"""Finished runs a run session's board lists."""


def board_session(snapshot: LiveSnapshot, session_id: str | None, track_us: int | None) -> str:
    """The session a board shows: the one asked for, else the one running now."""
    if session_id is not None:
        return session_id
    current = current_session(snapshot.facts.event, snapshot.windows, track_us)
    if current is None:
        raise LookupError(f"event {snapshot.event_id!r} has no sessions")
    return current


class RowCache:
    """Row documents of entries that did not change, reused from one board to the next.

    A live update replaces the rows of one car; every other entry keeps its laps tuple (the
    same object), hence the same laps, best lap and text. Only positions and gaps are redone.
    """

    def __init__(self) -> None:
        self._rows: dict[tuple[str, str, str], tuple[object, str, Doc]] = {}
        self._placed: dict[tuple, tuple[Doc, tuple, Doc]] = {}

    def row(self, event_id: str, session_id: str, entry: SessionEntryResult) -> Doc:
        key = (event_id, session_id, entry.number)
        hit = self._rows.get(key)
        if hit is not None and hit[0] is entry.laps and hit[1] == entry.status:
            return hit[2]
        doc = _entry_doc(entry)
        self._rows[key] = (entry.laps, entry.status, doc)
        return doc

    def placed(self, event_id: str, session_id: str, car_class: str | None, row: SessionRow,
               class_position: int | None, entry: Doc) -> Doc:  # fmt: skip
        """The row with its place on one board (`_row`): the very same document while the
        entry's and its place did not change, so a patch passes it over at once."""
        key = (event_id, session_id, car_class, row.entry.number)
        place = (row.entry.position, class_position, row.gap_us, row.interval_us)
        hit = self._placed.get(key)
        if hit is not None and hit[0] is entry and hit[1] == place:
            return hit[2]
        doc = _row(row, class_position, entry)
        self._placed[key] = (entry, place, doc)
        return doc


def board_doc(
    snapshot: LiveSnapshot,
    session_id: str,
    car_class: str | None,
    track_us: int | None,
    cache: RowCache | None = None,
) -> Doc:
    """The board of one session (optionally one class) at track time `track_us`."""
    facts = snapshot.facts
    scored = snapshot.scored.sessions[session_id]
    result = as_lap_session(scored)
    state = session_clock(facts.event, session_id, flags_in_force(facts), snapshot.windows,
                          track_us)
    board = {
        "event": snapshot.event_id,
        "event_name": facts.event.name,
        "session": session_id,
        "session_name": result.session_name or session_id,
        "scored": result.scored,
        "class": car_class,
        "classes": session_classes(result),
        "flag": {"state": state.flag and str(state.flag), "label": flag_label(state.flag)},
        "clock": clock_doc(snapshot, state, track_us),
        "rows": _board_rows(scored, result, car_class, track_us,
                            _rows_of(snapshot, session_id, cache),
                            _places_of(snapshot, session_id, car_class, cache)),
    }
    if isinstance(scored, RaceSessionResult):
        board["race"] = True
    if isinstance(scored, RunSessionResult):
        board["on_course"] = on_course(scored, car_class)
        board["last_finishers"] = last_finishers(scored, car_class)
    return board


def _board_rows(
    scored: object, result: SessionResult, car_class: str | None, track_us: int | None,
    entry_doc: Callable[[SessionEntryResult], Doc], place: Placer,
) -> list[Doc]:  # fmt: skip
    """A race's rows by laps (`race_board.py`); any other session's by best lap or run."""
    if isinstance(scored, RaceSessionResult):
        return race_rows(scored, car_class, track_us, entry_doc)
    return board_rows(result, car_class, entry_doc, place)


def _in_class(entry: RunEntryResult, car_class: str | None) -> bool:
    return car_class is None or entry.car_class.lower() == car_class.lower()


def _clock_text(time_us: int) -> str:
    """Time of day to the tenth: `10:01:30.2`."""
    return format_local_time(time_us, digits=1)[11:]


def _car(entry: RunEntryResult) -> Doc:
    return {"number": entry.number, "driver": entry.driver, "class": entry.car_class}


def on_course(result: RunSessionResult, car_class: str | None = None) -> list[Doc]:
    """Cars started and not yet finished or dnf, in course order, with their start time."""
    entries = {entry.number: entry for entry in result.entries}
    cars = []
    for number, start_us in result.on_course:
        entry = entries.get(number)
        if entry is None or not _in_class(entry, car_class):
            continue
        run = next((r.run for r in entry.runs if r.start_us == start_us), None)
        cars.append({**_car(entry), "run": run, "start": _clock_text(start_us),
                     "start_us": start_us})  # fmt: skip
    return cars


def last_finishers(
    result: RunSessionResult, car_class: str | None = None, count: int = LAST_FINISHERS
) -> list[Doc]:
    """The last `count` finished runs, newest first: car, run, time, counts or why not."""
    finished: list[tuple[int, RunEntryResult, ScoredRun]] = [
        (run.finish_us, entry, run)
        for entry in result.entries if _in_class(entry, car_class)
        for run in entry.runs if run.finish_us is not None
    ]  # fmt: skip
    finished.sort(key=lambda item: (item[0], natural_key(item[1].number)), reverse=True)
    return [_finisher(entry, run) for _, entry, run in finished[:count]]


def _finisher(entry: RunEntryResult, run: ScoredRun) -> Doc:
    return {
        **_car(entry),
        "run": run.run,
        "time": lap_time(run.time_us),
        "time_s": seconds(run.time_us),
        "cones": run.cones,
        "finish": _clock_text(run.finish_us),  # type: ignore[arg-type]
        "valid": run.valid,
        "reason": None if run.valid else (run.reason or "does not count"),
        "best": entry.best_run is not None and entry.best_run.run == run.run,
    }


def _rows_of(
    snapshot: LiveSnapshot, session_id: str, cache: RowCache | None
) -> Callable[[SessionEntryResult], Doc]:
    if cache is None:
        return _entry_doc
    return lambda entry: cache.row(snapshot.event_id, session_id, entry)


def session_classes(result: SessionResult) -> list[str]:
    """Classes of the session's entries, S2 before S10."""
    return sorted({e.car_class for e in result.entries}, key=natural_key)


def clock_doc(snapshot: LiveSnapshot, state: SessionClock, track_us: int | None) -> Doc:
    """Enough for a page to run the session clock between updates."""
    finished = state.phase == "finished"
    return {
        "phase": state.phase,
        "running": state.running and snapshot.clock.ticking,
        "rate": round(snapshot.clock.rate, 3),
        "track_us": track_us,
        "green_elapsed_us": state.green_elapsed_us,
        "duration_us": None if finished else state.duration_us,
        "remaining_us": None if finished else state.remaining_us,
    }


def _places_of(
    snapshot: LiveSnapshot, session_id: str, car_class: str | None, cache: RowCache | None
) -> Placer:
    if cache is None:
        return _row
    return lambda row, class_position, entry: cache.placed(
        snapshot.event_id, session_id, car_class, row, class_position, entry)


def board_rows(
    result: SessionResult, car_class: str | None, entry_doc: Callable[..., Doc] | None = None,
    place: Placer | None = None,
) -> list[Doc]:  # fmt: skip
    """Running order by best valid lap: gaps within the class when one is chosen."""
    in_class_positions = class_positions(result.entries)
    entry_doc = entry_doc or _entry_doc
    place = place or _row
    return [
        place(row, in_class_positions.get(row.entry.number), entry_doc(row.entry))
        for row in session_rows(result, car_class)
    ]


def class_positions(entries: Sequence[SessionEntryResult]) -> dict[str, int]:
    """Position in class of every ranked entry (entries come in ranking order)."""
    counts: dict[str, int] = {}
    positions = {}
    for entry in sorted((e for e in entries if e.position is not None),
                        key=lambda e: e.position):  # type: ignore[arg-type, return-value]
        counts[entry.car_class] = counts.get(entry.car_class, 0) + 1
        positions[entry.number] = counts[entry.car_class]
    return positions


def _row(row: SessionRow, class_position: int | None, entry: Doc) -> Doc:
    """An entry's document with its place in this board."""
    return {
        **entry,
        "position": row.entry.position,
        "class_position": class_position,
        "gap": gap_text(row.gap_us),
        "gap_s": seconds(row.gap_us),
        "interval": gap_text(row.interval_us),
        "interval_s": seconds(row.interval_us),
    }


def _entry_doc(entry: SessionEntryResult) -> Doc:
    """What a row shows of the entry itself: who, best lap, last laps (struck when invalid)."""
    best = entry.best_lap
    laps = entry.laps
    return {
        "number": entry.number,
        "driver": entry.driver,
        "class": entry.car_class,
        "group": entry.group,
        "status": entry.status,
        "status_label": status_label(entry.status),
        "best": lap_time(best.time_us if best else None),
        "best_lap_s": seconds(best.time_us if best else None),
        "best_lap": best.lap if best else None,
        "laps": len(laps),
        "valid_laps": sum(1 for lap in laps if lap.valid),
        "last": lap_doc(laps[-1]) if laps else None,
        "previous": [lap_doc(lap) for lap in reversed(laps[-1 - PREVIOUS_LAPS : -1])],
    }


def lap_doc(lap: ScoredLap) -> Doc:
    """A lap as the board shows it: struck through with its reason when it does not count."""
    return {
        "lap": lap.lap,
        "time": lap_time(lap.time_us),
        "time_s": seconds(lap.time_us),
        "valid": lap.valid,
        "reason": None if lap.valid else (lap.reason or "does not count"),
    }
