"""One entry's laps in one session, from that car's own facts: what `penalty add --lap N` is
checked against, without scoring the event (as the live engine scores one transponder)."""

from __future__ import annotations

from trackside.core.car_facts import car_facts
from trackside.core.records import Entry, EventFacts
from trackside.core.results import ScoredLap
from trackside.core.scoring import score_sessions
from trackside.store.facts import transponder_passings_in
from trackside.store.plain_sql import Connection


def entry_session_laps(
    conn: Connection, facts: EventFacts, session_id: str, entry: Entry
) -> tuple[ScoredLap, ...]:
    """The numbered laps `entry` has in the session, after its decisions in force.

    `facts` needs no passings: the car's own are read. A car's laps depend only on its own
    passings, the flags in force and its own decisions (time-attack.md rules 1-6)."""
    passings = transponder_passings_in(conn, facts.event.id, entry.transponder)
    own = car_facts(facts, entry, passings)
    result = score_sessions(own, {session_id})[session_id].result
    return next((row.laps for row in result.entries if row.number == entry.number), ())
