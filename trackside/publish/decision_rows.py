"""The decision report's rows (`trackside penalty list`): each decision with its author, times,
what revoked it, and the rulebook's escalation prompt."""

from __future__ import annotations

from typing import Any

from trackside.core.records import Decision
from trackside.core.results import seconds
from trackside.publish.formats import time_text

Doc = dict[str, Any]


def decision_row(decision: Decision, revoked_by: int | None, escalation: str | None) -> Doc:
    """One decision as the report shows it (times as ISO 8601 local time)."""
    return {
        "id": decision.id,
        "kind": str(decision.kind),
        "number": decision.number,
        "session": decision.session_id,
        "lap": decision.lap,
        "at": time_text(decision.at_us),
        "seconds": seconds(decision.penalty_us),
        "reason": decision.reason,
        "author": decision.author,
        "created": time_text(decision.created_us),
        "revokes": decision.revokes,
        "flag_id": decision.flag_id,
        "run": decision.run,
        "count": decision.count,
        "other_number": decision.other_number,
        "served_at": time_text(decision.served_us),
        "serves": decision.serves,
        "query": decision.query_id,
        "class": decision.car_class,
        "revoked_by": revoked_by,
        "escalation": escalation,
    }
