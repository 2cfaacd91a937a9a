"""Units, deadlines and the admins' calendar days.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 09:41:36.699057
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "calendar_days",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.String(length=256), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('day_off', 'working_day')", name=op.f("ck_calendar_days_kind")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_days")),
        sa.UniqueConstraint("day", name=op.f("uq_calendar_days_day")),
    )
    op.create_table(
        "deadlines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("title", sa.String(length=512), nullable=False),
        sa.Column("legal_kind", sa.String(length=64), nullable=False),
        sa.Column("legal_document", sa.String(length=128), nullable=False),
        sa.Column("legal_issued_on", sa.Date(), nullable=True),
        sa.Column("legal_issuer", sa.String(length=256), nullable=False),
        sa.Column("legal_title", sa.Text(), nullable=False),
        sa.Column("legal_clause", sa.String(length=256), nullable=False),
        sa.Column("recipient_code", sa.String(length=32), nullable=False),
        sa.Column("recipient_name", sa.String(length=256), nullable=False),
        sa.Column("units_selector", sa.Text(), nullable=False),
        sa.Column("rule", sa.Text(), nullable=False),
        sa.Column("period_kind", sa.String(length=16), nullable=False),
        sa.Column("period_label", sa.String(length=64), nullable=False),
        sa.Column("period_shift", sa.Integer(), nullable=False),
        sa.Column("before_offsets", sa.JSON(), nullable=False),
        sa.Column("remind_on_due_day", sa.Boolean(), nullable=False),
        sa.Column("overdue_offsets", sa.JSON(), nullable=False),
        sa.Column("escalation_offsets", sa.JSON(), nullable=False),
        sa.Column("paused", sa.Boolean(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deadlines")),
        sa.UniqueConstraint("code", name=op.f("uq_deadlines_code")),
    )
    op.create_table(
        "units",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=256), nullable=False),
        sa.Column("unit_group", sa.String(length=16), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("active_from", sa.Date(), nullable=True),
        sa.Column("active_until", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "unit_group IN ('department', 'district', 'agency')", name=op.f("ck_units_unit_group")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_units")),
        sa.UniqueConstraint("code", name=op.f("uq_units_code")),
    )


def downgrade() -> None:
    op.drop_table("units")
    op.drop_table("deadlines")
    op.drop_table("calendar_days")
