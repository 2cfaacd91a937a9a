"""A deadline's legal basis holds what admins may type (up to 1,000 characters) and the clause
/import quotes: the column was 256 characters, which PostgreSQL refused past.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 15:10:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return  # SQLite keeps any length in a VARCHAR; recreating the table would break its keys
    with op.batch_alter_table("deadlines", schema=None) as batch_op:
        batch_op.alter_column("legal_clause", existing_type=sa.String(length=256),
                              type_=sa.Text(), existing_nullable=False)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    with op.batch_alter_table("deadlines", schema=None) as batch_op:
        batch_op.alter_column("legal_clause", existing_type=sa.Text(),
                              type_=sa.String(length=256), existing_nullable=False)
