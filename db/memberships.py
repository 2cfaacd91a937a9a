"""Queries about who serves which unit."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from db.models import Membership, Person, Unit


def of_person(session: Session, person_id: int) -> list[tuple[Membership, Unit]]:
    rows = session.execute(
        select(Membership, Unit).join(Unit, Unit.id == Membership.unit_id)
        .where(Membership.person_id == person_id).order_by(Unit.id))
    return [(membership, unit) for membership, unit in rows]


def of_unit(session: Session, unit_id: int) -> list[tuple[Membership, Person]]:
    rows = session.execute(
        select(Membership, Person).join(Person, Person.id == Membership.person_id)
        .where(Membership.unit_id == unit_id).order_by(Membership.is_head.desc(), Person.id))
    return [(membership, person) for membership, person in rows]


def find(session: Session, person_id: int, unit_id: int) -> Membership | None:
    return session.scalars(select(Membership).where(
        Membership.person_id == person_id, Membership.unit_id == unit_id)).one_or_none()


def add(session: Session, person_id: int, unit_id: int, is_head: bool, now: datetime) -> None:
    session.add(Membership(person_id=person_id, unit_id=unit_id, is_head=is_head,
                           created_at=now))
    session.flush()


def remove(session: Session, membership: Membership) -> None:
    session.delete(membership)
    session.flush()


def remove_all(session: Session, person_id: int) -> None:
    session.execute(delete(Membership).where(Membership.person_id == person_id))


def officer_counts(session: Session) -> dict[int, int]:
    """Number of officers per unit id (units without officers are absent)."""
    rows = session.execute(select(Membership.unit_id, func.count()).group_by(Membership.unit_id))
    return {unit_id: count for unit_id, count in rows}


def serving_by_unit_code(session: Session) -> dict[str, tuple[int, int]]:
    """(officers who are not heads, heads) of each unit anyone serves, by unit code."""
    rows = session.execute(
        select(Unit.code, Membership.is_head, func.count())
        .join(Unit, Unit.id == Membership.unit_id)
        .group_by(Unit.code, Membership.is_head))
    serving: dict[str, tuple[int, int]] = {}
    for code, is_head, count in rows:
        officers, heads = serving.get(code, (0, 0))
        serving[code] = (officers, heads + count) if is_head else (officers + count, heads)
    return serving
