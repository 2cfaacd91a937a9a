"""Queries about the provincial office's actions on a unit's report: extensions it granted and
the 'đôn đốc' it sent, and the chats of the unit it tells."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db import group_chats
from db.dialect import insert_for
from db.models import (
    Extension,
    Membership,
    OfficeFollowUp,
    Person,
)

ReportKey = tuple[int, date, int]  # deadline id, nominal due date, unit id


def granted_until(session: Session, deadline_id: int, due_date: date, unit_id: int
                  ) -> date | None:
    """The latest date the office granted the unit for this occurrence, if any."""
    return session.scalar(select(func.max(Extension.granted_until)).where(
        Extension.deadline_id == deadline_id, Extension.due_date == due_date,
        Extension.unit_id == unit_id))


def granted_by_report(session: Session, unit_ids: Collection[int], since: date
                      ) -> dict[ReportKey, date]:
    """The latest date granted per report of these units due from `since` on."""
    if not unit_ids:
        return {}
    rows = session.execute(
        select(Extension.deadline_id, Extension.due_date, Extension.unit_id,
               func.max(Extension.granted_until))
        .where(Extension.unit_id.in_(sorted(unit_ids)), Extension.due_date >= since)
        .group_by(Extension.deadline_id, Extension.due_date, Extension.unit_id))
    return {(deadline_id, due, unit_id): until for deadline_id, due, unit_id, until in rows}


def add_extension(session: Session, values: dict[str, object]) -> bool:
    """Record a grant; False if the same date was already granted (a double tap, a race)."""
    return _insert_once(session, Extension, values)


def add_follow_up(session: Session, values: dict[str, object]) -> bool:
    """Record a 'đôn đốc'; False if one was already recorded for that unit, report and day."""
    return _insert_once(session, OfficeFollowUp, values)


def unit_chat_ids(session: Session, unit_id: int) -> list[int]:
    """The chats a unit's messages go to: its officers and heads who can still be reached,
    then its reachable groups."""
    people = session.scalars(
        select(Person.telegram_user_id).join(Membership, Membership.person_id == Person.id)
        .where(Membership.unit_id == unit_id, Person.unreachable_since.is_(None))
        .order_by(Membership.is_head.desc(), Person.id))
    groups = [group.telegram_chat_id for group in group_chats.group_chats_of_unit(session, unit_id)]
    return [*people, *groups]


def _insert_once(session: Session, model: type[Extension] | type[OfficeFollowUp],
                 values: dict[str, object]) -> bool:
    insert = insert_for(session)
    row_id = session.scalar(
        insert(model).values(**values).on_conflict_do_nothing().returning(model.id))
    return row_id is not None
