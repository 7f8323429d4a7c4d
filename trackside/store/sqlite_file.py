"""A SQLite database file opened with the standard library alone, for the commands that read a
few rows and append one fact (`trackside flag`, `penalty add`: issue 10, "the CLI starts
fast"). Importing SQLAlchemy costs those commands more than everything else they do.

`open_light` hands one out only for a file that exists and is already at the shipped schema
revision (`migrate.shipped_head`, read as text); anything else (a new or old database, a URL
that is not a plain SQLite path, PostgreSQL) gets the SQLAlchemy engine `open_engine` gives,
which migrates. The connection settings are `database.py`'s: WAL, foreign keys, synchronous
NORMAL, a 30 s busy timeout, and real transactions (BEGIN IMMEDIATE for writes).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from trackside.store.migrate import shipped_head

if TYPE_CHECKING:
    from sqlalchemy import Engine

_PRAGMAS = ("journal_mode=WAL", "foreign_keys=ON", "synchronous=NORMAL")
_SQLITE_FILE = "sqlite:///"


class SqliteFile:
    """A SQLite file at the newest schema: `connect()` reads, `writing()` writes, each in one
    transaction on a connection of its own (as an engine's `connect()` and `begin()` do)."""

    def __init__(self, path: str) -> None:
        self.path = path

    def _open(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        for pragma in _PRAGMAS:
            conn.execute(f"PRAGMA {pragma}")
        return conn

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        """A read transaction (deferred: it never waits for a writer under WAL)."""
        with self._transaction("BEGIN") as conn:
            yield conn

    @contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """One write transaction holding the write lock from its start, committed at the end
        of the block (rolled back on error): `database.writing` on SQLite."""
        with self._transaction("BEGIN IMMEDIATE") as conn:
            yield conn

    @contextmanager
    def _transaction(self, begin: str) -> Iterator[sqlite3.Connection]:
        conn = self._open()
        try:
            conn.execute(begin)
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        finally:
            conn.close()

    def dispose(self) -> None:
        """Nothing to release: every block opens and closes its own connection."""


def sqlite_path(url: str) -> str | None:
    """The file of a plain `sqlite:///PATH` URL (no query, not in memory), else None."""
    if not url.startswith(_SQLITE_FILE):
        return None
    path = url[len(_SQLITE_FILE):]
    if not path or "?" in path or path == ":memory:":
        return None
    return path


def at_head(path: str) -> bool:
    """True when the file exists and its `alembic_version` is the shipped head alone."""
    head = shipped_head()
    if head is None or not Path(path).is_file():
        return False
    conn = sqlite3.connect(path, timeout=30)
    try:
        listed = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                              "name = 'alembic_version'").fetchone()
        if listed is None:
            return False
        return [r[0] for r in conn.execute("SELECT version_num FROM alembic_version")] == [head]
    finally:
        conn.close()


def open_light(url: str | None = None) -> SqliteFile | Engine:
    """The database of a command that appends one fact: a `SqliteFile` for a SQLite file at
    the newest revision, else the (migrated) SQLAlchemy engine of `database.open_engine`."""
    from trackside.store.database import resolve_db_url

    resolved = resolve_db_url(url)
    path = sqlite_path(resolved)
    if path is not None and at_head(path):
        return SqliteFile(path)
    from trackside.store.database import open_engine

    return open_engine(resolved)
