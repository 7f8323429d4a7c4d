"""One car's runs in one session: numbered, held by green flags or not, re-runs, the run limit
and the officials' decisions on runs (tracksprint.md, "Flags", "Decisions on runs", "Re-runs",
"Run limit").

Each step marks runs that do not count with a reason; a run keeps the first reason it is given.
The order: a granted re-run (its reason shows even on a run a red flag stopped), a run with no
finish (`dnf`), flags, the run limit, then the decisions in the spec's order: delete-run, cones,
missed-gate / off-course, track-limits, the fastest-run removals, session-dq, exclude-from-session.
"""

from __future__ import annotations

from collections.abc import Sequence

from trackside.core.decisions import SESSION_DQ_KINDS
from trackside.core.periods import REASON_AFTER, Period
from trackside.core.records import Decision, DecisionKind, SessionDef
from trackside.core.run_results import ScoredRun

RERUN_GRANTED = "re-run granted"
DNF = "dnf"
NO_GREEN = "no green"
OVER_LIMIT = "over the run limit"
DELETED = "deleted by officials"
MISSED_GATE = "dnf: missed gate"
OFF_COURSE = "dnf: off course"
TRACK_LIMITS = "disqualified: track limits"
LOST_TO_PENALTY = "run lost to penalty"
SESSION_DQ = "session disqualification"
EXCLUDED_FROM_SESSION = "excluded from session"

LOSE_FASTEST_RUN = frozenset({DecisionKind.SESSION_INTERRUPTION, DecisionKind.FLAG_VIOLATION,
                              DecisionKind.NOT_SLOWING, DecisionKind.LOSE_FASTEST_RUN})  # fmt: skip
"""Kinds that each remove the fastest remaining counting run of the session (rule 5)."""
VOIDING = frozenset({DecisionKind.TRACK_LIMITS, DecisionKind.MISSED_GATE,
                     DecisionKind.OFF_COURSE, DecisionKind.DELETE_RUN})  # fmt: skip
"""Decisions on run N after which no re-run is given for it (SCCA VI.1.2.7, RMD 2.7)."""
RUN_KINDS = VOIDING | {DecisionKind.CONES, DecisionKind.RERUN}
"""Decisions that name one run (`--run N`)."""


def flag_reason(periods: Sequence[Period], start_us: int, finish_us: int) -> str | None:
    """None when a green period holds the run (its start `a`, its finish `b`, as laps in
    time-attack.md rule 6); "no green" when it started while no period was open; else why the
    period's hard close lost it ("after red flag", "after black flag all")."""
    for period in periods:
        if period.holds(start_us, finish_us):
            return None
    for period in periods:
        open_at_start = period.closes_us is None or start_us < period.closes_us
        if period.opens_us <= start_us and open_at_start and period.closed_by is not None:
            return REASON_AFTER[period.closed_by]
    return NO_GREEN


def _void(run: ScoredRun, reason: str) -> ScoredRun:
    return run if not run.valid else run._replace(valid=False, reason=reason)


def _named(decisions: Sequence[Decision], *kinds: DecisionKind) -> set[int]:
    return {d.run for d in decisions if d.kind in kinds and d.run is not None}


def numbered_runs(
    raw: Sequence[tuple[int, int | None]], periods: Sequence[Period],
    decisions: Sequence[Decision], max_runs: int | None,
) -> list[ScoredRun]:
    """Runs numbered from 1 in start order; re-runs, dnf, flags and the run limit applied."""
    reruns = _named(decisions, DecisionKind.RERUN)
    runs, started = [], 0
    for number, (start, finish) in enumerate(sorted(raw, key=lambda r: r[0]), start=1):
        run = ScoredRun(number, start, finish)
        if number in reruns:
            run = _void(run, RERUN_GRANTED)
        else:
            started += 1
        if finish is None:
            run = _void(run, DNF)
        else:
            reason = flag_reason(periods, start, finish)
            if reason is not None:
                run = _void(run, reason)
        if max_runs is not None and number not in reruns and started > max_runs:
            run = _void(run, OVER_LIMIT)
        runs.append(run)
    return runs


def apply_run_decisions(
    runs: list[ScoredRun], decisions: Sequence[Decision], cone_penalty_us: int
) -> list[ScoredRun]:
    """The officials' decisions on one car's runs of one session, in the spec's order."""
    if not decisions:
        return runs
    deleted = _named(decisions, DecisionKind.DELETE_RUN)
    cones: dict[int, int] = {}
    for d in decisions:
        if d.kind is DecisionKind.CONES and d.run is not None:
            cones[d.run] = cones.get(d.run, 0) + (d.count or 0)
    missed = _named(decisions, DecisionKind.MISSED_GATE)
    off = _named(decisions, DecisionKind.OFF_COURSE)
    limits = _named(decisions, DecisionKind.TRACK_LIMITS)
    out = []
    for run in runs:
        if run.run in deleted:
            run = _void(run, DELETED)
        if run.run in cones:
            count = run.cones + cones[run.run]
            run = run._replace(cones=count, penalty_us=count * cone_penalty_us)
        if run.run in missed:
            run = _void(run, MISSED_GATE)
        if run.run in off:
            run = _void(run, OFF_COURSE)
        if run.run in limits:
            run = _void(run, TRACK_LIMITS)
        out.append(run)
    removals = sum(1 for d in decisions if d.kind in LOSE_FASTEST_RUN)
    if removals:
        by_pace = sorted((r for r in out if r.valid), key=lambda r: (r.time_us, r.run))
        lost = {r.run for r in by_pace[:removals]}
        out = [_void(r, LOST_TO_PENALTY) if r.run in lost else r for r in out]
    if any(d.kind in SESSION_DQ_KINDS for d in decisions):
        out = [_void(r, SESSION_DQ) for r in out]
    cutoffs = [d.at_us for d in decisions
               if d.kind is DecisionKind.EXCLUDE_FROM_SESSION and d.at_us is not None]
    if cutoffs:
        cutoff = min(cutoffs)
        out = [_void(r, EXCLUDED_FROM_SESSION) if r.start_us >= cutoff else r for r in out]
    return out


def car_runs(
    raw: Sequence[tuple[int, int | None]], session: SessionDef, periods: Sequence[Period],
    decisions: Sequence[Decision],
) -> list[ScoredRun]:
    """One car's scored runs in `session`."""
    runs = numbered_runs(raw, periods, decisions, session.max_runs)
    return apply_run_decisions(runs, decisions, session.cone_penalty_us)
