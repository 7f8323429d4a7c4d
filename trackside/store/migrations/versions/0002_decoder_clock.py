"""Decoder clock readings: each decoder's RTC against track time (append-only).

Revision ID: 0002
Revises: 0001
Create Date: 2026-05-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer, "sqlite")


def upgrade() -> None:
    op.create_table(
        "decoder_clock",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(64), sa.ForeignKey("events.id"), nullable=False),
        sa.Column("decoder", sa.String(64), nullable=False),
        sa.Column("rtc_us", sa.BigInteger, nullable=False),
        sa.Column("track_us", sa.BigInteger, nullable=False),
        sa.Column("offset_us", sa.BigInteger, nullable=False),
        sa.Column("recorded_us", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_decoder_clock_event", "decoder_clock", ["event_id", "decoder"])


def downgrade() -> None:
    op.drop_index("ix_decoder_clock_event", table_name="decoder_clock")
    op.drop_table("decoder_clock")
