"""TrackSprint and HillClimb use cases (tracksprint.md, Commands): the starter's releases, a
car leaving the course (`run dnf`), re-runs granted or refused with the rule quoted, and a
session's runs. Each write is one transaction; a refusal stores nothing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine

from trackside.core.decisions import active_decisions
from trackside.core.records import (
    RUN_FORMATS,
    Decision,
    DecisionKind,
    EventFacts,
    Release,
    SessionDef,
)
from trackside.core.run_decisions import VOIDING
from trackside.core.run_results import RunSessionResult, ScoredRun
from trackside.core.scoring import score_sessions
from trackside.errors import InputError
from trackside.services.checks import require_session
from trackside.store.database import writing
from trackside.store.facts import definitions_in, facts_in
from trackside.store.journal import append_decision
from trackside.store.run_facts import append_releases
from trackside.timing.csv_releases import read_releases_csv

RERUN_REASONS = ("timing-failure", "object-on-course", "red-flag", "yellow-flag",
                 "caught-car-ahead", "official-discretion")  # fmt: skip
"""Why a re-run may be granted (SCCA VI.1.2.7, RMD 2.7)."""

MECHANICAL_REFUSAL = (
    "SCCA VI.1.2.7.A, RMD 2.7.1: re-runs \"will be granted only for timing failure, object on "
    "the course, Red Flag, catching the car in front, or other situations at the discretion of "
    "the Competition Director\" and \"will not be given because of mechanical or other failure "
    "of the competitor's car\""
)
VOIDED_REFUSAL = (
    "SCCA VI.1.2.7.C, RMD 2.7.3: \"If a competitor has had an issue on course which would "
    "disqualify that run (such as an off-course), no re-runs shall be given to that competitor "
    "for that run\""
)


@dataclass(frozen=True, slots=True)
class ReleasesReport:
    added: int
    duplicates: int


def run_session(facts: EventFacts, session_id: str, source: str = "argument SESSION"
                ) -> SessionDef:  # fmt: skip
    """The session named, which must be a tracksprint or hillclimb session."""
    require_session(facts.event, session_id, source=source)
    session = facts.event.session(session_id)
    assert session is not None
    if session.format not in RUN_FORMATS:
        raise InputError(f"session {session_id!r} is a {session.format} session; runs belong "
                         "to tracksprint and hillclimb sessions", source=source)
    return session


def _require_car(facts: EventFacts, number: str, source: str = "argument NUMBER") -> None:
    if not any(e.number == number for e in facts.entries):
        raise InputError(f"car {number!r} is not entered in event {facts.event.id!r}",
                         source=source)


def _lights_session(facts: EventFacts, session_id: str) -> SessionDef:
    session = run_session(facts, session_id)
    if session.timing != "lights":
        raise InputError(f"session {session_id!r} is timed by loops: releases apply to "
                         "timing = \"lights\"", source="argument SESSION")
    return session


def record_releases(
    engine: Engine, event_id: str, session_id: str, released: Sequence[tuple[str, int]],
    author: str = "",
) -> ReleasesReport:
    """Record the starter's releases (car number, time) of a lights session, all or nothing."""
    with writing(engine) as conn:
        facts = definitions_in(conn, event_id)
        _lights_session(facts, session_id)
        for number, _ in released:
            _require_car(facts, number)
        rows = [Release(session_id, number, time_us) for number, time_us in released]
        added = append_releases(conn, event_id, rows, author)
    return ReleasesReport(added, len(rows) - added)


def import_releases(
    engine: Engine, event_id: str, session_id: str, path: Path | str, author: str = ""
) -> ReleasesReport:
    """Record every release of a `time,number` CSV file, all or nothing."""
    path = Path(path)
    with writing(engine) as conn:
        facts = definitions_in(conn, event_id)
        _lights_session(facts, session_id)
        rows = read_releases_csv(path, facts.event.date)
        for row in rows:
            _require_car(facts, row.number, source=f"{path}:{row.line}: field 'number'")
        releases = [Release(session_id, row.number, row.time_us) for row in rows]
        added = append_releases(conn, event_id, releases, author or f"file {path.name}")
    return ReleasesReport(added, len(rows) - added)


def record_run_dnf(
    engine: Engine, event_id: str, session_id: str, number: str, at_us: int, author: str = ""
) -> Decision:
    """A `run-dnf` decision: the car left the course at `at_us`, its run has no finish."""
    with writing(engine) as conn:
        facts = definitions_in(conn, event_id)
        run_session(facts, session_id)
        _require_car(facts, number)
        decision = Decision(0, DecisionKind.RUN_DNF, number, session_id, at_us=at_us,
                            reason="left the course", author=author)  # fmt: skip
        return append_decision(conn, event_id, decision)


def car_runs_in(conn: Connection, event_id: str, session_id: str,
                number: str) -> list[ScoredRun]:  # fmt: skip
    """The car's runs in the session as scored now (the whole session: with lights timing a
    car's runs depend on every car's releases)."""
    facts = facts_in(conn, event_id)
    result = score_sessions(facts, {session_id})[session_id].result
    assert isinstance(result, RunSessionResult)
    entry = next((e for e in result.entries if e.number == number), None)
    return [] if entry is None else list(entry.runs)


def require_run(conn: Connection, event_id: str, session_id: str, number: str,
                run: int) -> ScoredRun:  # fmt: skip
    """Run N of the car in the session, or InputError saying which runs it has."""
    runs = car_runs_in(conn, event_id, session_id, number)
    found = next((r for r in runs if r.run == run), None)
    if found is None:
        has = f"runs 1-{len(runs)}" if runs else "no runs"
        raise InputError(f"car {number!r} has no run {run} in session {session_id!r} ({has})",
                         source="option --run")
    return found


def grant_rerun(
    engine: Engine, event_id: str, number: str, session_id: str, run: int, reason: str,
    author: str,
) -> Decision:
    """A re-run granted for run N (tracksprint.md, "Re-runs"), or refused quoting the rule."""
    if not author.strip():
        raise InputError("say who: give --by NAME", source="option --by")
    if reason not in RERUN_REASONS:
        said = "mechanical failure" if reason == "mechanical" else f"reason {reason!r}"
        raise InputError(f"re-run refused ({said}): {MECHANICAL_REFUSAL}; reasons a re-run is "
                         f"granted for: {', '.join(RERUN_REASONS)}", source="option --reason")
    with writing(engine) as conn:
        facts = definitions_in(conn, event_id)
        run_session(facts, session_id, source="option --session")
        _require_car(facts, number)
        require_run(conn, event_id, session_id, number, run)
        for decision in active_decisions(facts.decisions):
            if decision.number != number or decision.session_id != session_id \
                    or decision.run != run:
                continue
            if decision.kind in VOIDING:
                raise InputError(f"re-run refused: run {run} of car {number} carries decision "
                                 f"{decision.id} ({decision.kind}); {VOIDED_REFUSAL}",
                                 source="option --run")
            if decision.kind is DecisionKind.RERUN:
                raise InputError(f"run {run} of car {number} already has a re-run (decision "
                                 f"{decision.id})", source="option --run")
        decision = Decision(0, DecisionKind.RERUN, number, session_id, reason=reason,
                            author=author, run=run)  # fmt: skip
        return append_decision(conn, event_id, decision)


def session_runs(engine: Engine, event_id: str, session_id: str,
                 generated_at: str = "") -> RunSessionResult:  # fmt: skip
    """Every run of a run session (through the results cache)."""
    from trackside.services.session_cache import scored_event

    facts, results = scored_event(engine, event_id, generated_at=generated_at)
    run_session(facts, session_id)
    result = results.sessions[session_id]
    assert isinstance(result, RunSessionResult)
    return result
