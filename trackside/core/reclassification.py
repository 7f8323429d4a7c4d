"""Reclassification findings (docs/tech.md; SCCA TT Rules Compliance, "Non-Compliance" 3:
a car found non-compliant may be reclassified).

A `reclassify` decision moves car `number` to class `car_class` for the whole event: every
session's and the event's results rank it in the new class. The newest such decision in force
wins; revoking it restores the class before it (the registered one when none is left).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from trackside.core.decisions import active_decisions
from trackside.core.records import Decision, DecisionKind, Entry, EventFacts


def classes_in_force(decisions: Iterable[Decision]) -> dict[str, str]:
    """Car number -> the class its newest `reclassify` decision in force names."""
    moved: dict[str, str] = {}
    for decision in active_decisions(decisions):
        if decision.kind is DecisionKind.RECLASSIFY and decision.number and decision.car_class:
            moved[decision.number] = decision.car_class
    return moved


def entries_in_force(
    entries: tuple[Entry, ...], decisions: Iterable[Decision]
) -> tuple[Entry, ...]:
    """The entries, each in the class the reclassifications in force give it."""
    moved = classes_in_force(decisions)
    if not moved:
        return entries
    return tuple(
        replace(e, car_class=moved[e.number])
        if e.number in moved and moved[e.number] != e.car_class else e
        for e in entries
    )


def with_classes_in_force(facts: EventFacts) -> EventFacts:
    """The facts with each entry in the class it is scored in (the same object when no
    reclassification is in force)."""
    entries = entries_in_force(facts.entries, facts.decisions)
    return facts if entries is facts.entries else replace(facts, entries=entries)


__all__ = ["classes_in_force", "entries_in_force", "with_classes_in_force"]
