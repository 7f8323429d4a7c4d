"""The sign-in limit kept in the database (console.md, "Sign-in and sessions"): each failed
sign-in, by key (`user:NAME`, `addr:HOST`) and time, so that the 10-in-10-minutes limit survives
a restart and holds across server processes on one database.

Revision ID: 0015_sign_in_failures
Revises: 0014_tech
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015_sign_in_failures"
down_revision = "0014_tech"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer, "sqlite")


def upgrade() -> None:
    op.create_table(
        "sign_in_failures",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("failed_us", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_sign_in_failures_key", "sign_in_failures", ["key", "failed_us"])
    op.create_index("ix_sign_in_failures_time", "sign_in_failures", ["failed_us"])


def downgrade() -> None:
    op.drop_index("ix_sign_in_failures_time", "sign_in_failures")
    op.drop_index("ix_sign_in_failures_key", "sign_in_failures")
    op.drop_table("sign_in_failures")
