"""One car's own facts: what scoring that car alone needs, and scores it as a full pass does.

Laps are a transponder's own (time-attack.md rules 1-6): its passings, the flags in force and
its entry's decisions in force give the same laps, valid or not, as scoring the whole event.
"""

from __future__ import annotations

from collections.abc import Iterable

from trackside.core.decisions import active_decisions
from trackside.core.flags_in_force import flags_in_force
from trackside.core.records import Entry, EventFacts, Passing


def car_facts(facts: EventFacts, entry: Entry, passings: Iterable[Passing]) -> EventFacts:
    """`entry`'s facts: its passings (given), the event's flags in force, its decisions."""
    own = tuple(d for d in active_decisions(facts.decisions) if d.number == entry.number)
    return EventFacts(facts.event, (entry,), tuple(passings), flags_in_force(facts), own)
