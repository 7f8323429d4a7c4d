"""Public scoring API: facts in, results out (time-attack.md). Pure functions, no I/O.

All results of an event come from one pass over its facts (`score`); the public functions
below read from it. The last pass is remembered for the same facts object, so scoring an event
and then each of its sessions does the lap work once.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from trackside.core.decisions import active_decisions, is_session_dq
from trackside.core.event_results import entry_result, event_rounds, rank_event
from trackside.core.periods import session_windows
from trackside.core.records import EVENT_KINDS, Decision, DecisionKind, Entry, EventFacts
from trackside.core.results import (
    EventResult,
    ScoredLap,
    SessionEntryResult,
    SessionResult,
    Status,
    UnknownTransponder,
)
from trackside.core.session_laps import SessionLaps, assign_laps, entry_laps, numbered_laps
from trackside.core.session_results import best_lap, rank_session


@dataclass(frozen=True, slots=True)
class Scored:
    """Every result of one event, computed together."""

    event: EventResult
    sessions: dict[str, SessionResult]


def _decisions_by_target(
    decisions: list[Decision],
) -> tuple[dict[tuple[str, str], list[Decision]], dict[str, list[Decision]]]:
    per_session: dict[tuple[str, str], list[Decision]] = defaultdict(list)
    per_event: dict[str, list[Decision]] = defaultdict(list)
    for decision in decisions:
        if decision.number is None:
            continue
        if decision.kind in EVENT_KINDS or decision.kind is DecisionKind.TIME_PENALTY:
            per_event[decision.number].append(decision)
        elif decision.session_id is not None:
            per_session[(decision.number, decision.session_id)].append(decision)
    return per_session, per_event


def _session_entry(
    entry: Entry, laps: list[ScoredLap], session_decisions: list[Decision], excluded: bool
) -> SessionEntryResult:
    best = best_lap(laps)
    if excluded:
        status = "excluded"
    elif is_session_dq(session_decisions):
        status = "disqualified"
    else:
        status = "ok" if best is not None else "no-time"
    return SessionEntryResult(
        entry.number, entry.driver, entry.car_class, entry.group, status, None, best, tuple(laps)
    )


def _unknown_transponders(facts: EventFacts, session_laps: SessionLaps) -> dict[str, tuple]:
    """Per session, the laps of transponders no entry claims (kept and shown, never scored)."""
    known = {e.transponder for e in facts.entries}
    counts = Counter(p.transponder for p in facts.passings if p.transponder not in known)
    unknown: dict[str, tuple] = {}
    for session_id, window in session_laps.windows.items():
        in_session = session_laps.crossings.get(session_id, {})
        unknown[session_id] = tuple(
            UnknownTransponder(t, counts[t], tuple(numbered_laps(window, crossings)))
            for t, crossings in sorted(in_session.items())
            if t in counts
        )
    return unknown


def is_official(decisions: list[Decision]) -> bool:
    """Results stay provisional until an official declares them final (and nobody revoked it)."""
    return any(d.kind is DecisionKind.RESULTS_OFFICIAL for d in decisions)


def score(facts: EventFacts, *, generated_at: str = "", provisional: bool | None = None) -> Scored:
    """Laps, session results and event results of one event from its facts."""
    event = facts.event
    session_laps = assign_laps(facts)
    in_force = active_decisions(facts.decisions)
    if provisional is None:
        provisional = not is_official(in_force)
    per_session, per_event = _decisions_by_target(in_force)
    excluded = {n for n, ds in per_event.items() if any(d.kind in EVENT_KINDS for d in ds)}
    in_group = {s.id: set(s.groups) for s in event.sessions}
    unknown = _unknown_transponders(facts, session_laps)
    best_of: dict[str, dict[str, tuple[ScoredLap, ...]]] = defaultdict(dict)
    sessions: dict[str, SessionResult] = {}
    for session in event.sessions:
        rows = []
        ran = session_laps.crossings.get(session.id, {})
        for entry in facts.entries:
            if entry.transponder not in ran and entry.group not in in_group[session.id]:
                continue
            decisions = per_session.get((entry.number, session.id), [])
            laps = entry_laps(session_laps, session.id, entry.transponder, decisions)
            row = _session_entry(entry, laps, decisions, entry.number in excluded)
            # a round's time is the best of its sessions' best laps: no need to scan them all
            best_of[entry.number][session.id] = (row.best_lap,) if row.best_lap else ()
            rows.append(row)
        sessions[session.id] = SessionResult(
            event.id,
            session.id,
            session.name,
            session.scored,
            tuple(rank_session(rows)),
            unknown.get(session.id, ()),
        )
    rounds = event_rounds(event)
    results = [
        entry_result(entry, rounds, best_of.get(entry.number, {}), per_event.get(entry.number, []))
        for entry in facts.entries
    ]
    event_result = EventResult(
        event.id,
        event.name,
        provisional,
        tuple(name for name, _ in rounds),
        tuple(rank_event(results, event.awards_per_class)),
        generated_at,
    )
    return Scored(event_result, sessions)


_last: tuple[EventFacts, Scored] | None = None


def _scored(facts: EventFacts) -> Scored:
    global _last
    if _last is None or _last[0] is not facts:
        _last = (facts, score(facts))
    return _last[1]


def score_session(facts: EventFacts, session_id: str) -> SessionResult:
    """Every entry's laps in one session, valid or with a reason, ranked by best valid lap."""
    try:
        return _scored(facts).sessions[session_id]
    except KeyError:
        raise KeyError(f"no session {session_id!r} in event {facts.event.id!r}") from None


def score_event(
    facts: EventFacts, *, generated_at: str = "", provisional: bool | None = None
) -> EventResult:
    """Round times, totals, overall and class positions, awards and statuses.

    `provisional` is taken from the facts (a `results-official` decision) unless given.
    """
    result = _scored(facts).event
    if provisional is None:
        provisional = result.provisional
    return replace(result, generated_at=generated_at, provisional=provisional)


def entry_session_laps(facts: EventFacts, session_id: str, number: str) -> tuple[ScoredLap, ...]:
    """The numbered laps one entry has in one session (used to check `penalty add --lap N`)."""
    for row in score_session(facts, session_id).entries:
        if row.number == number:
            return row.laps
    return ()


def session_at(facts: EventFacts, time_us: int) -> str | None:
    """The session whose window holds this time of day (its first green to the next one's)."""
    windows = session_windows(facts.flags)
    greens = [w.first_green_us for w in windows]
    index = bisect_right(greens, time_us)
    return windows[index - 1].session_id if index else None


__all__ = [
    "Scored",
    "Status",
    "entry_session_laps",
    "score",
    "score_event",
    "score_session",
    "session_at",
]
