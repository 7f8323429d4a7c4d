"""TrackSprint and HillClimb facts (tracksprint.md): timing-light raw lines and the trips read
from them, the starter's releases, and the run and cone count a run decision names.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer, "sqlite")


def upgrade() -> None:
    op.add_column("decisions", sa.Column("run", sa.Integer, nullable=True))
    op.add_column("decisions", sa.Column("count", sa.Integer, nullable=True))
    op.create_table(
        "light_lines",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(64), sa.ForeignKey("events.id"), nullable=False),
        sa.Column("session_id", sa.String(64), nullable=False),
        sa.Column("protocol", sa.String(32), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("raw", sa.Text, nullable=False),
        sa.Column("received_us", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_light_lines_event", "light_lines", ["event_id", "session_id"])
    op.create_table(
        "trips",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(64), sa.ForeignKey("events.id"), nullable=False),
        sa.Column("session_id", sa.String(64), nullable=False),
        sa.Column("channel", sa.String(8), nullable=False),
        sa.Column("time_us", sa.BigInteger, nullable=False),
        sa.Column("line_id", ID, sa.ForeignKey("light_lines.id")),
        sa.UniqueConstraint("event_id", "session_id", "channel", "time_us", name="uq_trips_fact"),
    )
    op.create_index("ix_trips_event_time", "trips", ["event_id", "time_us"])
    op.create_table(
        "releases",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(64), sa.ForeignKey("events.id"), nullable=False),
        sa.Column("session_id", sa.String(64), nullable=False),
        sa.Column("number", sa.String(16), nullable=False),
        sa.Column("time_us", sa.BigInteger, nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("recorded_us", sa.BigInteger, nullable=False),
        sa.UniqueConstraint("event_id", "session_id", "number", "time_us",
                            name="uq_releases_fact"),
    )


def downgrade() -> None:
    op.drop_table("releases")
    op.drop_index("ix_trips_event_time", table_name="trips")
    op.drop_table("trips")
    op.drop_index("ix_light_lines_event", table_name="light_lines")
    op.drop_table("light_lines")
    with op.batch_alter_table("decisions") as batch:
        batch.drop_column("count")
        batch.drop_column("run")
