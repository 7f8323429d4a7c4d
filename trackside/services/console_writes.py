"""What the console's write API needs beside the CLI's use cases (console.md, "The write API"):
the stored flag or decision as the answer's document, the kind of a decision to revoke (which
role may), and the rulebook's escalation prompt a decision would get, before it is saved."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, TypeVar

from sqlalchemy import Engine

from trackside.core.records import Decision, DecisionKind
from trackside.errors import InputError
from trackside.publish.decision_rows import decision_row
from trackside.publish.flag_rows import flag_row
from trackside.rules import escalation_prompts
from trackside.services.decisions import add_decision, listings_of, parse_kind
from trackside.services.flag_revokes import list_flags
from trackside.services.flags import record_flag
from trackside.services.runs import grant_rerun, record_run_dnf
from trackside.services.times import event_time
from trackside.store.events import event_exists
from trackside.store.facts import definitions_in

Doc = dict[str, Any]
T = TypeVar("T")


def event_known(engine: Engine, event_id: str) -> bool:
    with engine.connect() as conn:
        return event_exists(conn, event_id)


def record_flag_doc(
    engine: Engine, event_id: str, session_id: str, state: str, at: str, author: str
) -> tuple[Doc, bool]:
    """Record the flag (`services/flags.record_flag`, with its checks); the stored flag's row
    (`publish/flag_rows.py`) and whether it is new (False: it was already recorded)."""
    at_us = event_time(engine, event_id, at)
    added = record_flag(engine, event_id, session_id, state, at_us, author)
    state_text = state.lower()
    stored = next(s for s in reversed(list_flags(engine, event_id, session_id))
                  if s.flag.time_us == at_us and str(s.flag.state) == state_text)  # fmt: skip
    return flag_row(stored), added


def record_decision(
    engine: Engine, event_id: str, number: str, kind: str, *, session_id: str | None,
    lap: int | None, run: int | None, at_us: int | None, seconds: float | None,
    count: int | None, reason: str, author: str,
    laps: int | None = None, places: int | None = None, served_us: int | None = None,
) -> Decision:
    """A decision from the console, through the use case the CLI runs for its kind: a re-run
    as `rerun grant` (the rulebook's reasons and refusals), a car leaving the course as
    `run dnf`, any other kind as `penalty add` (a race kind with its `laps`, `places`,
    `served_us`: endurance.md, "Race decisions")."""
    if kind == DecisionKind.RERUN:
        return grant_rerun(engine, event_id, number, _needed(session_id, "session"),
                           _needed(run, "run"), reason, author)  # fmt: skip
    if kind == DecisionKind.RUN_DNF:
        return record_run_dnf(engine, event_id, _needed(session_id, "session"), number,
                              _needed(at_us, "at"), author)  # fmt: skip
    return add_decision(engine, event_id, number, kind, session_id=session_id, lap=lap,
                        at_us=at_us, seconds=seconds, reason=reason, author=author, run=run,
                        count=count, laps=laps, places=places,
                        served_us=served_us)  # fmt: skip


def _needed(value: T | None, name: str) -> T:
    if value is None:
        raise InputError(f"{name} is required for this kind", source=f"option --{name}")
    return value


def decision_doc(engine: Engine, event_id: str, decision: Decision) -> Doc:
    """The stored decision as the decision report shows it, with its escalation prompt."""
    with engine.connect() as conn:
        facts = definitions_in(conn, event_id)
    listed = {item.decision.id: item for item in listings_of(facts.decisions)}
    item = listed[decision.id]
    return decision_row(item.decision, item.revoked_by,
                        escalation_prompts(facts).get(decision.id))  # fmt: skip


def decision_kind(engine: Engine, event_id: str, decision_id: int) -> DecisionKind | None:
    """The kind of the event's decision `decision_id`; None when it has no such decision."""
    with engine.connect() as conn:
        facts = definitions_in(conn, event_id)
    return next((d.kind for d in facts.decisions if d.id == decision_id), None)


def escalation_preview(
    engine: Engine, event_id: str, number: str, kind: str, session_id: str | None
) -> str | None:
    """The rulebook's prompt for this offense were it recorded now (shown before saving;
    `rules/escalation.py`: never applied by itself)."""
    decision_kind_ = parse_kind(kind)
    with engine.connect() as conn:
        facts = definitions_in(conn, event_id)
    next_id = max((d.id for d in facts.decisions), default=0) + 1
    candidate = Decision(id=next_id, kind=decision_kind_, number=number, session_id=session_id)
    preview = replace(facts, decisions=(*facts.decisions, candidate))
    return escalation_prompts(preview).get(next_id)
