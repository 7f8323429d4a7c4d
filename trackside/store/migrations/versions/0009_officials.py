"""Drivers, licenses, minors' forms, compliance queries (officials.md), and the query a
penalty answers.

Revision ID: 0009_officials
Revises: 0007
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_officials"
down_revision = "0008_race_io"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer, "sqlite")


def upgrade() -> None:
    op.add_column("decisions", sa.Column("query_id", ID, nullable=True))
    op.create_table(
        "drivers",
        sa.Column("member_id", sa.String(64), primary_key=True),
        sa.Column("first_name", sa.Text, nullable=False),
        sa.Column("last_name", sa.Text, nullable=False),
        sa.Column("birth_date", sa.String(10)),
        sa.Column("membership", sa.String(64)),
        sa.Column("membership_expires", sa.String(10)),
        sa.Column("license", sa.String(16)),
        sa.Column("license_issuer", sa.Text),
        sa.Column("license_expires", sa.String(10)),
        sa.Column("email", sa.Text),
    )
    op.create_table(
        "driver_versions",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("member_id", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("driver", sa.JSON, nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("recorded_us", sa.BigInteger, nullable=False),
        sa.UniqueConstraint("member_id", "version", name="uq_driver_versions_version"),
    )
    op.create_table(
        "minor_forms",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("member_id", sa.String(64), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("parental_consent", sa.Boolean, nullable=False),
        sa.Column("minor_ack", sa.Boolean, nullable=False),
        sa.Column("unrestricted_license", sa.Boolean, nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("recorded_us", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "license_grants",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("member_id", sa.String(64), nullable=False),
        sa.Column("grade", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("recorded_us", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "queries",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(64), sa.ForeignKey("events.id"), nullable=False),
        sa.Column("subject", sa.String(16), nullable=False),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("filer", sa.Text, nullable=False),
        sa.Column("official", sa.Boolean, nullable=False),
        sa.Column("filed_us", sa.BigInteger, nullable=False),
        sa.Column("fee", sa.Integer, nullable=False),
        sa.Column("recorded_us", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "query_actions",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(64), sa.ForeignKey("events.id"), nullable=False),
        sa.Column("query_id", ID, sa.ForeignKey("queries.id"), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("outcome", sa.String(16)),
        sa.Column("answer", sa.Text),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("recorded_us", sa.BigInteger, nullable=False),
    )


def downgrade() -> None:
    for table in ("query_actions", "queries", "license_grants", "minor_forms",
                  "driver_versions", "drivers"):
        op.drop_table(table)
    with op.batch_alter_table("decisions") as batch:
        batch.drop_column("query_id")
