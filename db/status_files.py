"""Queries about files attached to status updates."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db.models import StatusFile


def add(session: Session, values: dict[str, object]) -> StatusFile:
    row = StatusFile(**values)
    session.add(row)
    session.flush()
    return row


def set_archived_path(session: Session, file_id: int, path: str) -> None:
    session.execute(update(StatusFile).where(StatusFile.id == file_id)
                    .values(archived_path=path[:1024]))


def updates_with_files(session: Session, update_ids: Collection[int]) -> set[int]:
    """Which of these status updates carry a file."""
    if not update_ids:
        return set()
    return set(session.scalars(select(StatusFile.status_update_id).distinct()
                               .where(StatusFile.status_update_id.in_(sorted(update_ids)))))
