"""Initial schema: events, entries and the journal (passings, flags, decisions).

Revision ID: 0001
Revises:
Create Date: 2026-05-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer, "sqlite")


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("date", sa.String(10), nullable=False),
        sa.Column("definition", sa.JSON, nullable=False),
        sa.Column("updated_us", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "entries",
        sa.Column("event_id", sa.String(64), sa.ForeignKey("events.id"), primary_key=True),
        sa.Column("number", sa.String(16), primary_key=True),
        sa.Column("transponder", sa.String(64), nullable=False),
        sa.Column("first_name", sa.Text, nullable=False),
        sa.Column("last_name", sa.Text, nullable=False),
        sa.Column("car_class", sa.String(64), nullable=False),
        sa.Column("run_group", sa.String(64), nullable=False),
        sa.Column("member_id", sa.String(64)),
        sa.Column("license", sa.String(64)),
        sa.Column("year", sa.String(8)),
        sa.Column("make", sa.Text),
        sa.Column("model", sa.Text),
        sa.Column("trim", sa.Text),
        sa.Column("email", sa.Text),
        sa.Column("team", sa.Text),
        sa.Column("extra", sa.JSON, nullable=False),
        sa.UniqueConstraint("event_id", "transponder", name="uq_entries_event_transponder"),
    )
    op.create_table(
        "passings",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(64), sa.ForeignKey("events.id"), nullable=False),
        sa.Column("time_us", sa.BigInteger, nullable=False),
        sa.Column("transponder", sa.String(64), nullable=False),
        sa.Column("loop", sa.String(32)),
        sa.Column("decoder", sa.String(64)),
        sa.Column("passing_number", sa.BigInteger),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("session_id", sa.String(64)),
        sa.Column("identity", sa.String(200), nullable=False),
        sa.UniqueConstraint("event_id", "identity", name="uq_passings_event_identity"),
    )
    op.create_index("ix_passings_event_time", "passings", ["event_id", "time_us"])
    op.create_table(
        "flags",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(64), sa.ForeignKey("events.id"), nullable=False),
        sa.Column("session_id", sa.String(64), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("time_us", sa.BigInteger, nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("recorded_us", sa.BigInteger, nullable=False),
        sa.UniqueConstraint("event_id", "session_id", "state", "time_us", name="uq_flags_fact"),
    )
    op.create_table(
        "decisions",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(64), sa.ForeignKey("events.id"), nullable=False),
        sa.Column("number", sa.String(16)),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("session_id", sa.String(64)),
        sa.Column("lap", sa.Integer),
        sa.Column("at_us", sa.BigInteger),
        sa.Column("seconds", sa.Float),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("created_us", sa.BigInteger, nullable=False),
        sa.Column("revokes", ID),
        sa.ForeignKeyConstraint(["revokes"], ["decisions.id"], name="fk_decisions_revokes"),
        sa.UniqueConstraint("revokes", name="uq_decisions_revokes"),
    )
    op.create_index("ix_decisions_event", "decisions", ["event_id"])


def downgrade() -> None:
    for table in ("decisions", "flags", "passings", "entries", "events"):
        op.drop_table(table)
