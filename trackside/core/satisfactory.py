"""Satisfactory marks (officials.md, "Satisfactory marks"; SCCA TT Appendix B 3.1.2 B 8).

Default `yes` when the entry has at least one timed lap or run in the event and is neither
excluded nor disqualified; the newest in-force `satisfactory`/`unsatisfactory` decision on the
car overrides it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from trackside.core.decisions import active_decisions
from trackside.core.records import RUN_FORMATS, Decision, DecisionKind, EventFacts
from trackside.core.results import EventResult, Status

MARK_KINDS = frozenset({DecisionKind.SATISFACTORY, DecisionKind.UNSATISFACTORY})
NOT_SATISFACTORY = frozenset({Status.EXCLUDED, Status.DISQUALIFIED})


class Mark(NamedTuple):
    satisfactory: bool
    decision: Decision | None = None
    """The official's decision that set it; None: the default from the results."""


def timed_numbers(sessions: Mapping[str, Any]) -> set[str]:
    """Cars with at least one timed lap (lap sessions) or finished run (run sessions)."""
    timed = set()
    for result in sessions.values():
        for entry in getattr(result, "entries", ()):
            laps = getattr(entry, "laps", None)
            runs = getattr(entry, "runs", None)
            if laps or any(run.finish_us is not None for run in runs or ()):
                timed.add(entry.number)
    return timed


def satisfactory_marks(
    facts: EventFacts, event: EventResult, sessions: Mapping[str, Any]
) -> dict[str, Mark]:
    """Each entry's mark, by car number."""
    timed = timed_numbers(sessions)
    status = {e.number: e.status for e in event.entries}
    marks = {
        entry.number: Mark(entry.number in timed
                           and status.get(entry.number) not in NOT_SATISFACTORY)
        for entry in facts.entries
    }
    for decision in active_decisions(facts.decisions):
        if decision.kind in MARK_KINDS and decision.number in marks:
            marks[decision.number] = Mark(decision.kind is DecisionKind.SATISFACTORY, decision)
    return marks


def is_standalone_tracksprint(facts: EventFacts) -> bool:
    """All the event's scored sessions are TrackSprint or HillClimb (officials.md)."""
    scored = [s for s in facts.event.sessions if s.scored]
    return bool(scored) and all(s.format in RUN_FORMATS for s in scored)
