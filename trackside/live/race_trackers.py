"""The race sessions of a followed event, each kept current by its own `RaceTracker`
(endurance.md; issue 10, "the live race path"; docs/live.md, "A race, live").

A tracker is made from the event's facts when the live engine (re)scores the event whole (it
loads, or a flag, decision, pit stop, driver change, revoke or definition arrives: any of them
may change a race) and is fed the passings of its race's span (`core.session_inputs`: from
`min_lap` before the race's first green to the next session's green). A passing then goes to
the trackers whose span holds it; each gives the race's whole result (`RaceTracker.result`),
equal to scoring the session from the same passings. A passing older than one its car has
already read (a late read, a decoder's backlog) rebuilds that car alone from its own passings
in time order; the other cars are kept.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from operator import attrgetter

from trackside.core.flags_in_force import flag_standings, flags_in_force
from trackside.core.periods import session_windows
from trackside.core.race_live import RaceTracker
from trackside.core.race_results import RaceSessionResult
from trackside.core.race_scorer import race_best
from trackside.core.records import EventFacts, Passing
from trackside.core.scoring import SessionScore, with_flags
from trackside.core.session_inputs import PassingSpan, passing_span

_time = attrgetter("time_us")


def _in_span(passings: Sequence[Passing], span: PassingSpan) -> Sequence[Passing]:
    """The passings (in time order) the span holds."""
    low = 0 if span.since_us is None else bisect_left(passings, span.since_us, key=_time)
    high = (len(passings) if span.until_us is None
            else bisect_left(passings, span.until_us, key=_time))  # fmt: skip
    return passings[low:high]


class RaceTrackers:
    """Every race session of one event, its tracker, the span it follows and its flags."""

    def __init__(self, facts: EventFacts, races: Iterable[str]) -> None:
        """Trackers for `races` from the facts (their passings in time order)."""
        windows = {w.session_id: w for w in session_windows(flags_in_force(facts))}
        self._standings = flag_standings(facts)
        self._spans: dict[str, PassingSpan | None] = {}
        self._trackers: dict[str, RaceTracker] = {}
        for sid in races:
            window = windows.get(sid)
            span = None if window is None else passing_span(window, facts.event.min_lap_us)
            tracker = RaceTracker(facts, sid)
            if span is not None:  # not green yet: the race has no passing (every car dns)
                tracker.extend(_in_span(facts.passings, span))
            self._spans[sid] = span
            self._trackers[sid] = tracker

    def scores(self) -> dict[str, SessionScore]:
        """Each race's score now (its result and best laps), for a whole pass's `combine`."""
        scores = {}
        for sid, tracker in self._trackers.items():
            result = tracker.result()
            scores[sid] = SessionScore(result, race_best(result))
        return scores

    def feed(self, passings: Iterable[Passing]) -> dict[str, RaceSessionResult]:
        """Give each tracker the new passings of its span; the results of those fed, with
        their flags listed (as `core.scoring.combine` lists them)."""
        passings = sorted(passings, key=_time)
        fed = {}
        for sid, tracker in self._trackers.items():
            span = self._spans[sid]
            own = [p for p in passings if span is not None and span.holds(p.time_us)]
            if own:
                tracker.extend(own)
                fed[sid] = tracker.result()
        return with_flags(fed, self._standings) if fed else {}


__all__ = ["RaceTrackers"]
