"""Received webhook updates keep their payload until handled, so one acknowledged by a process
that died before handling it is handled by another.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 14:14:07.278575
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("received_updates", schema=None) as batch_op:
        batch_op.add_column(sa.Column("payload", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("taken_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column("replays", sa.Integer(), server_default=sa.text("0"), nullable=False)
        )
        batch_op.create_index(
            batch_op.f("ix_received_updates_taken_at"), ["taken_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("received_updates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_received_updates_taken_at"))
        batch_op.drop_column("replays")
        batch_op.drop_column("taken_at")
        batch_op.drop_column("payload")
