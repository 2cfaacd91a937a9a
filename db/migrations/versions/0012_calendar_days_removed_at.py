"""A calendar day an admin removes is marked removed instead of deleted, so a day shipped in
the province file does not come back at the next start.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 14:45:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("calendar_days", schema=None) as batch_op:
        batch_op.add_column(sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.execute("DELETE FROM calendar_days WHERE removed_at IS NOT NULL")
    with op.batch_alter_table("calendar_days", schema=None) as batch_op:
        batch_op.drop_column("removed_at")
