"""Update ids received through the webhook, so a delivery Telegram repeats is handled once.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23 16:54:48.315382
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "received_updates",
        sa.Column("update_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("update_id", name=op.f("pk_received_updates")),
    )
    with op.batch_alter_table("received_updates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_received_updates_received_at"), ["received_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("received_updates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_received_updates_received_at"))
    op.drop_table("received_updates")
