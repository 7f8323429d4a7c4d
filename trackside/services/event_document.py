"""The event document (`publish/event_document.py`) from the stored facts: what
`trackside event show` prints, and the definition's history summary the web twin adds too."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from trackside.core.decisions import active_decisions
from trackside.core.periods import session_windows
from trackside.core.scoring import is_official
from trackside.publish.event_document import DefinitionChange, event_document
from trackside.store import load_facts
from trackside.store.event_versions import latest_event_version


def stored_event_document(engine: Engine, event_id: str) -> dict[str, Any]:
    """The event's document, each session's flag as of its last recorded flag."""
    facts = load_facts(engine, event_id)
    provisional = not is_official(active_decisions(facts.decisions))
    return event_document(facts, provisional=provisional, windows=session_windows(facts.flags),
                          definition=definition_change(engine, event_id))  # fmt: skip


def definition_change(engine: Engine, event_id: str) -> DefinitionChange | None:
    """How many versions the event's definition has, and who stored the newest one when."""
    with engine.connect() as conn:
        last = latest_event_version(conn, event_id)
    return None if last is None else DefinitionChange(last.version, last.author, last.recorded_us)
