"""An event's results through the store's per-session cache (docs/architecture.md, "Results
cache"): each session's score is kept with the fingerprint of the facts it depends on
(`core.session_inputs`); a session whose facts are unchanged is taken as kept, the others are
scored from only the passings they can depend on, and all are combined into the `Scored` a
full `rules.scored(facts)` gives.

The cache is no part of the journal: a row that cannot be read is scored again, and a cache
write that fails is logged and forgotten, never the command's failure.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from sqlalchemy import Connection, Engine

from trackside.core.flags_in_force import flags_in_force
from trackside.core.laps import crossings_by_transponder
from trackside.core.periods import SessionWindow, session_windows
from trackside.core.reclassification import entries_in_force
from trackside.core.records import EventFacts, Passing
from trackside.core.scoring import Scored, SessionScore, combine, recounted, score_sessions
from trackside.core.session_inputs import (
    PassingSpan,
    passing_span,
    race_inputs,
    session_decisions,
    span_suffices,
    tied_windows,
)
from trackside.rules import event_rules
from trackside.store.facts import definitions_in
from trackside.store.fast_read import collector_paused
from trackside.store.result_codec import FORMAT, decode_score, encode_score
from trackside.store.results_cache import (
    CachedSession,
    SessionRow,
    cached_sessions,
    passing_counts,
    passing_stats,
    passings_in_spans,
    stats_of,
    store_sessions,
)

log = logging.getLogger(__name__)

_SCORING_PACKAGES = ("core", "rules")
"""The code a session's score is a function of: any change to it makes every row stale."""


@cache
def code_version() -> str:
    """The scoring code's own fingerprint: its sources, the Python version, the codec's."""
    digest = hashlib.sha256(f"{sys.version}|{FORMAT}|{marshal.version}".encode())
    root = Path(__file__).resolve().parent.parent
    for package in _SCORING_PACKAGES:
        for source in sorted((root / package).rglob("*.py")):
            digest.update(source.relative_to(root).as_posix().encode())
            digest.update(source.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class _Session:
    """One session's inputs but its passings, and the passings it depends on by default."""

    session_id: str
    window: SessionWindow | None
    inputs: str
    span: PassingSpan | None
    """None: not green yet, so no passing touches it."""

    def fingerprint(self, span: PassingSpan | None, stats: tuple[int, int] | None) -> str:
        return hashlib.sha256(f"{self.inputs}|{span!r}|{stats!r}".encode()).hexdigest()


def scored_event(
    engine: Engine, event_id: str, *, generated_at: str = "", provisional: bool | None = None
) -> tuple[EventFacts, Scored]:
    """The event's facts but its passings, and every result of the event under its rulebook:
    equal to `rules.scored(load_facts(engine, event_id))`."""
    with engine.connect() as conn, collector_paused():
        facts = definitions_in(conn, event_id)
        sessions = _sessions(facts)
        kept = _kept(conn, event_id, sessions, cached_sessions(conn, event_id))
        stale = [s for s in sessions if s.session_id not in kept]
        fresh, rows = _score_stale(conn, facts, stale)
        scores = _recounted(conn, event_id, {**kept, **fresh})
    rules = event_rules(facts.event.ruleset)
    results = combine(facts, rules, scores, generated_at=generated_at, provisional=provisional)
    _store_quietly(engine, event_id, rows)
    return facts, results


def _recounted(
    conn: Connection, event_id: str, scores: dict[str, SessionScore]
) -> dict[str, SessionScore]:
    """The scores with their unknown transponders' whole-day passing counts as they are now."""
    unknown = {u.transponder for s in scores.values() for u in s.result.unknown}
    if not unknown:
        return scores
    counts = passing_counts(conn, event_id, unknown)
    return {sid: replace(s, result=recounted(s.result, counts)) for sid, s in scores.items()}


def _sessions(facts: EventFacts) -> list[_Session]:
    definitions = repr((code_version(), facts.event,
                        entries_in_force(facts.entries, facts.decisions)))
    common = hashlib.sha256(definitions.encode()).hexdigest()
    windows = session_windows(flags_in_force(facts))
    by_id = {w.session_id: w for w in windows}
    sessions = []
    for definition in facts.event.sessions:
        sid = definition.id
        window = by_id.get(sid)
        inputs = repr((common, sid, tied_windows(windows, sid), session_decisions(facts, sid),
                       _run_facts(facts, sid), race_inputs(facts, sid)))
        span = None if window is None else passing_span(window, facts.event.min_lap_us)
        sessions.append(_Session(sid, window, hashlib.sha256(inputs.encode()).hexdigest(), span))
    return sessions


def _run_facts(facts: EventFacts, session_id: str) -> tuple[tuple, tuple]:
    """The session's timing-light trips and releases (tracksprint.md): inputs of its runs."""
    return (
        tuple((str(t.channel), t.time_us) for t in facts.trips if t.session_id == session_id),
        tuple((r.number, r.time_us) for r in facts.releases if r.session_id == session_id),
    )


def _kept(
    conn: Connection, event_id: str, sessions: list[_Session], cached: Mapping[str, CachedSession]
) -> dict[str, SessionScore]:
    """The cached scores whose fingerprint the facts as they are now still give."""
    rows = [(s, cached[s.session_id]) for s in sessions if s.session_id in cached]
    spans = [_span_of(session, row.span) for session, row in rows]
    stats = iter(passing_stats(conn, event_id, [span for span in spans if span is not None]))
    kept = {}
    for (session, row), span in zip(rows, spans, strict=True):
        its_stats = None if span is None else next(stats)
        if session.fingerprint(span, its_stats) != row.fingerprint:
            continue
        try:
            kept[session.session_id] = decode_score(row.payload)
        except Exception:  # noqa: BLE001 - an unreadable row is only a miss
            log.warning("results cache: session %s unreadable, scoring it again",
                        session.session_id, exc_info=True)  # fmt: skip
    return kept


def _span_of(session: _Session, stored: PassingSpan) -> PassingSpan | None:
    """The span a row was scored from if it is the session's own span or that span reaching
    back to the start of the day (rule 2's look-back went further); else the default."""
    if session.span is not None and stored == session.span.from_day_start():
        return stored
    return session.span


def _score_stale(
    conn: Connection, facts: EventFacts, stale: list[_Session]
) -> tuple[dict[str, SessionScore], list[SessionRow]]:
    """Score the stale sessions from the passings of their spans (reaching back to the start of
    the day for a session whose span does not settle rule 2); their new cache rows."""
    if not stale:
        return {}, []
    spans = {s.session_id: s.span for s in stale if s.span is not None}
    ids: list[int] = []
    passings: tuple[Passing, ...] = ()
    while spans:
        ids, passings = passings_in_spans(conn, facts.event.id, _merged(spans.values()))
        crossings = crossings_by_transponder(passings, facts.event.track.start_finish_loop)
        short = [s.session_id for s in stale if s.span is not None and not _suffices(
            facts, passings, spans[s.session_id], s.window, crossings)]  # fmt: skip
        if not short:
            break
        spans.update({sid: spans[sid].from_day_start() for sid in short})
    scores = score_sessions(replace(facts, passings=passings), {s.session_id for s in stale})
    times = [p.time_us for p in passings]
    rows = []
    for session in stale:
        span = spans.get(session.session_id)
        stats = None if span is None else stats_of(ids, times, span)
        rows.append(SessionRow(session.session_id, session.fingerprint(span, stats),
                               span or PassingSpan(None, None),
                               encode_score(scores[session.session_id])))  # fmt: skip
    return scores, rows


def _suffices(
    facts: EventFacts, passings: tuple[Passing, ...], span: PassingSpan,
    window: SessionWindow | None, crossings: Mapping[str, list[int]],
) -> bool:
    assert window is not None
    event = facts.event
    return span_suffices(passings, span, window, event.track.start_finish_loop, event.min_lap_us,
                         crossings)  # fmt: skip


def _merged(spans: Iterable[PassingSpan]) -> list[PassingSpan]:
    """The spans as few disjoint spans covering the same times."""
    merged: list[tuple[float, float]] = []
    for since, until in sorted(_bounds(span) for span in spans):
        if merged and since <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], until))
        else:
            merged.append((since, until))
    return [PassingSpan(None if s == -_ENDLESS else int(s), None if u == _ENDLESS else int(u))
            for s, u in merged]  # fmt: skip


_ENDLESS = float("inf")


def _bounds(span: PassingSpan) -> tuple[float, float]:
    since = -_ENDLESS if span.since_us is None else span.since_us
    return since, _ENDLESS if span.until_us is None else span.until_us


def _store_quietly(engine: Engine, event_id: str, rows: list[SessionRow]) -> None:
    try:
        store_sessions(engine, event_id, rows)
    except Exception:  # noqa: BLE001 - the cache is optional; the results are already made
        log.warning("results cache: could not store %d session(s) of %s", len(rows), event_id,
                    exc_info=True)  # fmt: skip


__all__ = ["code_version", "scored_event"]
