"""The scoreboard an RMonitor client is shown, as of one snapshot of results: pure data.

The run is the session that went green last (else the event's first session). Its competitors
are the session's entries; positions (`$G`) and best-lap positions (`$H`) are trackside's
running order by best valid lap; a car's crossings are the lap boundaries of its session laps.
"""

from __future__ import annotations

from dataclasses import dataclass

from trackside.core.periods import SessionWindow, ordered, session_windows
from trackside.core.records import Entry, EventFacts, Flag
from trackside.core.results import SessionEntryResult
from trackside.core.scoring import Scored
from trackside.timing.rmonitor.write import class_numbers


@dataclass(frozen=True, slots=True)
class Standing:
    """One car on the board."""

    number: str
    position: int
    crossings: tuple[int, ...]
    best_lap: int | None
    best_time_us: int | None


@dataclass(frozen=True, slots=True)
class Board:
    session_id: str | None
    run_number: int
    run_name: str
    start_us: int | None
    """The session's first green: race time 0."""
    stop_us: int | None
    """When the session closed (its clock stops), if it has."""
    duration_us: int | None
    flags: tuple[Flag, ...]
    classes: dict[str, int]
    competitors: tuple[Entry, ...]
    standings: tuple[Standing, ...]

    @property
    def flag(self) -> Flag | None:
        return self.flags[-1] if self.flags else None

    def race_time_us(self, time_us: int) -> int:
        """The session clock at a time: from the first green, stopped at the close."""
        if self.start_us is None:
            return 0
        end = time_us if self.stop_us is None else min(time_us, self.stop_us)
        return max(0, end - self.start_us)

    def time_to_go_us(self, time_us: int) -> int:
        if self.start_us is None or self.duration_us is None:
            return 0
        return max(0, self.start_us + self.duration_us - time_us)


EMPTY = Board(None, 0, "", None, None, None, (), {}, (), ())


def board_of(facts: EventFacts, scored: Scored) -> Board:
    """The board of the current session of a snapshot."""
    windows = session_windows(facts.flags)
    session_id = _current_session(facts, windows)
    if session_id is None:
        return EMPTY
    session = facts.event.session(session_id)
    window = next((w for w in windows if w.session_id == session_id), None)
    result = scored.sessions.get(session_id)
    rows = result.entries if result else ()
    competitors = _competitors(facts, rows)
    return Board(
        session_id,
        1 + [s.id for s in facts.event.sessions].index(session_id),
        session.name if session else session_id,
        window.first_green_us if window else None,
        window.closes_us if window else None,
        _duration_us(session.duration_min if session else None),
        tuple(ordered(f for f in facts.flags if f.session_id == session_id)),
        class_numbers(competitors),
        competitors,
        tuple(_standing(position, row) for position, row in enumerate(rows, start=1)),
    )


def _current_session(facts: EventFacts, windows: list[SessionWindow]) -> str | None:
    """The session that went green last (of those, the first defined); else the first."""
    order = {s.id: i for i, s in enumerate(facts.event.sessions)}
    defined = [w for w in windows if w.session_id in order]
    if defined:
        last = max(w.first_green_us for w in defined)
        return min((w.session_id for w in defined if w.first_green_us == last), key=order.get)
    return facts.event.sessions[0].id if facts.event.sessions else None


def _competitors(facts: EventFacts, rows: tuple[SessionEntryResult, ...]) -> tuple[Entry, ...]:
    by_number = {entry.number: entry for entry in facts.entries}
    return tuple(by_number[row.number] for row in rows if row.number in by_number)


def _standing(position: int, row: SessionEntryResult) -> Standing:
    crossings = (row.laps[0].start_us, *(lap.end_us for lap in row.laps)) if row.laps else ()
    best = row.best_lap
    return Standing(
        row.number,
        position,
        crossings,
        best.lap if best else None,
        best.time_us if best else None,
    )


def _duration_us(minutes: float | None) -> int | None:
    return None if minutes is None else round(minutes * 60_000_000)
