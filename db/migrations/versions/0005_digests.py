"""Digests sent to the provincial office (once per subject, day and chat).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 12:50:30.863039
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "digest_sends",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=64), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("parts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(length=512), nullable=True),
        sa.CheckConstraint("state IN ('sending', 'sent', 'failed')",
                           name=op.f("ck_digest_sends_state")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_digest_sends")),
        sa.UniqueConstraint("subject", "day", "chat_id", name="uq_digest_sends_delivery"),
    )


def downgrade() -> None:
    op.drop_table("digest_sends")
