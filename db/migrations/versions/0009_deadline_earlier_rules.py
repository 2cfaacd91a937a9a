"""The rules a deadline had before its current one (each ended the day before it changed), so
that editing a due rule keeps the occurrences already due in digests and exports.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23 17:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


# Plain ALTER TABLE (SQLite has had DROP COLUMN since 3.35): a batch copy of `deadlines` would
# have to drop the table, which the foreign keys pointing at it forbid.
def upgrade() -> None:
    op.add_column("deadlines", sa.Column("earlier_rules", sa.JSON(), nullable=False,
                                         server_default=sa.text("'[]'")))


def downgrade() -> None:
    op.drop_column("deadlines", "earlier_rules")
