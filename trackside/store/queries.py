"""Compliance queries as filed and their waivers and answers: rows only ever inserted."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Connection

from trackside.core.queries import Query, QueryAction
from trackside.store.journal import now_us
from trackside.store.plain_sql import rows
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


_ACTIONS = ("SELECT query_id, action, author, recorded_us, outcome, answer FROM query_actions "
            "WHERE event_id = :event_id ORDER BY id")
_QUERIES = ("SELECT id, event_id, subject, question, filer, official, filed_us, fee FROM queries "
            "WHERE event_id = :event_id ORDER BY id")


def queries_of(conn: Connection, event_id: str) -> list[Query]:
    """The event's queries in the order filed (by id), each with its actions in order. Plain
    SQL (`plain_sql.py`): `penalty add --query` reads them on the light SQLite path too."""
    actions: dict[int, list[QueryAction]] = defaultdict(list)
    for query_id, action, author, recorded_us, outcome, answer in rows(
            conn, _ACTIONS, {"event_id": event_id}):
        actions[query_id].append(QueryAction(action, author, recorded_us, outcome, answer))
    return [Query(qid, event, subject, question, filer, bool(official), filed_us, fee,
                  tuple(actions[qid]))
            for qid, event, subject, question, filer, official, filed_us, fee
            in rows(conn, _QUERIES, {"event_id": event_id})]  # fmt: skip
