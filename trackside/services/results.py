"""Results as the front ends ask for them: an event's, or one session's, from the stored facts,
after checking the class and session named (time-attack.md, "Session results", "Event
results")."""

from __future__ import annotations

from sqlalchemy import Engine

from trackside.core.records import EventFacts
from trackside.core.scoring import Scored
from trackside.errors import InputError
from trackside.publish.ordering import unknown_class
from trackside.services.checks import require_session
from trackside.services.session_cache import scored_event


def event_results(
    engine: Engine,
    event_id: str,
    *,
    session: str | None = None,
    car_class: str | None = None,
    generated_at: str = "",
    session_source: str = "option --session",
) -> Scored:
    """Every result of the event under its rulebook; InputError for an unknown event, session
    (named as `session_source`) or class. Sessions whose facts have not changed since they
    were last scored come from the results cache (`services/session_cache.py`)."""
    facts, results = scored_event(engine, event_id, generated_at=generated_at)
    check_class(facts, car_class)
    if session is not None:
        require_session(facts.event, session, source=session_source)
    return results


def check_class(facts: EventFacts, car_class: str | None) -> None:
    """InputError naming the class and the event's classes when `car_class` is none of them
    (matched without regard to case, as the renderers filter); the web's 404 says the same."""
    problem = unknown_class(facts, car_class)
    if problem is not None:
        raise InputError(problem, source="option --class")
