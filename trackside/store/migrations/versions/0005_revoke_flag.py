"""Decisions can revoke a flag: a `revoke-flag` decision names the flag's journal row.

A flag shown by mistake is never deleted; `flag_id` says which flag a decision revokes (null for
every other kind, and for every decision stored before this revision).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer, "sqlite")


def upgrade() -> None:
    op.add_column("decisions", sa.Column("flag_id", ID, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("decisions") as batch:
        batch.drop_column("flag_id")
