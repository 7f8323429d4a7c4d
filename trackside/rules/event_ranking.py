"""The event ranking the Time Trials rulebooks share (time-attack.md, "Event results"): more
rounds with a time first, then lower total ("cumulative time of fastest laps", SCCA TT VI.2.5),
then faster single best lap, then whoever set that lap first; awards to the top three of each
class unless the event file says otherwise."""

from __future__ import annotations

from trackside.core.event_rules import EventRules

TIME_TRIALS_RANKING = ("rounds-timed", "total", "best-lap", "first-set")


def time_trials_rules(citation: str) -> EventRules:
    """The shared ranking and three awards per class, cited to one rulebook."""
    return EventRules(TIME_TRIALS_RANKING, awards_per_class=3, citation=citation)
