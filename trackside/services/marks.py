"""Satisfactory marks (officials.md, "Satisfactory marks"): each entry's, and officials'
overrides recorded as decisions."""

from __future__ import annotations

from sqlalchemy import Engine

from trackside.core.records import Decision, DecisionKind
from trackside.core.satisfactory import Mark, satisfactory_marks
from trackside.errors import InputError
from trackside.services.session_cache import scored_event
from trackside.store.database import writing
from trackside.store.facts import definitions_in
from trackside.store.journal import append_decision

VALUES = {"yes": DecisionKind.SATISFACTORY, "no": DecisionKind.UNSATISFACTORY}


def event_marks(engine: Engine, event_id: str) -> dict[str, Mark]:
    """Each entry's satisfactory mark by car number (default from the results, then
    officials' decisions)."""
    facts, scored = scored_event(engine, event_id)
    return satisfactory_marks(facts, scored.event, scored.sessions)


def mark_satisfactory(
    engine: Engine, event_id: str, number: str, value: str, by: str, reason: str = ""
) -> Decision:
    """Record an official's mark on car NUMBER; `no` needs the justification Appendix B asks
    for (SCCA TT Appendix B 3.1.2 B 8)."""
    if value not in VALUES:
        raise InputError(f"expected yes or no, got {value!r}", source="argument MARK")
    if not by.strip():
        raise InputError("say who: give --by NAME", source="option --by")
    if value == "no" and not reason.strip():
        raise InputError("a `no` mark needs its justification: give --reason TEXT "
                         "(SCCA TT Appendix B 3.1.2 B)", source="option --reason")
    with writing(engine) as conn:
        facts = definitions_in(conn, event_id)
        if all(e.number != number for e in facts.entries):
            raise InputError(f"car {number!r} is not entered in event {event_id!r}",
                             source="argument NUMBER")
        decision = Decision(id=0, kind=VALUES[value], number=number, reason=reason.strip(),
                            author=by.strip())
        return append_decision(conn, event_id, decision)
