"""A session's grid from the stored facts (tracksprint.md, "Grid"): the sessions' results come
through the results cache (`services/session_cache.py`), as `results` and `laps` take them."""

from __future__ import annotations

from sqlalchemy import Engine

from trackside.core.grid import Grid, session_grid
from trackside.services.checks import require_session
from trackside.services.session_cache import scored_event


def event_grid(
    engine: Engine, event_id: str, session_id: str, *, session_source: str = "argument SESSION"
) -> Grid:
    """The grid of `session_id`; InputError for an unknown event or session (named as
    `session_source`)."""
    facts, results = scored_event(engine, event_id)
    require_session(facts.event, session_id, source=session_source)
    return session_grid(facts, results.sessions, session_id)


__all__ = ["event_grid"]
