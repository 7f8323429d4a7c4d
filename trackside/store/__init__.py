"""Storage: SQLAlchemy schema, Alembic migrations, the append-only journal and its queries."""

from trackside.store.database import open_engine, resolve_db_url
from trackside.store.facts import load_facts, read_passings
from trackside.store.fast_read import collector_paused

__all__ = ["collector_paused", "load_facts", "open_engine", "read_passings", "resolve_db_url"]
