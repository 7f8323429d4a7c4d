"""Tech inspection: each change of a car's tech status (`tech_status`, appended), and the class
a `reclassify` decision moves a car to (`decisions.car_class`); docs/tech.md.

Revision ID: 0014_tech
Revises: 0013_series_revokes
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_tech"
down_revision = "0013_series_revokes"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer, "sqlite")


def upgrade() -> None:
    op.add_column("decisions", sa.Column("car_class", sa.String(32), nullable=True))
    op.create_table(
        "tech_status",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(64), sa.ForeignKey("events.id"), nullable=False),
        sa.Column("number", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("recorded_us", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_tech_status_event", "tech_status", ["event_id", "number"])


def downgrade() -> None:
    op.drop_index("ix_tech_status_event", table_name="tech_status")
    op.drop_table("tech_status")
    with op.batch_alter_table("decisions") as batch:
        batch.drop_column("car_class")
