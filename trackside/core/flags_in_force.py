"""Flags in force: the recorded flags less those an in-force `revoke-flag` decision names.

A flag shown or keyed in by mistake is never deleted (DESIGN.md: facts are append-only, a
decision is never an UPDATE): an official revokes it with a `revoke-flag` decision, and revoking
that decision (`revoke`) restores the flag. Scoring, the session clock, the live pages and the
RMonitor output all read the flags through `flags_in_force`, so they agree on what was shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from trackside.core.decisions import active_decisions
from trackside.core.periods import ordered
from trackside.core.records import Decision, DecisionKind, EventFacts, Flag
from trackside.core.results import FlagStanding


def flag_revocations(decisions: Iterable[Decision]) -> dict[int, int]:
    """Flag id -> the in-force `revoke-flag` decision that revokes it."""
    decisions = tuple(decisions)
    if not any(d.kind is DecisionKind.REVOKE_FLAG for d in decisions):
        return {}
    return {
        d.flag_id: d.id
        for d in active_decisions(decisions)
        if d.kind is DecisionKind.REVOKE_FLAG and d.flag_id is not None
    }


def flags_in_force(facts: EventFacts) -> tuple[Flag, ...]:
    """The event's flags that count: every recorded flag but the revoked ones."""
    revoked = flag_revocations(facts.decisions)
    if not revoked:
        return facts.flags
    return tuple(flag for flag in facts.flags if flag.id not in revoked)


def with_flags_in_force(facts: EventFacts) -> EventFacts:
    """`facts` with only the flags in force (the same object when none is revoked)."""
    flags = flags_in_force(facts)
    return facts if flags is facts.flags else replace(facts, flags=flags)


def flag_standings(facts: EventFacts) -> tuple[FlagStanding, ...]:
    """Every recorded flag in time order, with the decision that revoked it (None: in force)."""
    revoked = flag_revocations(facts.decisions)
    return tuple(
        FlagStanding(flag, revoked.get(flag.id) if flag.id is not None else None)
        for flag in ordered(facts.flags)
    )
