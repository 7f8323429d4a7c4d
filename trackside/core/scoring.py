"""Public scoring API: facts in, results out. Pure functions, no I/O.

`score` takes the event's facts and its rulebook's event rules: each session is scored by the
scorer its format selects (`known_formats.FORMATS`), and the event result combines the rounds of
any format through one interface, an entry's best time per session.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any

from trackside.core.decisions import active_decisions
from trackside.core.event_results import awards_per_class, entry_result, event_rounds, rank_event
from trackside.core.event_rules import EventRules
from trackside.core.flags_in_force import flag_standings, with_flags_in_force
from trackside.core.formats import BestTime, FormatRegistry, ScoringInput
from trackside.core.known_formats import FORMATS
from trackside.core.records import EVENT_KINDS, Decision, DecisionKind, EventFacts
from trackside.core.results import EventResult, FlagStanding, SessionResult, Status


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


def _with_flags(
    sessions: dict[str, Any], standings: tuple[FlagStanding, ...]
) -> dict[str, Any]:
    """Each session's result with its recorded flags, revoked ones marked (a format's own
    result type, other than `SessionResult`, is left as its scorer made it)."""
    of_session: dict[str, list[FlagStanding]] = defaultdict(list)
    for standing in standings:
        of_session[standing.flag.session_id].append(standing)
    return {sid: replace(result, flags=tuple(of_session.get(sid, ())))
            if isinstance(result, SessionResult) else result
            for sid, result in sessions.items()}  # fmt: skip


def is_official(decisions: list[Decision]) -> bool:
    """Results stay provisional until an official declares them final (and nobody revoked it)."""
    return any(d.kind is DecisionKind.RESULTS_OFFICIAL for d in decisions)


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
    session whose format no scorer handles raises `UnknownFormat`. Only flags in force count
    (`core/flags_in_force.py`); each session's result lists all its flags."""
    event = facts.event
    standings = flag_standings(facts)
    facts = with_flags_in_force(facts)
    in_force = active_decisions(facts.decisions)
    per_session, per_event = _decisions_by_target(in_force)
    excluded = frozenset(n for n, ds in per_event.items() if any(d.kind in EVENT_KINDS for d in ds))
    given = ScoringInput(facts, per_session, excluded)
    sessions: dict[str, SessionResult] = {}
    best: dict[str, dict[str, BestTime]] = defaultdict(dict)
    for scorer, its_sessions in formats.grouped(event.sessions):
        part = scorer.score_sessions(given, its_sessions)
        sessions.update(part.sessions)
        for number, by_session in part.best.items():
            best[number].update(by_session)
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
    return Scored(event_result, _with_flags({s.id: sessions[s.id] for s in event.sessions},
                                            standings))


__all__ = ["Scored", "Status", "is_official", "score"]
