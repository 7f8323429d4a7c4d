"""Compliance queries read in plain SQL (`plain_sql.py`), with no SQLAlchemy import:
`penalty add --query` reads them on the light SQLite path (`tests/test_cli_one_fact.py`)."""

from __future__ import annotations

from collections import defaultdict

from trackside.core.queries import Query, QueryAction
from trackside.store.plain_sql import Connection, rows

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
