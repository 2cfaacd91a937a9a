"""Queries about files attached to status updates."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, func, select, update
from sqlalchemy.orm import Session

from db.models import Deadline, StatusFile, StatusUpdate, Unit


@dataclass(frozen=True, slots=True)
class UnitFile:
    """A file a unit attached to one of its status updates, with the unit's code."""

    id: int
    unit_code: str
    file_name: str
    mime_type: str
    size_bytes: int | None
    telegram_file_id: str


def add(session: Session, values: dict[str, object]) -> StatusFile:
    row = StatusFile(**values)
    session.add(row)
    session.flush()
    return row


def set_archived_path(session: Session, file_id: int, path: str) -> None:
    session.execute(update(StatusFile).where(StatusFile.id == file_id)
                    .values(archived_path=path[:1024]))


def set_archive_error(session: Session, file_id: int, reason: str) -> None:
    session.execute(update(StatusFile).where(StatusFile.id == file_id)
                    .values(archive_error=reason[:512]))


def count_archive_errors(session: Session) -> int:
    """Files whose copy could not be kept in the archive."""
    return session.scalar(select(func.count()).select_from(StatusFile)
                          .where(StatusFile.archive_error.is_not(None))) or 0


def updates_with_files(session: Session, update_ids: Collection[int]) -> set[int]:
    """Which of these status updates carry a file."""
    if not update_ids:
        return set()
    return set(session.scalars(select(StatusFile.status_update_id).distinct()
                               .where(StatusFile.status_update_id.in_(sorted(update_ids)))))


def files_of_occurrence(session: Session, deadline_code: str, due_date: date) -> list[UnitFile]:
    """Every file attached to any status update of the occurrence (deadline code, nominal due
    date), oldest first."""
    return _unit_files(session, _with_unit()
                       .join(Deadline, Deadline.id == StatusUpdate.deadline_id)
                       .where(Deadline.code == deadline_code, StatusUpdate.due_date == due_date)
                       .order_by(StatusFile.id))


def unit_file(session: Session, file_id: int) -> UnitFile | None:
    """The file with this id and the unit that attached it; None when there is none."""
    found = _unit_files(session, _with_unit().where(StatusFile.id == file_id))
    return found[0] if found else None


def _with_unit() -> Select[StatusFile, str]:
    """Files with the code of the unit whose status update they came with."""
    return (select(StatusFile, Unit.code)
            .join(StatusUpdate, StatusUpdate.id == StatusFile.status_update_id)
            .join(Unit, Unit.id == StatusUpdate.unit_id))


def _unit_files(session: Session, query: Select[StatusFile, str]) -> list[UnitFile]:
    return [UnitFile(row.id, unit_code, row.file_name, row.mime_type, row.size_bytes,
                     row.telegram_file_id) for row, unit_code in session.execute(query)]
