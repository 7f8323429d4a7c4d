"""A race session's results as the front ends ask for them (endurance.md, "Race JSON"): through
the results cache, after checking that the session named is a race and has the part asked for."""

from __future__ import annotations

from sqlalchemy import Engine

from trackside.core.race_results import RacePart, RaceSessionResult
from trackside.core.scoring import Scored
from trackside.errors import InputError
from trackside.services.checks import require_session
from trackside.services.session_cache import scored_event


def race_session_result(
    results: Scored, session_id: str, part: str = RacePart.RACE,
    source: str = "option --session",
) -> RaceSessionResult:
    """The race session's result; InputError when it is no race or lacks the part."""
    result = results.sessions.get(session_id)
    if not isinstance(result, RaceSessionResult):
        raise InputError(f"session {session_id!r} is not a race session", source=source)
    if part == RacePart.SPRINT and result.sprint is None:
        raise InputError(f"session {session_id!r} has no Sprint part (no sprint_min)",
                         source="option --part")
    return result


def race_results(engine: Engine, event_id: str, session_id: str,
                 source: str = "argument SESSION") -> RaceSessionResult:  # fmt: skip
    """A race session's result from the stored facts (InputError for an unknown event or
    session, or a session of another format)."""
    facts, results = scored_event(engine, event_id)
    require_session(facts.event, session_id, source=source)
    return race_session_result(results, session_id, source=source)


__all__ = ["race_results", "race_session_result"]
