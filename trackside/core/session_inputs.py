"""What one lap-scored session's result depends on, so that it can be scored alone and kept
until one of those facts changes (the store's results cache; docs/architecture.md).

- The definition and the entries (every session reads them).
- Its window (time-attack.md rules 4-6) and those of the sessions that went green with it: the
  flags act on its laps only through these, so a flag elsewhere that moves none of them changes
  nothing here (a new green before it does: it moves its window's next green).
- The decisions in force that act on it, and the cars excluded from the whole event.
- The passings of its `passing_span`: from min_lap before its first green (rule 2 looks back
  that far for the crossing a duplicate read follows) to the next session's first green.
  Rule 2 chains: a crossing within min_lap of an accepted one is dropped, so a transponder read
  again and again (a car parked on the line) makes the first accepted crossing of the session
  depend on reads further back. `span_suffices` tells when the span's passings settle every
  transponder; when they do not, the session depends on the whole day before it
  (`PassingSpan.from_day_start`).
- The whole day's passing count of each transponder no entry claims (`UnknownTransponder`):
  not a fact of the session, so it is applied to a kept result as it is now
  (`core.scoring.recounted`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from trackside.core.decisions import active_decisions
from trackside.core.laps import crossings_by_transponder
from trackside.core.periods import SessionWindow
from trackside.core.records import (
    EVENT_KINDS,
    Decision,
    DecisionKind,
    EventFacts,
    Passing,
    SessionFormat,
)

_NOT_SESSION = EVENT_KINDS | {DecisionKind.TIME_PENALTY}


@dataclass(frozen=True, slots=True)
class PassingSpan:
    """Passings with since_us <= time_us < until_us (None: unbounded on that side)."""

    since_us: int | None
    until_us: int | None

    def holds(self, time_us: int) -> bool:
        return (self.since_us is None or time_us >= self.since_us) and (
            self.until_us is None or time_us < self.until_us
        )

    def from_day_start(self) -> PassingSpan:
        """The same span reaching back to the start of the day."""
        return PassingSpan(None, self.until_us)


def passing_span(window: SessionWindow, min_lap_us: int) -> PassingSpan:
    """The passings a session's laps can depend on when rule 2's look-back stops at min_lap."""
    return PassingSpan(window.first_green_us - min_lap_us, window.next_green_us)


def tied_windows(windows: Iterable[SessionWindow], session_id: str) -> tuple[SessionWindow, ...]:
    """The session's window and those of sessions that went green at the same instant (rule 4:
    a car's laps then go to its own group's session); () for a session not yet green."""
    windows = tuple(windows)
    own = next((w for w in windows if w.session_id == session_id), None)
    if own is None:
        return ()
    return tuple(w for w in windows if w.first_green_us == own.first_green_us)


def session_decisions(
    facts: EventFacts, session_id: str
) -> tuple[tuple[Decision, ...], tuple[str, ...]]:
    """The decisions in force acting on the session (in the order made), and the numbers
    excluded from the whole event (sorted)."""
    in_force = active_decisions(facts.decisions)
    acting = tuple(
        d for d in in_force
        if d.number is not None and d.session_id == session_id and d.kind not in _NOT_SESSION
    )  # fmt: skip
    excluded = tuple(sorted({d.number for d in in_force if d.kind in EVENT_KINDS and d.number}))
    return acting, excluded


def race_inputs(facts: EventFacts, session_id: str) -> tuple[tuple, ...]:
    """What a race session depends on besides the passings, flags and its own decisions
    (endurance.md): the rosters, its officials' pit stops and driver changes, and the
    `penalty-served` decisions in force (they may be recorded on any session). Empty for a
    session of another format, so its fingerprint is unchanged."""
    session = facts.event.session(session_id)
    if session is None or session.format != SessionFormat.RACE:
        return ()
    served = tuple((d.id, d.serves, d.served_us, d.at_us) for d in active_decisions(facts.decisions)
                   if d.kind is DecisionKind.PENALTY_SERVED)  # fmt: skip
    return (
        tuple((r.number, r.name, r.driver_transponder) for r in facts.roster),
        tuple((p.number, p.in_us, p.out_us) for p in facts.pit_stops if p.session_id == session_id),
        tuple((c.number, c.driver, c.at_us) for c in facts.driver_changes
              if c.session_id == session_id),
        served,
    )  # fmt: skip


def span_suffices(
    passings: Iterable[Passing], span: PassingSpan, window: SessionWindow,
    start_finish_loop: str | None, min_lap_us: int,
    crossings: Mapping[str, list[int]] | None = None,
) -> bool:
    """Do all the passings in `span` (others may be among `passings` too) give every transponder
    the accepted crossings of the whole day inside the window (rule 2)?

    A crossing with no other read in the min_lap before it is accepted whatever came earlier,
    and from it on acceptance is the same however far back the reads go. So it suffices that
    each transponder's first crossing from the first green on is reached, through reads less
    than min_lap apart, from such a crossing whose min_lap before lies inside the span.
    `crossings`: `crossings_by_transponder(passings, start_finish_loop)` when already made (one
    event's sessions share one read)."""
    if span.since_us is None:
        return True
    floor = span.since_us + min_lap_us
    if crossings is None:
        crossings = crossings_by_transponder(passings, start_finish_loop)
    for times in crossings.values():
        first = bisect_left(times, window.first_green_us)
        if first == len(times) or not span.holds(times[first]):
            continue
        j = first
        while j > 0 and times[j] - times[j - 1] < min_lap_us:
            j -= 1
        if times[j] < floor:
            return False
    return True


__all__ = ["PassingSpan", "passing_span", "race_inputs", "session_decisions", "span_suffices",
           "tied_windows"]
