"""A penalty citing a compliance query (officials.md, "Compliance queries"): light, for
`penalty add --query` on the plain SQLite path (`tests/test_cli_one_fact.py`)."""

from __future__ import annotations

from trackside.errors import InputError
from trackside.store.plain_sql import Connection
from trackside.store.query_reads import queries_of


def check_query_penalty(conn: Connection, event_id: str, query_id: int, number: str) -> None:
    """A penalty citing a query: the query exists, is answered and is about that car."""
    query = next((q for q in queries_of(conn, event_id) if q.id == query_id), None)
    if query is None:
        raise InputError(f"no query {query_id} in event {event_id!r}", source="option --query")
    if query.answer is None:
        raise InputError(f"query {query_id} is not answered yet (`trackside query answer`)",
                         source="option --query")
    if query.subject != number:
        raise InputError(f"query {query_id} is about car {query.subject}, not car {number}",
                         source="option --query")
