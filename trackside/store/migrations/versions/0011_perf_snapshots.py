"""Each event's passings packed in one row (`store/passing_snapshots.py`): what `load_facts`
reads instead of every passing row, and an index giving an event's newest passing id. Not part
of the journal: its rows may be deleted at any time.

Revision ID: 0011_perf_snapshots
Revises: 0007
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_perf_snapshots"
down_revision = "0010_console"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "passing_snapshots",
        sa.Column("event_id", sa.String(64), sa.ForeignKey("events.id"), primary_key=True),
        sa.Column("last_id", sa.BigInteger, nullable=False),
        sa.Column("count", sa.Integer, nullable=False),
        sa.Column("format", sa.String(32), nullable=False),
        sa.Column("payload", sa.LargeBinary, nullable=False),
        sa.Column("stored_us", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_passings_event_id", "passings", ["event_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_passings_event_id", table_name="passings")
    op.drop_table("passing_snapshots")
