"""Storage: SQLAlchemy schema, Alembic migrations, the append-only journal and its queries."""

from trackside.store.database import open_engine, resolve_db_url
from trackside.store.facts import load_facts, read_passings

__all__ = ["load_facts", "open_engine", "read_passings", "resolve_db_url"]
