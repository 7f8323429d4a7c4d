"""One followed event: its live results, its track clock and its numbered snapshots."""

from __future__ import annotations

import time
from dataclasses import dataclass

from trackside.core.flags_in_force import flags_in_force
from trackside.core.periods import SessionWindow, session_windows
from trackside.core.records import EventFacts
from trackside.core.scoring import Scored
from trackside.live.clock import ClockReading, TrackClock
from trackside.live.results_model import Change, LiveResults
from trackside.live.watcher import EventRows


@dataclass(frozen=True, slots=True)
class LiveSnapshot:
    """The results of an event after some journal rows: what every listener is shown.

    `version` counts snapshots of the event; `changed` names the sessions whose rows changed
    since the previous one (`full`: anything may have changed). `wall` is when it was taken
    (monotonic seconds), the moment `clock` was read.
    """

    event_id: str
    version: int
    facts: EventFacts
    scored: Scored
    windows: tuple[SessionWindow, ...]
    clock: ClockReading
    wall: float
    changed: frozenset[str] = frozenset()
    full: bool = True

    def track_us(self, wall: float | None = None) -> int | None:
        """Track time at `wall` (default now), moved on from the snapshot's clock reading."""
        if self.clock.track_us is None or not self.clock.ticking:
            return self.clock.track_us
        wall = time.monotonic() if wall is None else wall
        return self.clock.track_us + max(0, round((wall - self.wall) * self.clock.rate * 1e6))


def _latest_time(facts: EventFacts) -> int | None:
    times = [p.time_us for p in facts.passings] + [f.time_us for f in flags_in_force(facts)]
    times += [t.time_us for t in facts.trips] + [r.time_us for r in facts.releases]
    return max(times, default=None)


class LiveEvent:
    """The live state of one event, changed only by the hub's worker (under its lock)."""

    def __init__(self, event_id: str, facts: EventFacts) -> None:
        self.event_id = event_id
        self.clock = TrackClock()
        self._version = 0
        self._windows: tuple[SessionWindow, ...] = ()
        self.snapshot = self.reload(facts)

    def reload(self, facts: EventFacts) -> LiveSnapshot:
        """Start again from facts read from the store (first load, re-import, missed rows)."""
        self.model = LiveResults(facts)
        self.clock.load(_latest_time(facts))
        self.snapshot = self._snapshot(Change(full=True), time.monotonic())
        return self.snapshot

    def apply(self, rows: EventRows, wall: float) -> LiveSnapshot | None:
        """Add new journal rows; the new snapshot, or None when nothing new arrived. A passing
        that changes no result (an unknown transponder's) still makes one, with no
        session `changed`: the timing stand lists every passing (docs/console.md, "Live")."""
        passings_before = self.model.passing_count
        times = [p.time_us for p in rows.passings] + [f.time_us for f in rows.flags]
        times += [t.time_us for t in rows.trips] + [r.time_us for r in rows.releases]
        for time_us in sorted(times):
            self.clock.observe(time_us, wall)
        change = self.model.apply(rows.passings, rows.flags, rows.decisions, rows.trips,
                                  rows.releases, rows.pit_stops, rows.driver_changes,
                                  rows.race_revokes)
        if not change and self.model.passing_count == passings_before:
            return None
        self.snapshot = self._snapshot(change, wall)
        return self.snapshot

    def counts(self) -> tuple[int, int, int]:
        """Passings, flags and decisions held (compared with the store's by the audit)."""
        model = self.model
        return model.passing_count, model.flag_count, model.decision_count

    def _snapshot(self, change: Change, wall: float) -> LiveSnapshot:
        self._version += 1
        facts = self.model.facts()
        if change.full:
            self._windows = tuple(session_windows(flags_in_force(facts)))
        return LiveSnapshot(
            self.event_id, self._version, facts, self.model.scored, self._windows,
            self.clock.read(wall), wall, change.sessions, change.full,
        )  # fmt: skip
