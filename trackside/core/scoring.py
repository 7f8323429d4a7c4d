"""Public scoring API: facts in, results out (time-attack.md). Pure functions, no I/O."""

from __future__ import annotations

from trackside.core.records import EventFacts
from trackside.core.results import EventResult, ScoredLap, SessionResult


def score_session(facts: EventFacts, session_id: str) -> SessionResult:
    """Every entry's laps in one session, valid or with a reason, ranked by best valid lap."""
    raise NotImplementedError


def score_event(facts: EventFacts, *, generated_at: str = "", provisional: bool = True) -> EventResult:
    """Round times, totals, overall and class positions, awards and statuses."""
    raise NotImplementedError


def entry_session_laps(facts: EventFacts, session_id: str, number: str) -> tuple[ScoredLap, ...]:
    """The numbered laps one entry has in one session (used to check `penalty add --lap N`)."""
    raise NotImplementedError


def session_at(facts: EventFacts, time_us: int) -> str | None:
    """The session whose window holds this time of day (its first green to the next one's)."""
    raise NotImplementedError
