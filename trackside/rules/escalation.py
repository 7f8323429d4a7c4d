"""Escalation ladders: what the rulebook says may follow a repeated offense.

trackside shows these to the official as prompts beside the decision; it never escalates on its
own (time-attack.md, "Decisions on a session").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from trackside.core.decisions import active_decisions
from trackside.core.records import Decision, DecisionKind


@dataclass(frozen=True, slots=True)
class Ladder:
    """Offenses of `kinds` counted per entry in one session (or the whole event)."""

    name: str
    kinds: frozenset[DecisionKind]
    steps: dict[int, str]  # offense count -> prompt; the highest step applies beyond it
    citation: str
    per_session: bool = True

    def prompt(self, count: int) -> str | None:
        reached = [n for n in self.steps if n <= count]
        if not reached:
            return None
        return (
            f"{_ordinal(count)} {self.name} offense: {self.steps[max(reached)]} ({self.citation})"
        )


def _ordinal(n: int) -> str:
    return {1: "first", 2: "second", 3: "third"}.get(n, f"{n}th")


def escalation_prompts(ladders: Iterable[Ladder], decisions: Iterable[Decision]) -> dict[int, str]:
    """Decision id -> the rulebook's prompt for the offense that decision records."""
    counts: dict[tuple[str, str | None, str | None], int] = defaultdict(int)
    prompts: dict[int, str] = {}
    ladders = list(ladders)
    for decision in active_decisions(decisions):
        for ladder in ladders:
            if decision.kind not in ladder.kinds:
                continue
            scope = decision.session_id if ladder.per_session else None
            key = (ladder.name, decision.number, scope)
            counts[key] += 1
            text = ladder.prompt(counts[key])
            if text:
                prompts[decision.id] = text
    return prompts
