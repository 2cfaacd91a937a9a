"""Units change over time: reorganisation events, the units they close and create, and the
reports of closed units handed over, and the notices the running bot sends for changes made
elsewhere (the command line); unit groups are no longer a fixed CHECK list (a commune
group, and any later one, needs no migration).

On SQLite the CHECK is removed the way SQLite documents for removing a CHECK constraint (edit
the table's stored SQL with writable_schema and bump schema_version): rebuilding `units` would
break the foreign keys that point at it inside the migration's transaction.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06 03:40:00.000000
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

_GROUP_CHECK = "ck_units_unit_group"
_OLD_GROUPS = "unit_group IN ('department', 'district', 'agency')"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_drop_group_check()
    else:
        op.drop_constraint(op.f(_GROUP_CHECK), "units", type_="check")
    op.create_table(
        "reorganisations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=512), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("legal_document", sa.String(length=128), nullable=False),
        sa.Column("legal_issued_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("pending_rule", sa.String(length=8), nullable=False),
        sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("applied_by", sa.Integer(), nullable=True),
        sa.CheckConstraint("kind IN ('merge', 'absorb', 'split', 'rename', 'dissolve')",
                           name=op.f("ck_reorganisations_kind")),
        sa.CheckConstraint("pending_rule IN ('carry', 'close')",
                           name=op.f("ck_reorganisations_pending_rule")),
        sa.ForeignKeyConstraint(["applied_by"], ["people.id"],
                                name=op.f("fk_reorganisations_applied_by_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reorganisations")),
        sa.UniqueConstraint("key", name=op.f("uq_reorganisations_key")),
    )
    op.create_index(op.f("ix_reorganisations_effective_on"), "reorganisations",
                    ["effective_on"], unique=False)
    op.create_table(
        "reorganisation_units",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reorganisation_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=12), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created", sa.Boolean(), nullable=False),
        sa.CheckConstraint("role IN ('predecessor', 'successor')",
                           name=op.f("ck_reorganisation_units_role")),
        sa.ForeignKeyConstraint(["reorganisation_id"], ["reorganisations.id"],
                                name=op.f("fk_reorganisation_units_reorganisation_id_reorganisations")),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"],
                                name=op.f("fk_reorganisation_units_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reorganisation_units")),
        sa.UniqueConstraint("reorganisation_id", "unit_id", "role",
                            name=op.f("uq_reorganisation_units_reorganisation_id")),
    )
    op.create_index("ux_reorganisation_units_closes_once", "reorganisation_units", ["unit_id"],
                    unique=True, sqlite_where=sa.text("role = 'predecessor'"),
                    postgresql_where=sa.text("role = 'predecessor'"))
    op.create_table(
        "report_handovers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reorganisation_id", sa.Integer(), nullable=False),
        sa.Column("deadline_id", sa.Integer(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("carried", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["deadline_id"], ["deadlines.id"],
                                name=op.f("fk_report_handovers_deadline_id_deadlines")),
        sa.ForeignKeyConstraint(["reorganisation_id"], ["reorganisations.id"],
                                name=op.f("fk_report_handovers_reorganisation_id_reorganisations")),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"],
                                name=op.f("fk_report_handovers_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_handovers")),
        sa.UniqueConstraint("deadline_id", "due_date", "unit_id",
                            name=op.f("uq_report_handovers_deadline_id")),
    )
    op.create_index(op.f("ix_report_handovers_reorganisation_id"), "report_handovers",
                    ["reorganisation_id"], unique=False)
    op.create_table(
        "notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(length=512), nullable=True),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="SET NULL",
                                name=op.f("fk_notices_person_id_people")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notices")),
    )
    op.create_index("ix_notices_pending", "notices", ["sent_at", "id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_notices_pending", table_name="notices")
    op.drop_table("notices")
    op.drop_index(op.f("ix_report_handovers_reorganisation_id"), table_name="report_handovers")
    op.drop_table("report_handovers")
    op.drop_index("ux_reorganisation_units_closes_once", table_name="reorganisation_units")
    op.drop_table("reorganisation_units")
    op.drop_index(op.f("ix_reorganisations_effective_on"), table_name="reorganisations")
    op.drop_table("reorganisations")
    if op.get_bind().dialect.name != "sqlite":
        op.create_check_constraint(op.f(_GROUP_CHECK), "units", _OLD_GROUPS)


def _sqlite_drop_group_check() -> None:
    """sqlite.org/lang_altertable.html, "Making Other Kinds Of Table Schema Changes": a CHECK
    constraint may be removed by editing sqlite_schema, since no stored row changes."""
    bind = op.get_bind()
    stored = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'units'").scalar_one()
    without = re.sub(r",\s*CONSTRAINT\s+" + _GROUP_CHECK + r"\s+CHECK\s*\((?:[^()]|\([^()]*\))*\)",
                     "", stored)
    if without == stored:
        return
    version = bind.exec_driver_sql("PRAGMA schema_version").scalar_one()
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    bind.exec_driver_sql("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'units'",
                         (without,))
    bind.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    bind.exec_driver_sql("PRAGMA writable_schema = OFF")
