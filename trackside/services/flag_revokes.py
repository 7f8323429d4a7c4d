"""Flags listed and revoked: a flag shown by mistake is revoked by a `revoke-flag` decision,
never deleted (DESIGN.md: a decision is never an UPDATE); revoking that decision with
`penalty revoke` restores the flag (`core/flags_in_force.py`)."""

from __future__ import annotations

from sqlalchemy import Engine

from trackside.core.flags_in_force import flag_revocations, flag_standings
from trackside.core.records import Decision, DecisionKind, EventFacts, Flag
from trackside.core.results import FlagStanding
from trackside.errors import InputError
from trackside.services.checks import require_session
from trackside.services.decisions import require_author_and_reason
from trackside.store.database import writing
from trackside.store.facts import definitions_in
from trackside.store.journal import append_decision


def list_flags(
    engine: Engine, event_id: str, session_id: str | None = None
) -> tuple[FlagStanding, ...]:
    """Every recorded flag of the event (or of one session) in time order, revoked ones too."""
    with engine.connect() as conn:
        facts = definitions_in(conn, event_id)
    if session_id is not None:
        require_session(facts.event, session_id, source="option --session")
    standings = flag_standings(facts)
    return tuple(s for s in standings if session_id in (None, s.flag.session_id))


def revoke_flag(
    engine: Engine, event_id: str, flag_id: int, reason: str, author: str
) -> Decision:
    """Append a `revoke-flag` decision naming the flag; the flag's row is never touched."""
    require_author_and_reason(reason, author)
    with writing(engine) as conn:
        facts = definitions_in(conn, event_id)
        flag = _revocable(facts, flag_id)
        decision = Decision(id=0, kind=DecisionKind.REVOKE_FLAG, session_id=flag.session_id,
                            reason=reason, author=author, flag_id=flag_id)
        return append_decision(conn, event_id, decision)


def _revocable(facts: EventFacts, flag_id: int) -> Flag:
    flag = next((f for f in facts.flags if f.id == flag_id), None)
    if flag is None:
        raise InputError(f"no flag {flag_id} in event {facts.event.id!r} "
                         "(see `trackside flag list EVENT`)", source="argument ID")
    revoked_by = flag_revocations(facts.decisions).get(flag_id)
    if revoked_by is not None:
        raise InputError(f"flag {flag_id} was already revoked by decision {revoked_by}",
                         source="argument ID")
    return flag
