"""The decision report: every decision of an event, in the order made, with the rulebook's
escalation prompt for each offense (shown to officials, never applied by itself)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from trackside.publish.decision_rows import decision_row
from trackside.rules import escalation_prompts
from trackside.services.decisions import listings_of
from trackside.store import load_facts


def decision_report(engine: Engine, event_id: str) -> list[dict[str, Any]]:
    """The report's rows (`publish/decision_rows.py`), oldest decision first."""
    facts = load_facts(engine, event_id)
    prompts = escalation_prompts(facts)
    return [
        decision_row(item.decision, item.revoked_by, prompts.get(item.decision.id))
        for item in listings_of(facts.decisions)
    ]
