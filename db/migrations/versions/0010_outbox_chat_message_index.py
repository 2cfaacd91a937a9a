"""An index to find the reminder a reply answers by its chat and message id, which every text or
file reply to a reminder looks up (without it, a scan of the whole, ever-growing outbox).

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-23 17:50:00
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_outbox_chat_message", "outbox", ["chat_id", "telegram_message_id"])


def downgrade() -> None:
    op.drop_index("ix_outbox_chat_message", table_name="outbox")
