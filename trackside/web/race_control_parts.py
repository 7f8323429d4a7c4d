"""Race control's race and officials' sections (issue 15, "Race control"; console.md): each
shown only when the event has what it is for.

- a race session: the race penalty kinds' own fields (`laps`, `places`, `served_at`), a
  "served" form for each drive-through or stop-and-go in force and not served yet;
- a race session and a practice or qualifying session: the contact form (endurance.md, "Grid
  from qualifying");
- compliance queries filed: each with its fee state, the waive and answer forms;
- satisfactory marks: each entry's mark (officials.md), with the form that sets one.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from trackside.core.decisions import active_decisions
from trackside.core.records import DecisionKind, EventFacts
from trackside.core.satisfactory import satisfactory_marks
from trackside.live.live_event import LiveSnapshot
from trackside.publish.formats import time_text
from trackside.publish.query_rows import query_document
from trackside.services.queries import list_queries
from trackside.services.race import CONTACT_FORMATS, SERVABLE

Doc = dict[str, Any]
RACE_FIELDS = ("laps", "places", "served_at")
"""The race kinds' own fields of the decision form (`penalty add --laps --places --served-at`)."""


def race_control_parts(engine: Engine, snapshot: LiveSnapshot) -> Doc:
    """What race control's page shows beside the decision form and list."""
    facts = snapshot.facts
    race = [s.id for s in facts.event.sessions if s.race is not None]
    contact = [s.id for s in facts.event.sessions if s.format in CONTACT_FORMATS]
    queries = list_queries(engine, facts.event.id)
    return {
        "race_sessions": race,
        "unserved": unserved_penalties(facts) if race else [],
        "contact_sessions": contact if race else [],
        "queries": [query_document(q) for q in queries],
        "marks": entry_marks(snapshot),
    }


def unserved_penalties(facts: EventFacts) -> list[Doc]:
    """Drive-throughs and stop-and-gos in force and not served (endurance.md, "Race
    decisions"), oldest first."""
    in_force = active_decisions(facts.decisions)
    served = {d.serves for d in in_force if d.kind is DecisionKind.PENALTY_SERVED}
    return [{"id": d.id, "kind": str(d.kind), "number": d.number, "session": d.session_id,
             "at": time_text(d.at_us), "reason": d.reason}
            for d in in_force
            if d.kind in SERVABLE and d.served_us is None and d.id not in served]  # fmt: skip


def entry_marks(snapshot: LiveSnapshot) -> list[Doc]:
    """Each entry's satisfactory mark: the results' default or an official's decision."""
    marks = satisfactory_marks(snapshot.facts, snapshot.scored.event, snapshot.scored.sessions)
    return [{"number": e.number, "driver": f"{e.first_name} {e.last_name}",
             "satisfactory": marks[e.number].satisfactory if e.number in marks else None,
             "by": marks[e.number].decision.author
             if e.number in marks and marks[e.number].decision else None}
            for e in snapshot.facts.entries]  # fmt: skip
