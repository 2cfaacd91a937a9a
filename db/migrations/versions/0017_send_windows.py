"""The bot's send window, shared by every process that sends for the bot: its latest messages
on the database's clock, and the pause after a 429 (db.send_window).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-04 09:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    send_windows = op.create_table(
        "send_windows",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("counted", sa.JSON(), nullable=False),
        sa.Column("unanswered", sa.JSON(), nullable=False),
        sa.Column("paused_until", sa.Double(), nullable=True),
        sa.Column("ramp_from", sa.Double(), nullable=True),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_send_windows")),
    )
    op.bulk_insert(send_windows, [{"name": "bot", "counted": [], "unanswered": []}])


def downgrade() -> None:
    op.drop_table("send_windows")
