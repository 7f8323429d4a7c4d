"""A cache of each session's scored result, keyed by the fingerprint of its facts. Not part of
the journal: its rows may be deleted at any time.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "results_cache",
        sa.Column("event_id", sa.String(64), sa.ForeignKey("events.id"), primary_key=True),
        sa.Column("session_id", sa.String(64), primary_key=True),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("since_us", sa.BigInteger),
        sa.Column("until_us", sa.BigInteger),
        sa.Column("payload", sa.LargeBinary, nullable=False),
        sa.Column("stored_us", sa.BigInteger, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("results_cache")
