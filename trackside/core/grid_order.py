"""What a format's grid order is given and gives back (`core/grid.py`, `GRID_ORDERS`): kept
apart so that a format's own order (`race_grid.py`) and the grid both import it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from trackside.core.formats import BestTime
from trackside.core.records import Decision, Entry, EventDef, SessionDef


@dataclass(frozen=True, slots=True)
class GridTime:
    """The time that placed a car: its best of the previous sessions, and where it was set."""

    time_us: int
    set_us: int
    session_id: str
    lap: int
    """The lap (or run) number inside `session_id`."""


@dataclass(frozen=True, slots=True)
class GridInput:
    """Everything an ordering may use."""

    event: EventDef
    session: SessionDef
    entries: tuple[Entry, ...]
    """The session's groups' entries that may start (not excluded from the event)."""
    previous: tuple[str, ...]
    best: Mapping[str, Mapping[str, BestTime]]
    """Car number -> session id -> best counting time, for every session scored so far."""
    decisions: tuple[Decision, ...]
    """The decisions in force (a race's grid reads its `contact` decisions here)."""


GridOrder = Callable[[GridInput], list[tuple[Entry, GridTime | None]]]
"""A format's grid order: the entries in grid order, each with the time that placed it."""


def best_of(best_in: Mapping[str, BestTime], sessions: Iterable[str]) -> GridTime | None:
    """The best time of these sessions; equal times: the one set first."""
    found = [(b.time_us, b.set_us, sid, b.number) for sid in sessions if (b := best_in.get(sid))]
    return GridTime(*min(found)) if found else None
