"""Officials' decisions applied to a session's laps (time-attack.md, "Decisions on a session").

Applied in this order: deleted laps; fastest-lap removals (SCCA TT VI.1.1.2.C track limits and
loss of control, VI.1.1.6.A flag violations; RMD 1.2, 1.7); session disqualification
(SCCA TT VI.1.1.4 sportsmanship); exclusion from the rest of a session (SCCA TT VI.1.1.3).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from trackside.core.records import LOSE_FASTEST, Decision, DecisionKind
from trackside.core.results import ScoredLap

DELETED = "deleted by officials"
LOST_TO_PENALTY = "lap lost to penalty"
SESSION_DQ = "session disqualification"
EXCLUDED_FROM_SESSION = "excluded from session"

SESSION_DQ_KINDS = frozenset({DecisionKind.SESSION_DQ, DecisionKind.SPORTSMANSHIP})


def active_decisions(decisions: Iterable[Decision]) -> list[Decision]:
    """Decisions still in force: a revoke cancels its target unless it was revoked itself.

    A revoke is always recorded after its target, so walking newest first settles every chain.
    """
    newest_first = sorted(decisions, key=lambda d: d.id, reverse=True)
    revoked: set[int] = set()
    for decision in newest_first:
        is_revoke = decision.kind is DecisionKind.REVOKE and decision.revokes is not None
        if is_revoke and decision.id not in revoked:
            revoked.add(decision.revokes)  # type: ignore[arg-type]
    return [
        d
        for d in reversed(newest_first)
        if d.id not in revoked and d.kind is not DecisionKind.REVOKE
    ]


def _invalidate(lap: ScoredLap, reason: str) -> ScoredLap:
    return lap if not lap.valid else lap._replace(valid=False, reason=reason)


def _delete_laps(laps: list[ScoredLap], decisions: Sequence[Decision]) -> list[ScoredLap]:
    deleted = {d.lap for d in decisions if d.kind is DecisionKind.DELETE_LAP}
    return [_invalidate(lap, DELETED) if lap.lap in deleted else lap for lap in laps]


def _remove_fastest(laps: list[ScoredLap], decisions: Sequence[Decision]) -> list[ScoredLap]:
    """Each removal takes the fastest remaining valid lap; equal times lose the earlier lap."""
    count = sum(1 for d in decisions if d.kind in LOSE_FASTEST)
    by_pace = sorted((lap for lap in laps if lap.valid), key=lambda lap: (lap.time_us, lap.lap))
    lost = {lap.lap for lap in by_pace[:count]}
    return [_invalidate(lap, LOST_TO_PENALTY) if lap.lap in lost else lap for lap in laps]


def _disqualify(laps: list[ScoredLap], decisions: Sequence[Decision]) -> list[ScoredLap]:
    if any(d.kind in SESSION_DQ_KINDS for d in decisions):
        return [_invalidate(lap, SESSION_DQ) for lap in laps]
    return laps


def _exclude(laps: list[ScoredLap], decisions: Sequence[Decision]) -> list[ScoredLap]:
    times = [d.at_us for d in decisions if d.kind is DecisionKind.EXCLUDE_FROM_SESSION]
    cutoff = min((t for t in times if t is not None), default=None)
    if cutoff is None:
        return laps
    return [
        _invalidate(lap, EXCLUDED_FROM_SESSION) if lap.start_us >= cutoff else lap for lap in laps
    ]


def apply_session_decisions(
    laps: list[ScoredLap], decisions: Sequence[Decision]
) -> list[ScoredLap]:
    """One entry's laps in one session after its active decisions for that session."""
    if not decisions:
        return laps
    for step in (_delete_laps, _remove_fastest, _disqualify, _exclude):
        laps = step(laps, decisions)
    return laps


def is_session_dq(decisions: Sequence[Decision]) -> bool:
    return any(d.kind in SESSION_DQ_KINDS for d in decisions)
