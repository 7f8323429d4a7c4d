"""Opening a database: URL rules (interfaces.md, Database), SQLite settings, migrations."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING

from trackside.store.sqlite_file import SqliteFile

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

    from trackside.store.plain_sql import Connection as AnyConnection

# SQLAlchemy is imported when an engine is opened: `writing` on a `SqliteFile` (the one-fact
# commands, `store/sqlite_file.py`) runs without it.

DEFAULT_URL = "sqlite:///trackside.db"
_IMMEDIATE = "sqlite_immediate"
ENV_VAR = "TRACKSIDE_DB"


def resolve_db_url(value: str | None = None, environ: Mapping[str, str] = os.environ) -> str:
    """`--db` value, else `TRACKSIDE_DB`, else SQLite `trackside.db` in the working directory.

    A plain path means SQLite; `postgresql://` (or `postgres://`) means PostgreSQL via psycopg 3.
    """
    url = value or environ.get(ENV_VAR) or DEFAULT_URL
    if "://" not in url:
        return f"sqlite:///{url}"
    scheme, rest = url.split("://", 1)
    if scheme in ("postgresql", "postgres"):
        return f"postgresql+psycopg://{rest}"
    return url


def open_engine(url: str | None = None, *, migrate: bool = True) -> Engine:
    """An engine for `url` (resolved as `resolve_db_url` does), upgraded to the newest schema."""
    from sqlalchemy import create_engine

    from trackside.store.migrate import upgrade_to_head

    resolved = resolve_db_url(url)
    if resolved.startswith("sqlite"):
        engine = create_engine(resolved, connect_args={"timeout": 30})
        _configure_sqlite(engine)
    else:
        engine = create_engine(resolved, pool_pre_ping=True)
    if migrate:
        upgrade_to_head(engine)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    """WAL, foreign keys, synchronous NORMAL; real transactions (BEGIN) around DDL and DML."""
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in ("journal_mode=WAL", "foreign_keys=ON", "synchronous=NORMAL"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:  # type: ignore[no-untyped-def]
        immediate = connection.get_execution_options().get(_IMMEDIATE)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def writing(engine: Engine | SqliteFile) -> AbstractContextManager[AnyConnection]:
    """One write transaction, committed at the end of the block (rolled back on error).

    On SQLite it starts with BEGIN IMMEDIATE: it takes the one write lock up front, waiting up
    to the busy timeout for another writer (the decoder client, the server), instead of failing
    with "database is locked" when another process commits between its first read and its first
    write. Reads stay deferred and never wait for a writer (WAL)."""
    if isinstance(engine, SqliteFile):
        return engine.writing()
    return _engine_writing(engine)


@contextmanager
def _engine_writing(engine: Engine) -> Iterator[Connection]:
    with engine.execution_options(**{_IMMEDIATE: True}).begin() as conn:
        yield conn
