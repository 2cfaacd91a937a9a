"""The dashboard's single-use login links and its browser sessions (both stored hashed).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 10:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def _token_table(name: str, *extra: sa.Column[object]) -> None:
    op.create_table(
        name,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        *extra,
        sa.ForeignKeyConstraint(["person_id"], ["people.id"],
                                name=op.f(f"fk_{name}_person_id_people"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{name}")),
        sa.UniqueConstraint("token_hash", name=op.f(f"uq_{name}_token_hash")),
    )
    with op.batch_alter_table(name, schema=None) as batch_op:
        batch_op.create_index(batch_op.f(f"ix_{name}_expires_at"), ["expires_at"], unique=False)


def upgrade() -> None:
    _token_table("web_logins", sa.Column("used_at", sa.DateTime(timezone=True), nullable=True))
    _token_table("web_sessions")


def downgrade() -> None:
    for name in ("web_sessions", "web_logins"):
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{name}_expires_at"))
        op.drop_table(name)
