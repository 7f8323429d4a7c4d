"""Each rulebook as data plus small functions. A new club's rules are a new module registered
in RULESETS the same way the built-in ones are."""

from __future__ import annotations

from types import ModuleType

from trackside.core.event_rules import EventRules
from trackside.core.records import EventFacts
from trackside.core.scoring import Scored, score
from trackside.rules import img, rmd_tt, scca_tt
from trackside.rules.escalation import escalation_prompts as _prompts

RULESETS: dict[str, ModuleType] = {module.NAME: module for module in (scca_tt, rmd_tt, img)}


def ruleset(name: str) -> ModuleType:
    """The rulebook module for an event's `ruleset`; KeyError names the known ones."""
    try:
        return RULESETS[name]
    except KeyError:
        raise KeyError(f"unknown ruleset {name!r}; known: {', '.join(sorted(RULESETS))}") from None


def event_rules(name: str) -> EventRules:
    """How the rulebook `name` ranks an event and gives awards."""
    return ruleset(name).EVENT_RULES


def scored(facts: EventFacts, *, generated_at: str = "", provisional: bool | None = None) -> Scored:
    """Every result of the event, under its own rulebook (the event file's `ruleset`)."""
    return score(
        facts, event_rules(facts.event.ruleset), generated_at=generated_at, provisional=provisional
    )


def escalation_prompts(facts: EventFacts) -> dict[int, str]:
    """Decision id -> the event's rulebook prompt for that offense (never applied by itself)."""
    return _prompts(ruleset(facts.event.ruleset).LADDERS, facts.decisions)


__all__ = ["RULESETS", "escalation_prompts", "event_rules", "ruleset", "scored"]
