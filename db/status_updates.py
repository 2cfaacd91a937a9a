"""Queries about status updates: the append-only history of each unit's answers per report."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, exists, func, insert, select
from sqlalchemy.orm import Session, aliased

from db.dialect import insert_for
from db.models import CurrentStatus, Deadline, OutboxMessage, Person, StatusUpdate, Unit


def is_latest_answer() -> ColumnElement[bool]:
    """True for a status_updates row that is its unit's current answer for its occurrence (the
    row current_statuses points at)."""
    return exists().where(CurrentStatus.status_update_id == StatusUpdate.id)


def submitted_reports(session: Session) -> set[tuple[int, date, int]]:
    """(deadline id, nominal due date, unit id) of reports whose latest status is submitted."""
    rows = session.execute(
        select(CurrentStatus.deadline_id, CurrentStatus.due_date, CurrentStatus.unit_id)
        .where(CurrentStatus.status == "submitted"))
    return {(deadline_id, due, unit_id) for deadline_id, due, unit_id in rows}


def add(session: Session, values: dict[str, object]) -> StatusUpdate:
    """Append an answer and make it its report's current one (in the same transaction)."""
    row = StatusUpdate(**values)
    session.add(row)
    session.flush()
    _make_current(session, row)
    return row


def _make_current(session: Session, row: StatusUpdate) -> None:
    """Point the report's current status at `row`, unless a newer answer (higher id, from a
    concurrent transaction) is already there."""
    insert = insert_for(session)
    statement = insert(CurrentStatus).values(
        deadline_id=row.deadline_id, due_date=row.due_date, unit_id=row.unit_id,
        status_update_id=row.id, status=row.status, on_time=row.on_time)
    newer = statement.excluded
    session.execute(statement.on_conflict_do_update(
        index_elements=[CurrentStatus.deadline_id, CurrentStatus.due_date, CurrentStatus.unit_id],
        set_={"status_update_id": newer.status_update_id, "status": newer.status,
              "on_time": newer.on_time},
        where=CurrentStatus.status_update_id < newer.status_update_id))


def fill_current(session: Session) -> None:
    """Fill current_statuses from answers bulk-inserted without add() (benchmark seeding):
    each report's newest answer, where none is recorded yet."""
    newer = aliased(StatusUpdate)
    has_newer = exists().where(newer.deadline_id == StatusUpdate.deadline_id,
                               newer.due_date == StatusUpdate.due_date,
                               newer.unit_id == StatusUpdate.unit_id, newer.id > StatusUpdate.id)
    newest = (select(StatusUpdate.deadline_id, StatusUpdate.due_date, StatusUpdate.unit_id,
                     StatusUpdate.id, StatusUpdate.status, StatusUpdate.on_time)
              .where(~has_newer, ~is_latest_answer()))
    session.execute(insert(CurrentStatus).from_select(
        ["deadline_id", "due_date", "unit_id", "status_update_id", "status", "on_time"], newest))


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
