"""Race facts (endurance.md): each car's roster of drivers, the pit stops and driver changes
officials record and their revocations, and the decision columns the race decisions need (the
second car of a `contact`, when a drive-through or stop-and-go was served, the decision a
`penalty-served` serves).

Revision ID: 0008_race_io
Revises: 0007
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_race_io"
down_revision = "0007"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer, "sqlite")


def upgrade() -> None:
    op.add_column("decisions", sa.Column("other_number", sa.String(16), nullable=True))
    op.add_column("decisions", sa.Column("served_us", sa.BigInteger, nullable=True))
    op.add_column("decisions", sa.Column("serves", ID, nullable=True))
    op.create_table(
        "roster_drivers",
        sa.Column("event_id", sa.String(64), sa.ForeignKey("events.id"), primary_key=True),
        sa.Column("number", sa.String(16), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("first_name", sa.Text, nullable=False),
        sa.Column("last_name", sa.Text, nullable=False),
        sa.Column("member_id", sa.String(64)),
        sa.Column("driver_transponder", sa.String(64)),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("recorded_us", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "pit_stops",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(64), sa.ForeignKey("events.id"), nullable=False),
        sa.Column("session_id", sa.String(64), nullable=False),
        sa.Column("number", sa.String(16), nullable=False),
        sa.Column("in_us", sa.BigInteger, nullable=False),
        sa.Column("out_us", sa.BigInteger, nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("recorded_us", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "driver_changes",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(64), sa.ForeignKey("events.id"), nullable=False),
        sa.Column("session_id", sa.String(64), nullable=False),
        sa.Column("number", sa.String(16), nullable=False),
        sa.Column("driver", sa.Text, nullable=False),
        sa.Column("at_us", sa.BigInteger, nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("recorded_us", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_driver_changes_event", "driver_changes", ["event_id", "session_id"])
    op.create_table(
        "race_record_revokes",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(64), sa.ForeignKey("events.id"), nullable=False),
        sa.Column("record", sa.String(16), nullable=False),
        sa.Column("record_id", ID, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("recorded_us", sa.BigInteger, nullable=False),
        sa.UniqueConstraint("event_id", "record", "record_id", name="uq_race_record_revokes"),
    )


def downgrade() -> None:
    op.drop_table("race_record_revokes")
    op.drop_index("ix_driver_changes_event", table_name="driver_changes")
    op.drop_table("driver_changes")
    op.drop_table("pit_stops")
    op.drop_table("roster_drivers")
    with op.batch_alter_table("decisions") as batch:
        batch.drop_column("serves")
        batch.drop_column("served_us")
        batch.drop_column("other_number")
