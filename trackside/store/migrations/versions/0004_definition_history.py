"""Event definitions and entries keep their history: every version, with who and when.

What is stored already becomes version 1 of its event or entry, by "before history": an event
dated by its last update, an entry (which kept no time) by the time of this upgrade.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from alembic import op

from trackside.core.clock import parse_local_time

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer, "sqlite")
SEED_AUTHOR = "before history"

ENTRY_COLUMNS = ("number", "transponder", "first_name", "last_name", "car_class", "run_group",
                 "member_id", "license", "year", "make", "model", "trim", "email", "team",
                 "extra")
"""The `entries` columns at revision 0003, but `event_id`."""


def upgrade() -> None:
    event_versions = op.create_table(
        "event_versions",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(64), sa.ForeignKey("events.id"), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("definition", sa.JSON, nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("recorded_us", sa.BigInteger, nullable=False),
        sa.UniqueConstraint("event_id", "version", name="uq_event_versions_version"),
    )
    entry_versions = op.create_table(
        "entry_versions",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(64), sa.ForeignKey("events.id"), nullable=False),
        sa.Column("number", sa.String(16), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("entry", sa.JSON, nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("recorded_us", sa.BigInteger, nullable=False),
        sa.UniqueConstraint("event_id", "number", "version", name="uq_entry_versions_version"),
    )
    _seed(event_versions, _event_seeds())
    _seed(entry_versions, _entry_seeds())


def _event_seeds() -> list[dict[str, Any]]:
    events = sa.table("events", sa.column("id"), sa.column("definition", sa.JSON),
                      sa.column("updated_us"))
    rows = op.get_bind().execute(sa.select(events).order_by(events.c.id)).mappings()
    return [
        {"event_id": row["id"], "version": 1, "definition": row["definition"],
         "author": SEED_AUTHOR, "recorded_us": row["updated_us"]}
        for row in rows
    ]


def _entry_seeds() -> list[dict[str, Any]]:
    entries = sa.table("entries", sa.column("event_id"),
                       *(sa.column(name, sa.JSON if name == "extra" else None)
                         for name in ENTRY_COLUMNS))
    query = sa.select(entries).order_by(entries.c.event_id, entries.c.number)
    recorded = _now_us()
    return [
        {"event_id": row["event_id"], "number": row["number"], "version": 1,
         "entry": {name: row[name] for name in ENTRY_COLUMNS}, "author": SEED_AUTHOR,
         "recorded_us": recorded}
        for row in op.get_bind().execute(query).mappings()
    ]


def _seed(table: sa.Table, rows: list[dict[str, Any]]) -> None:
    if rows:
        op.bulk_insert(table, rows)


def _now_us() -> int:
    """Local wall-clock time in microseconds, as the journal records it."""
    return parse_local_time(dt.datetime.now().isoformat())


def downgrade() -> None:
    op.drop_table("entry_versions")
    op.drop_table("event_versions")
