"""One entry's laps in one session, from that car's own facts: what `penalty add --lap N` is
checked against, without scoring the event (as the live engine scores one transponder)."""

from __future__ import annotations

from sqlalchemy import Connection

from trackside.core.decisions import active_decisions
from trackside.core.records import EventFacts
from trackside.core.results import ScoredLap
from trackside.core.scoring import score_sessions
from trackside.store.facts import transponder_passings_in


def entry_session_laps(
    conn: Connection, facts: EventFacts, session_id: str, number: str
) -> tuple[ScoredLap, ...]:
    """The numbered laps the entry `number` has in the session, after its decisions in force.

    `facts` needs no passings: the car's own are read. A car's laps depend only on its own
    passings, the flags and its own decisions (time-attack.md rules 1-6)."""
    entry = next((e for e in facts.entries if e.number == number), None)
    if entry is None:
        return ()
    own = EventFacts(
        facts.event,
        (entry,),
        transponder_passings_in(conn, facts.event.id, entry.transponder),
        facts.flags,
        tuple(d for d in active_decisions(facts.decisions) if d.number == number),
    )
    result = score_sessions(own, {session_id})[session_id].result
    return next((row.laps for row in result.entries if row.number == number), ())
