"""Season championships (championship.md): series and their events, results-only events'
imported results, officials' bonuses, identity merges (audited: author, time, reason), and a
cache of each trackside event's class results.

Revision ID: 0012_season
Revises: 0007
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_season"
down_revision = "0011_perf_snapshots"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer, "sqlite")


def _audit() -> list[sa.Column]:
    return [sa.Column("reason", sa.Text, nullable=False),
            sa.Column("author", sa.Text, nullable=False),
            sa.Column("created_us", sa.BigInteger, nullable=False)]


def upgrade() -> None:
    op.create_table(
        "series",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("definition", sa.JSON, nullable=False),
        sa.Column("updated_us", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "series_events",
        sa.Column("series_id", sa.String(64), sa.ForeignKey("series.id"), primary_key=True),
        sa.Column("event_id", sa.String(64), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
    )
    op.create_index("ix_series_events_event", "series_events", ["event_id"])
    op.create_table(
        "series_versions",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("series_id", sa.String(64), sa.ForeignKey("series.id"), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("definition", sa.JSON, nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("recorded_us", sa.BigInteger, nullable=False),
        sa.UniqueConstraint("series_id", "version", name="uq_series_versions_version"),
    )
    op.create_table(
        "result_imports",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(64), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("date", sa.String(10), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("recorded_us", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_result_imports_event", "result_imports", ["event_id"])
    op.create_table(
        "result_rows",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("import_id", ID, sa.ForeignKey("result_imports.id"), nullable=False),
        sa.Column("line", sa.Integer, nullable=False),
        sa.Column("number", sa.String(16), nullable=False),
        sa.Column("first_name", sa.Text, nullable=False),
        sa.Column("last_name", sa.Text, nullable=False),
        sa.Column("car_class", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("class_position", sa.Integer),
        sa.Column("position", sa.Integer),
        sa.Column("member_id", sa.String(64)),
        sa.Column("team", sa.Text),
        sa.Column("total_us", sa.BigInteger),
        sa.Column("best_lap_us", sa.BigInteger),
    )
    op.create_index("ix_result_rows_import", "result_rows", ["import_id"])
    op.create_table(
        "series_bonuses",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("series_id", sa.String(64), sa.ForeignKey("series.id"), nullable=False),
        sa.Column("event_id", sa.String(64), nullable=False),
        sa.Column("number", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        *_audit(),
    )
    op.create_table(
        "identity_merges",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("series_id", sa.String(64), sa.ForeignKey("series.id"), nullable=False),
        sa.Column("a", sa.Text, nullable=False),
        sa.Column("b", sa.Text, nullable=False),
        *_audit(),
    )
    op.create_table(
        "class_results_cache",
        sa.Column("event_id", sa.String(64), sa.ForeignKey("events.id"), primary_key=True),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("payload", sa.LargeBinary, nullable=False),
        sa.Column("stored_us", sa.BigInteger, nullable=False),
    )


def downgrade() -> None:
    for table in ("class_results_cache", "identity_merges", "series_bonuses"):
        op.drop_table(table)
    op.drop_index("ix_result_rows_import", table_name="result_rows")
    op.drop_table("result_rows")
    op.drop_index("ix_result_imports_event", table_name="result_imports")
    op.drop_table("result_imports")
    op.drop_table("series_versions")
    op.drop_index("ix_series_events_event", table_name="series_events")
    op.drop_table("series_events")
    op.drop_table("series")
