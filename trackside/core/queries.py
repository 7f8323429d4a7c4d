"""Compliance queries (officials.md, "Compliance queries"): the query records, their state
after waivers and answers, and a car's final competition run (Rules Compliance Query 3.G)."""

from __future__ import annotations

from dataclasses import dataclass

from trackside.core.decision_session import group_sessions
from trackside.core.decisions import active_decisions
from trackside.core.flags_in_force import flags_in_force
from trackside.core.periods import closing_time, ordered
from trackside.core.records import DecisionKind, Entry, EventFacts

OUTCOMES = ("reasonable", "unreasonable")


@dataclass(frozen=True, slots=True)
class QueryAction:
    action: str
    """`waive` (3.E) or `answer` (3.F)."""
    author: str
    recorded_us: int
    outcome: str | None = None
    answer: str | None = None


@dataclass(frozen=True, slots=True)
class Query:
    id: int
    event_id: str
    subject: str
    question: str
    filer: str
    official: bool
    filed_us: int
    fee: int
    """Dollars due when filed (3.A-3.D)."""
    actions: tuple[QueryAction, ...] = ()

    @property
    def waiver(self) -> QueryAction | None:
        return next((a for a in self.actions if a.action == "waive"), None)

    @property
    def answer(self) -> QueryAction | None:
        return next((a for a in self.actions if a.action == "answer"), None)

    @property
    def status(self) -> str:
        return "answered" if self.answer is not None else "open"

    @property
    def outcome(self) -> str | None:
        return self.answer.outcome if self.answer is not None else None

    @property
    def fee_due(self) -> int:
        """The fee after a waiver (3.E) and the return for a reasonable query (3.F)."""
        if self.waiver is not None or self.outcome == "reasonable":
            return 0
        return self.fee


def final_run_end(facts: EventFacts, entry: Entry) -> int | None:
    """The closing flag of the last scored session of the car's group (in the event file's
    order); None while it has not closed."""
    sessions = [s for s in group_sessions(facts.event, entry.group) if s.scored]
    if not sessions:
        return None
    last = sessions[-1].id
    return closing_time(ordered(f for f in flags_in_force(facts) if f.session_id == last))


def impound_release(facts: EventFacts, number: str) -> int | None:
    """The car's latest impound release in force (`trackside impound release`)."""
    times = [d.at_us for d in active_decisions(facts.decisions)
             if d.kind is DecisionKind.IMPOUND_RELEASE and d.number == number
             and d.at_us is not None]
    return max(times) if times else None
