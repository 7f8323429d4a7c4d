"""Compliance queries as filed and their waivers and answers: rows only ever inserted."""

from __future__ import annotations

from sqlalchemy import Connection

from trackside.core.queries import Query, QueryAction
from trackside.store.journal import now_us
from trackside.store.query_reads import queries_of
from trackside.store.schema import queries, query_actions


def append_query(conn: Connection, query: Query) -> Query:
    values = {"event_id": query.event_id, "subject": query.subject, "question": query.question,
              "filer": query.filer, "official": query.official, "filed_us": query.filed_us,
              "fee": query.fee, "recorded_us": now_us()}
    new_id = conn.execute(queries.insert().values(values).returning(queries.c.id)).scalar_one()
    return Query(new_id, query.event_id, query.subject, query.question, query.filer,
                 query.official, query.filed_us, query.fee)


def append_action(conn: Connection, event_id: str, query_id: int, action: QueryAction) -> None:
    conn.execute(query_actions.insert().values(
        event_id=event_id, query_id=query_id, action=action.action, outcome=action.outcome,
        answer=action.answer, author=action.author, recorded_us=action.recorded_us))


__all__ = ["append_action", "append_query", "queries_of"]
