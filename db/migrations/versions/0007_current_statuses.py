"""Each unit's current answer per report occurrence, filled from the answers stored so far;
the indexes the digests read; the province's revision counter.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 15:12:07.607718
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# The newest answer of each unit and occurrence, as db.status_updates.add would have kept it.
_BACKFILL = """
INSERT INTO current_statuses (deadline_id, due_date, unit_id, status_update_id, status, on_time)
SELECT s.deadline_id, s.due_date, s.unit_id, s.id, s.status, s.on_time
FROM status_updates AS s
WHERE NOT EXISTS (
    SELECT 1 FROM status_updates AS newer
    WHERE newer.deadline_id = s.deadline_id AND newer.due_date = s.due_date
      AND newer.unit_id = s.unit_id AND newer.id > s.id)
"""


def upgrade() -> None:
    op.create_table(
        "current_statuses",
        sa.Column("deadline_id", sa.Integer(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("status_update_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("on_time", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(
            ["deadline_id"],
            ["deadlines.id"],
            name=op.f("fk_current_statuses_deadline_id_deadlines"),
        ),
        sa.ForeignKeyConstraint(
            ["status_update_id"],
            ["status_updates.id"],
            name=op.f("fk_current_statuses_status_update_id_status_updates"),
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_current_statuses_unit_id_units")
        ),
        sa.PrimaryKeyConstraint(
            "deadline_id", "due_date", "unit_id", name=op.f("pk_current_statuses")
        ),
        sa.UniqueConstraint("status_update_id", name=op.f("uq_current_statuses_status_update_id")),
    )
    op.create_index(
        "ix_current_statuses_standing",
        "current_statuses",
        ["deadline_id", "due_date", "status", "on_time", "unit_id"],
    )
    op.create_index("ix_memberships_unit_id", "memberships", ["unit_id"])
    op.execute(_BACKFILL)
    revisions = op.create_table(
        "revisions",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_revisions")),
    )
    op.bulk_insert(revisions, [{"name": "province", "value": 0}])


def downgrade() -> None:
    op.drop_table("revisions")
    op.drop_index("ix_memberships_unit_id", table_name="memberships")
    op.drop_table("current_statuses")
