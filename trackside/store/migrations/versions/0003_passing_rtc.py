"""Passings keep the decoder's own clock reading beside their track time.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("passings", sa.Column("rtc_us", sa.BigInteger, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("passings") as batch:
        batch.drop_column("rtc_us")
