"""Bring a database to the newest schema (on start, and by `deadline-bot db upgrade`)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from db.advisory_lock import wait_for_transaction_lock
from db.session import Database

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Workers started together on PostgreSQL migrate (and load the province's data) one at a time:
# the others wait, then find the work done instead of failing on a duplicate table or row.
STARTUP_LOCK = "deadline-bot:startup"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def upgrade_to_head(database: Database) -> tuple[str | None, str]:
    """Apply every pending migration; return the (previous, current) revision."""
    config = alembic_config()
    with database.engine.begin() as connection:
        wait_for_transaction_lock(connection, STARTUP_LOCK)
        before = MigrationContext.configure(connection).get_current_revision()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    head = ScriptDirectory.from_config(config).get_current_head()
    return before, head or ""
