"""The grid: the order a session's cars are staged in (tracksprint.md, "Grid").

RMD Time Trials Event Procedures 2.2 and SCCA TT VI.2.2.2 ("Groups and Grid", "Grid"):
"competitors ... should be positioned on grid in order of their best times from previous scored
and unscored sessions". Read here as:

- **who**: the entries of the session's groups (`[[session]] groups`); an entry of another group
  is never on it, even one that drove out of its group before (RMD 2.1.3 lets organizers allow
  that, it does not move the car's group). An entry excluded or disqualified from the event is
  left off: it runs no more sessions.
- **previous sessions**: the sessions that went green before the target's first green; when
  the target has not gone green yet, every session that has. A session that went green at the
  same instant as the target is not previous. Scored or not, of any format: what counts is the
  entry's best counting lap or run of each (`BestTime`, the time a round takes), so a lap an
  official deleted or a session DQ does not seed the grid either.
- **order**: best time across those sessions, fastest first; equal times go to whoever set
  theirs first (as in the event ranking), then the car number. Entries with no time follow in
  car-number order (7 before 12, `natural_key`).

The ordering is chosen by the target session's format (`GRID_ORDERS`): a race format adds its
own there (endurance.md, "Grid from qualifying": qualifying sessions only, `contact` decisions
to the back), given the same `GridInput`. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from trackside.core.decisions import active_decisions
from trackside.core.flags_in_force import flags_in_force
from trackside.core.formats import BestTime
from trackside.core.grid_order import GridInput, GridOrder, GridTime, best_of
from trackside.core.periods import SessionWindow, session_windows
from trackside.core.race_grid import by_qualifying
from trackside.core.records import EVENT_KINDS, Entry, EventFacts, SessionFormat
from trackside.core.results import natural_key
from trackside.core.run_results import RunEntryResult

RULE = 'RMD Event Procedures 2.2 and SCCA TT VI.2.2.2 ("Groups and Grid": Grid)'
"""Where the default order comes from, as the renderers cite it."""


@dataclass(frozen=True, slots=True)
class GridRow:
    position: int
    number: str
    driver: str
    car_class: str
    group: str
    best: GridTime | None
    """None: no time in any previous session (the car follows the timed ones)."""


@dataclass(frozen=True, slots=True)
class Grid:
    event_id: str
    event_name: str
    session_id: str
    session_name: str
    started: bool
    """Whether the session has gone green (its previous sessions are then fixed)."""
    previous: tuple[str, ...]
    """The sessions whose times count, in order of first green."""
    rows: tuple[GridRow, ...]


def previous_sessions(windows: Iterable[SessionWindow], session_id: str) -> tuple[str, ...]:
    """The sessions before `session_id` on the day: those green before its first green, or
    every session gone green when it has not (windows are in order of first green)."""
    windows = tuple(windows)
    own = next((w.first_green_us for w in windows if w.session_id == session_id), None)
    return tuple(
        w.session_id
        for w in windows
        if w.session_id != session_id and (own is None or w.first_green_us < own)
    )


_NEVER = 1 << 62


def by_best_time(given: GridInput) -> list[tuple[Entry, GridTime | None]]:
    """Best time of the previous sessions, set first on a tie, then car number; no time last
    in car-number order (tracksprint.md, "Grid")."""
    placed = [(e, best_of(given.best.get(e.number, {}), given.previous)) for e in given.entries]

    def key(item: tuple[Entry, GridTime | None]) -> tuple[int, int, int, Any]:
        entry, best = item
        if best is None:
            return (1, _NEVER, _NEVER, natural_key(entry.number))
        return (0, best.time_us, best.set_us, natural_key(entry.number))

    return sorted(placed, key=key)


GRID_ORDERS: dict[str, GridOrder] = {SessionFormat.RACE: by_qualifying}
"""Session format -> its own grid order; a format not here is gridded `by_best_time`."""


def session_best_times(sessions: Mapping[str, Any]) -> dict[str, dict[str, BestTime]]:
    """Car number -> session id -> best counting time, from scored sessions' results: each row's
    best lap (`SessionResult`) or best run (`RunSessionResult`), as their scorers give it."""
    best: dict[str, dict[str, BestTime]] = {}
    for sid, result in sessions.items():
        for row in getattr(result, "entries", ()):
            time = _row_best(row)
            if time is not None:
                best.setdefault(row.number, {})[sid] = time
    return best


def _row_best(row: Any) -> BestTime | None:
    if isinstance(row, RunEntryResult):
        return None if row.best_run is None else BestTime.of_run(row.best_run)
    lap = getattr(row, "best_lap", None)
    return None if lap is None else BestTime.of_lap(lap)


def grid_input(
    facts: EventFacts, best: Mapping[str, Mapping[str, BestTime]], session_id: str
) -> tuple[GridInput, bool]:
    """What the grid of `session_id` is made from, and whether the session has gone green.
    `facts.passings` are not read (the best times are given)."""
    event = facts.event
    session = event.session(session_id)
    if session is None:
        raise KeyError(session_id)
    windows = session_windows(flags_in_force(facts))
    started = any(w.session_id == session_id for w in windows)
    in_force = tuple(active_decisions(facts.decisions))
    out = {d.number for d in in_force if d.kind in EVENT_KINDS and d.number is not None}
    groups = set(session.groups)
    entries = tuple(e for e in facts.entries if e.group in groups and e.number not in out)
    given = GridInput(event, session, entries, previous_sessions(windows, session_id), best,
                      in_force)  # fmt: skip
    return given, started


def session_grid(
    facts: EventFacts,
    sessions: Mapping[str, Any],
    session_id: str,
    *,
    orders: Mapping[str, GridOrder] = GRID_ORDERS,
) -> Grid:
    """The grid of `session_id` from the event's facts (passings unread) and its sessions'
    results so far (`Scored.sessions`); KeyError for a session the event does not have."""
    given, started = grid_input(facts, session_best_times(sessions), session_id)
    order = orders.get(str(given.session.format), by_best_time)
    rows = tuple(
        GridRow(position, e.number, e.driver, e.car_class, e.group, best)
        for position, (e, best) in enumerate(order(given), start=1)
    )
    event, session = given.event, given.session
    return Grid(event.id, event.name, session.id, session.name, started, given.previous, rows)


__all__ = [
    "GRID_ORDERS",
    "RULE",
    "Grid",
    "GridInput",
    "GridOrder",
    "GridRow",
    "GridTime",
    "best_of",
    "by_best_time",
    "previous_sessions",
    "session_best_times",
    "session_grid",
]
