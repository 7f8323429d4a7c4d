"""How far the journal has been read: the last row id seen, and the holes below it.

Rows of a journal table are read by `id > last`. On SQLite one writer commits at a time, so ids
become visible in order and there are never holes. On PostgreSQL a sequence hands out ids before
commit: a transaction that took id 41 may commit after the one that took 42, and a rolled-back
insert or an `ON CONFLICT DO NOTHING` burns its id for good. Missing ids below `last` are
therefore kept as holes and asked for again until they appear or `HOLE_GRACE_S` has passed.
"""

from __future__ import annotations

from collections.abc import Iterable

HOLE_GRACE_S = 30.0
"""Longer than any writer's transaction (an import of a day's passings takes a few seconds)."""
MAX_HOLES = 2000
"""Beyond this, the oldest holes are given up (the engine's periodic audit still catches up)."""


class JournalPosition:
    """The read position in one journal table."""

    def __init__(self, last: int = 0) -> None:
        self.last = last
        self._holes: dict[int, float] = {}

    @property
    def holes(self) -> list[int]:
        """Ids below `last` not seen yet, that may still commit."""
        return sorted(self._holes)

    def advance(self, ids: Iterable[int], now: float) -> list[int]:
        """Take note of rows read; returns the ids not seen before (in the order given)."""
        fresh = []
        for row_id in ids:
            if row_id > self.last:
                self._open_holes(self.last + 1, row_id, now)
                self.last = row_id
                fresh.append(row_id)
            elif self._holes.pop(row_id, None) is not None:
                fresh.append(row_id)
        return fresh

    def expire(self, now: float, grace: float = HOLE_GRACE_S) -> None:
        """Give up holes older than `grace` seconds: rolled back, or a burnt sequence number."""
        self._holes = {i: t for i, t in self._holes.items() if now - t < grace}

    def _open_holes(self, first: int, stop: int, now: float) -> None:
        for row_id in range(max(first, stop - MAX_HOLES), stop):
            self._holes[row_id] = now
        if len(self._holes) > MAX_HOLES:
            for row_id in sorted(self._holes)[: len(self._holes) - MAX_HOLES]:
                del self._holes[row_id]
