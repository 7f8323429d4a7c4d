"""Plain SQL text run on the DB-API cursor of either kind of connection: a SQLAlchemy
`Connection` (SQLite or PostgreSQL) or a standard-library `sqlite3.Connection`
(`store/sqlite_file.py`).

The reads and appends of a one-fact command (`flag`, `penalty add`: `facts.py`,
`official_facts.py`) are SQL valid in both SQLite and PostgreSQL with `:name` parameters, so
such a command on a SQLite file runs without importing SQLAlchemy (a quarter of a second here),
and every other path runs the very same statements through its engine. Fetching from the cursor
also skips SQLAlchemy's Row objects: for the tens of thousands of passings of a day that is a
quarter of the read time. Nothing here imports SQLAlchemy: a SQLAlchemy connection has
imported it already.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    import sqlalchemy

    Connection: TypeAlias = sqlalchemy.Connection | sqlite3.Connection
else:
    Connection: TypeAlias = Any

Params: TypeAlias = Mapping[str, Any]
_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


def rows(conn: Connection, sql: str, params: Params | None = None) -> list[tuple[Any, ...]]:
    """Every row of `sql` as a plain tuple, inside the connection's current transaction."""
    cursor = _cursor(conn)
    try:
        cursor.execute(_for(conn, sql), params or {})
        return cursor.fetchall()
    finally:
        cursor.close()


def first(conn: Connection, sql: str, params: Params | None = None) -> tuple[Any, ...] | None:
    """The first row of `sql`, or None."""
    found = rows(conn, sql, params)
    return found[0] if found else None


def scalar(conn: Connection, sql: str, params: Params | None = None) -> Any:
    """The first column of the first row (None without rows)."""
    row = first(conn, sql, params)
    return None if row is None else row[0]


def execute_many(conn: Connection, sql: str, many: Iterable[Params]) -> None:
    """Run `sql` once per parameter set (an insert of many rows)."""
    cursor = _cursor(conn)
    try:
        cursor.executemany(_for(conn, sql), list(many))
    finally:
        cursor.close()


def dialect_name(conn: Connection) -> str:
    """`sqlite` or `postgresql`."""
    return "sqlite" if isinstance(conn, sqlite3.Connection) else conn.dialect.name


def json_value(value: Any) -> Any:
    """A JSON column's value: SQLite hands back its text, psycopg the decoded value."""
    return json.loads(value) if isinstance(value, str | bytes) else value


def _cursor(conn: Connection) -> Any:
    if isinstance(conn, sqlite3.Connection):
        return conn.cursor()
    if not conn.in_transaction():
        conn.begin()
    return conn.connection.dbapi_connection.cursor()


def _for(conn: Connection, sql: str) -> str:
    """`sql` in the driver's parameter style: sqlite3 takes `:name`, psycopg `%(name)s`."""
    if dialect_name(conn) == "sqlite":
        return sql
    return _pyformat(sql)


@lru_cache(maxsize=256)
def _pyformat(sql: str) -> str:
    return _NAMED.sub(r"%(\1)s", sql.replace("%", "%%"))
