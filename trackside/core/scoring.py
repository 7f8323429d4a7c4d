"""Public scoring API: facts in, results out. Pure functions, no I/O.

`score` takes the event's facts and its rulebook's event rules: each session is scored by the
scorer its format selects (`known_formats.FORMATS`), and the event result combines the rounds of
any format through one interface, an entry's best time per session.

`score` is `combine(score_sessions(...))`: a caller that kept some sessions' scores from before
(the store's results cache) scores only the others with `score_sessions`, from only the passings
they can depend on, and combines them all into the same `Scored`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from typing import Any

from trackside.core.decisions import active_decisions
from trackside.core.event_results import awards_per_class, entry_result, event_rounds, rank_event
from trackside.core.event_rules import EventRules
from trackside.core.flags_in_force import flag_standings, with_flags_in_force
from trackside.core.formats import BestTime, FormatRegistry, ScoringInput
from trackside.core.known_formats import FORMATS
from trackside.core.race_results import RaceSessionResult
from trackside.core.reclassification import with_classes_in_force
from trackside.core.records import EVENT_KINDS, Decision, DecisionKind, EventFacts
from trackside.core.results import EventResult, FlagStanding, SessionResult, Status
from trackside.core.run_results import RunSessionResult


@dataclass(frozen=True, slots=True)
class Scored:
    """Every result of one event, computed together (sessions in the event file's order)."""

    event: EventResult
    sessions: dict[str, Any]


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


def is_official(decisions: list[Decision]) -> bool:
    """Results stay provisional until an official declares them final (and nobody revoked it)."""
    return any(d.kind is DecisionKind.RESULTS_OFFICIAL for d in decisions)


@dataclass(frozen=True, slots=True)
class SessionScore:
    """One session's result and each entry's best counting time in it: all the event result
    takes from a session, so a session scored on its own combines with the others."""

    result: SessionResult
    best: dict[str, BestTime]
    """car number -> best counting time in this session (absent: none)."""


def score_sessions(
    facts: EventFacts,
    session_ids: Collection[str] | None = None,
    *,
    formats: FormatRegistry = FORMATS,
) -> dict[str, SessionScore]:
    """The sessions named (all when None), each by its format's scorer.

    `facts.passings` may hold only the passings these sessions' laps can depend on
    (`core.session_inputs`); the passing counts of their unknown transponders are then those
    of `facts.passings`, and `recounted` gives them the whole day's. Only flags in force count
    (`core/flags_in_force.py`); each car runs in the class its reclassifications in force give
    it (`core/reclassification.py`)."""
    facts = with_classes_in_force(with_flags_in_force(facts))
    wanted = [s for s in facts.event.sessions if session_ids is None or s.id in session_ids]
    per_session, per_event = _decisions_by_target(active_decisions(facts.decisions))
    given = ScoringInput(facts, per_session, _excluded(per_event))
    scores: dict[str, SessionScore] = {}
    for scorer, its_sessions in formats.grouped(wanted):
        part = scorer.score_sessions(given, its_sessions)
        for sid, result in part.sessions.items():
            best = {n: by[sid] for n, by in part.best.items() if sid in by}
            scores[sid] = SessionScore(result, best)
    return scores


def combine(
    facts: EventFacts,
    rules: EventRules,
    sessions: Mapping[str, SessionScore],
    *,
    generated_at: str = "",
    provisional: bool | None = None,
) -> Scored:
    """The event result from every session's score, however each was obtained (scored now or
    kept from before); uses the definition, entries, flags and decisions, never the passings.
    Each session's result lists all its recorded flags, revoked ones marked."""
    facts = with_classes_in_force(facts)
    event = facts.event
    in_force = active_decisions(facts.decisions)
    _, per_event = _decisions_by_target(in_force)
    best: dict[str, dict[str, BestTime]] = defaultdict(dict)
    for sid, session in sessions.items():
        for number, time in session.best.items():
            best[number][sid] = time
    rounds = event_rounds(event)
    results = [
        entry_result(entry, rounds, best.get(entry.number, {}), per_event.get(entry.number, []))
        for entry in facts.entries
    ]
    event_result = EventResult(
        event.id,
        event.name,
        not is_official(in_force) if provisional is None else provisional,
        tuple(name for name, _ in rounds),
        tuple(rank_event(results, rules, awards_per_class(event, rules))),
        generated_at,
    )
    results_of = {s.id: sessions[s.id].result for s in event.sessions}
    return Scored(event_result, with_flags(results_of, flag_standings(facts)))


def with_flags(
    sessions: dict[str, Any], standings: tuple[FlagStanding, ...]
) -> dict[str, Any]:
    """Each session's result with its recorded flags (a format's own result type, other than
    `SessionResult`, `RunSessionResult` and `RaceSessionResult`, is left as its scorer made
    it)."""
    of_session: dict[str, list[FlagStanding]] = defaultdict(list)
    for standing in standings:
        of_session[standing.flag.session_id].append(standing)
    return {sid: _flagged(result, tuple(of_session.get(sid, ())))
            for sid, result in sessions.items()}  # fmt: skip


def _flagged(result: Any, flags: tuple[FlagStanding, ...]) -> Any:
    if isinstance(result, SessionResult | RunSessionResult):
        return replace(result, flags=flags)
    if isinstance(result, RaceSessionResult):
        sprint = None if result.sprint is None else replace(result.sprint, flags=flags)
        return replace(result, race=replace(result.race, flags=flags), sprint=sprint)
    return result


def score(
    facts: EventFacts,
    rules: EventRules,
    *,
    generated_at: str = "",
    provisional: bool | None = None,
    formats: FormatRegistry = FORMATS,
) -> Scored:
    """Session results of every session and the event result, under `rules`.

    `provisional` is taken from the facts (a `results-official` decision) unless given; a
    session whose format no scorer handles raises `UnknownFormat`."""
    sessions = score_sessions(facts, formats=formats)
    return combine(facts, rules, sessions, generated_at=generated_at, provisional=provisional)


def recounted(result: SessionResult, passing_counts: Mapping[str, int]) -> SessionResult:
    """A session result with its unknown transponders' whole-day passing counts brought up to
    date (a count is not a fact of the session: passings in later sessions add to it)."""
    if all(u.passings == passing_counts.get(u.transponder, 0) for u in result.unknown):
        return result
    unknown = tuple(
        replace(u, passings=passing_counts.get(u.transponder, 0)) for u in result.unknown
    )
    return replace(result, unknown=unknown)


def _excluded(per_event: Mapping[str, list[Decision]]) -> frozenset[str]:
    return frozenset(n for n, ds in per_event.items() if any(d.kind in EVENT_KINDS for d in ds))


__all__ = ["Scored", "SessionScore", "Status", "combine", "is_official", "recounted", "score",
           "score_sessions"]
