"""Season championships: revokes of an official's bonus or an identity merge, audited decisions
appended like the bonuses and merges they revoke.

Revision ID: 0013_series_revokes
Revises: 0012_season
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_series_revokes"
down_revision = "0012_season"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer, "sqlite")


def upgrade() -> None:
    op.create_table(
        "series_revokes",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("series_id", sa.String(64), sa.ForeignKey("series.id"), nullable=False),
        sa.Column("target", sa.String(16), nullable=False),
        sa.Column("target_id", sa.BigInteger, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("created_us", sa.BigInteger, nullable=False),
        sa.UniqueConstraint("series_id", "target", "target_id", name="uq_series_revokes_target"),
    )


def downgrade() -> None:
    op.drop_table("series_revokes")
