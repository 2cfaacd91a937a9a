"""Why the copy of an attached file could not be kept in BOT_ARCHIVE_DIR: the office is told,
and /metrics counts these files.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06 04:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("status_files", schema=None) as batch_op:
        batch_op.add_column(sa.Column("archive_error", sa.String(length=512), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("status_files", schema=None) as batch_op:
        batch_op.drop_column("archive_error")
