"""Compliance queries (officials.md, "Compliance queries"; SCCA TT Rules Compliance Query):
filed with the fee of that moment or refused (3.G), waived, answered; impound releases."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import Connection, Engine

from trackside.core.queries import OUTCOMES, Query, QueryAction, final_run_end, impound_release
from trackside.core.records import Decision, DecisionKind, Entry, EventDef, EventFacts
from trackside.errors import InputError
from trackside.rules.queries import (
    RULE_3G,
    RULE_3G_TEXT,
    WAIVER_ROLES,
    filing_closes,
    query_fee,
)
from trackside.services.checks import require_event
from trackside.store.database import writing
from trackside.store.facts import definitions_in
from trackside.store.journal import append_decision, now_us
from trackside.store.queries import append_action, append_query, queries_of


def _entered(facts: EventFacts, number: str, source: str) -> Entry:
    entry = next((e for e in facts.entries if e.number == number), None)
    if entry is None:
        raise InputError(f"car {number!r} is not entered in event {facts.event.id!r}",
                         source=source)
    return entry


def _roles(event: EventDef, name: str, held: Collection[str] | None = None) -> set[str]:
    """The official's roles: `held` (a console account's, checked by its role table) when
    given, else those the event file's [[official]] rows give `name`."""
    if held is not None:
        return set(held)
    return {o.role for o in event.officials if o.name.casefold() == name.strip().casefold()}


def _require_text(value: str, option: str, what: str) -> str:
    if not value.strip():
        raise InputError(f"{what}: give {option} TEXT", source=f"option {option}")
    return value.strip()


def file_query(
    engine: Engine, event_id: str, subject: str, question: str, by: str, filed_us: int,
    *, official: bool = False,
) -> Query:
    """File a query about car `subject` at `filed_us` with the fee the rulebook sets then;
    refused with rule 3.G quoted after the car's final run and impound release."""
    question = _require_text(question, "--question", "say what is questioned")
    by = _require_text(by, "--by", "say who files it")
    with writing(engine) as conn:
        facts = definitions_in(conn, event_id)
        entry = _entered(facts, subject, "option --subject")
        if official and not _roles(facts.event, by):
            raise InputError(f"{by!r} is not an official of event {event_id!r} ([[official]] "
                             "in the event file)", source="option --official")
        closes = filing_closes(final_run_end(facts, entry), impound_release(facts, subject))
        if closes is not None and filed_us > closes:
            raise InputError(f"too late for a query about car {subject}: {RULE_3G}: "
                             f"\"{RULE_3G_TEXT}\"", source="option --at")
        fee = query_fee(facts.event, filed_us, official=official)
        return append_query(conn, Query(0, event_id, subject, question, by, official,
                                        filed_us, fee.dollars))


def _query(conn: Connection, event_id: str, query_id: int) -> Query:
    found = next((q for q in queries_of(conn, event_id) if q.id == query_id), None)
    if found is None:
        raise InputError(f"no query {query_id} in event {event_id!r}", source="argument ID")
    return found


def waive_query(engine: Engine, event_id: str, query_id: int, by: str,
                roles: Collection[str] | None = None) -> Query:  # fmt: skip
    """Waive a query's fee: the event lead or competition director (3.E); `roles` are the
    console account's (console.md), else the event file names `by`'s."""
    with writing(engine) as conn:
        facts = definitions_in(conn, event_id)
        if not _roles(facts.event, by, roles) & set(WAIVER_ROLES):
            raise InputError(f"{by.strip()!r} may not waive a fee: only the event lead or "
                             "competition director (Rules Compliance Query 3.E; [[official]] "
                             "in the event file)", source="option --by")
        query = _query(conn, event_id, query_id)
        if query.waiver is not None:
            raise InputError(f"query {query_id}'s fee was already waived by "
                             f"{query.waiver.author}", source="argument ID")
        append_action(conn, event_id, query_id, QueryAction("waive", by.strip(), now_us()))
        return _query(conn, event_id, query_id)


def answer_query(
    engine: Engine, event_id: str, query_id: int, outcome: str, answer: str, by: str,
    roles: Collection[str] | None = None,
) -> Query:
    """Answer a query (the query committee, 4): a reasonable query's fee is returned (3.F);
    `roles` are the console account's (console.md), else the event file names `by`'s."""
    if outcome not in OUTCOMES:
        raise InputError(f"expected one of {', '.join(OUTCOMES)}; got {outcome!r}",
                         source="option --outcome")
    answer = _require_text(answer, "--answer", "say the answer")
    with writing(engine) as conn:
        facts = definitions_in(conn, event_id)
        if not _roles(facts.event, by, roles):
            raise InputError(f"{by.strip()!r} is not an official of event {event_id!r} "
                             "(Rules Compliance Query 4; [[official]] in the event file)",
                             source="option --by")
        query = _query(conn, event_id, query_id)
        if query.answer is not None:
            raise InputError(f"query {query_id} was already answered by {query.answer.author}",
                             source="argument ID")
        append_action(conn, event_id, query_id,
                      QueryAction("answer", by.strip(), now_us(), outcome, answer))
        return _query(conn, event_id, query_id)


def list_queries(engine: Engine, event_id: str) -> list[Query]:
    with engine.connect() as conn:
        require_event(conn, event_id)
        return queries_of(conn, event_id)


def release_from_impound(
    engine: Engine, event_id: str, number: str, at_us: int, by: str = ""
) -> Decision:
    """Record car NUMBER's release from impound (a decision; it bounds 3.G)."""
    with writing(engine) as conn:
        facts = definitions_in(conn, event_id)
        _entered(facts, number, "argument NUMBER")
        decision = Decision(id=0, kind=DecisionKind.IMPOUND_RELEASE, number=number,
                            at_us=at_us, author=by.strip())
        return append_decision(conn, event_id, decision)
