"""The event document (`publish/event_document.py`) from the stored facts: what
`trackside event show` prints."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from trackside.core.decisions import active_decisions
from trackside.core.periods import session_windows
from trackside.core.scoring import is_official
from trackside.publish.event_document import event_document
from trackside.store import load_facts


def stored_event_document(engine: Engine, event_id: str) -> dict[str, Any]:
    """The event's document, each session's flag as of its last recorded flag."""
    facts = load_facts(engine, event_id)
    provisional = not is_official(active_decisions(facts.decisions))
    return event_document(facts, provisional=provisional, windows=session_windows(facts.flags))
