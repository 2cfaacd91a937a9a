"""The one place that picks the database's own INSERT (for ON CONFLICT and RETURNING)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session


def insert_for(session: Session) -> Callable[[Any], Any]:
    """`insert` of the session's dialect: PostgreSQL's or SQLite's, which both speak
    ON CONFLICT DO NOTHING / DO UPDATE."""
    return postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
