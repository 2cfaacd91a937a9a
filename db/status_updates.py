"""Queries about status updates: the append-only history of each unit's answers per report."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, exists, func, select
from sqlalchemy.orm import Session, aliased

from db.models import Deadline, OutboxMessage, Person, StatusUpdate, Unit


def is_latest_answer() -> ColumnElement[bool]:
    """True for a status_updates row that is its unit's latest answer for its occurrence: no
    newer row (higher id) of the same unit and occurrence. (Measured on PostgreSQL about twice
    as fast as max(id) GROUP BY joined back; as fast on SQLite.)"""
    newer = aliased(StatusUpdate)
    return ~exists().where(newer.deadline_id == StatusUpdate.deadline_id,
                           newer.due_date == StatusUpdate.due_date,
                           newer.unit_id == StatusUpdate.unit_id, newer.id > StatusUpdate.id)


def submitted_reports(session: Session) -> set[tuple[int, date, int]]:
    """(deadline id, nominal due date, unit id) of reports whose latest status is submitted."""
    rows = session.execute(
        select(StatusUpdate.deadline_id, StatusUpdate.due_date, StatusUpdate.unit_id)
        .where(StatusUpdate.status == "submitted", is_latest_answer()))
    return {(deadline_id, due, unit_id) for deadline_id, due, unit_id in rows}


def add(session: Session, values: dict[str, object]) -> StatusUpdate:
    row = StatusUpdate(**values)
    session.add(row)
    session.flush()
    return row


def latest(session: Session, deadline_id: int, due_date: date, unit_id: int
           ) -> StatusUpdate | None:
    return session.scalars(
        select(StatusUpdate)
        .where(StatusUpdate.deadline_id == deadline_id, StatusUpdate.due_date == due_date,
               StatusUpdate.unit_id == unit_id)
        .order_by(StatusUpdate.id.desc()).limit(1)).one_or_none()


def latest_by_report(session: Session, unit_ids: list[int], since: date
                     ) -> dict[tuple[int, date, int], StatusUpdate]:
    """The latest update of each report of `unit_ids` due from `since` on."""
    rows = session.scalars(
        select(StatusUpdate)
        .where(StatusUpdate.unit_id.in_(unit_ids), StatusUpdate.due_date >= since,
               is_latest_answer()))
    return {(row.deadline_id, row.due_date, row.unit_id): row for row in rows}


def history_of_units(session: Session, unit_ids: list[int], limit: int
                     ) -> list[tuple[StatusUpdate, Deadline, Unit, str]]:
    """The latest updates of these units with their deadline, unit and author's name."""
    rows = session.execute(
        select(StatusUpdate, Deadline, Unit, func.coalesce(Person.full_name, ""))
        .join(Deadline, Deadline.id == StatusUpdate.deadline_id)
        .join(Unit, Unit.id == StatusUpdate.unit_id)
        .outerjoin(Person, Person.id == StatusUpdate.person_id)
        .where(StatusUpdate.unit_id.in_(unit_ids))
        .order_by(StatusUpdate.id.desc()).limit(limit))
    return [(update, deadline, unit, name) for update, deadline, unit, name in rows]


def report_of_message(session: Session, chat_id: int, message_id: int
                      ) -> tuple[int, date, int] | None:
    """(deadline id, due date, unit id) of the reminder sent as `message_id` in `chat_id`."""
    row = session.execute(
        select(OutboxMessage.deadline_id, OutboxMessage.due_date, OutboxMessage.unit_id)
        .where(OutboxMessage.chat_id == chat_id,
               OutboxMessage.telegram_message_id == message_id)).first()
    return None if row is None else (row[0], row[1], row[2])


def live_deadline(session: Session, deadline_id: int) -> Deadline | None:
    return session.scalars(select(Deadline).where(
        Deadline.id == deadline_id, Deadline.deleted_at.is_(None))).one_or_none()
