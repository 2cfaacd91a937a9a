"""Files attached to status updates; the office's extension approvals and follow-ups.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 13:33:37.333260
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "extensions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("deadline_id", sa.Integer(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("granted_until", sa.Date(), nullable=False),
        sa.Column("approved_by", sa.Integer(), nullable=True),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["approved_by"],
            ["people.id"],
            name=op.f("fk_extensions_approved_by_people"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["deadline_id"], ["deadlines.id"], name=op.f("fk_extensions_deadline_id_deadlines")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_extensions_unit_id_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_extensions")),
        sa.UniqueConstraint(
            "deadline_id", "due_date", "unit_id", "granted_until", name="uq_extensions_grant"
        ),
    )
    op.create_table(
        "office_follow_ups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("deadline_id", sa.Integer(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("sent_by", sa.Integer(), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["deadline_id"],
            ["deadlines.id"],
            name=op.f("fk_office_follow_ups_deadline_id_deadlines"),
        ),
        sa.ForeignKeyConstraint(
            ["sent_by"],
            ["people.id"],
            name=op.f("fk_office_follow_ups_sent_by_people"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_office_follow_ups_unit_id_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_office_follow_ups")),
        sa.UniqueConstraint(
            "deadline_id", "due_date", "unit_id", "day", name="uq_office_follow_ups_daily"
        ),
    )
    op.create_table(
        "status_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("status_update_id", sa.Integer(), nullable=False),
        sa.Column("telegram_file_id", sa.String(length=256), nullable=False),
        sa.Column("telegram_file_unique_id", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=256), nullable=False),
        sa.Column("mime_type", sa.String(length=128), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=True),
        sa.Column("archived_path", sa.String(length=1024), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["status_update_id"],
            ["status_updates.id"],
            name=op.f("fk_status_files_status_update_id_status_updates"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_status_files")),
    )
    with op.batch_alter_table("status_files", schema=None) as batch_op:
        batch_op.create_index(
            "ix_status_files_status_update_id", ["status_update_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("status_files", schema=None) as batch_op:
        batch_op.drop_index("ix_status_files_status_update_id")

    op.drop_table("status_files")
    op.drop_table("office_follow_ups")
    op.drop_table("extensions")
