"""Queries about people."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from db.dialect import insert_for
from db.models import Membership, Person


def find_by_telegram_id(session: Session, telegram_user_id: int) -> Person | None:
    return session.scalars(
        select(Person).where(Person.telegram_user_id == telegram_user_id)
    ).one_or_none()


def insert_if_absent(session: Session, telegram_user_id: int, values: Mapping[str, object]) -> None:
    """Insert a person unless one with this Telegram id exists (safe under concurrent inserts)."""
    insert = insert_for(session)
    statement = insert(Person).values(telegram_user_id=telegram_user_id, **values)
    session.execute(statement.on_conflict_do_nothing(index_elements=[Person.telegram_user_id]))


def touch(session: Session, person: Person, values: Mapping[str, object]) -> None:
    session.execute(update(Person).where(Person.id == person.id).values(**values))


def existing_telegram_ids(session: Session, telegram_user_ids: Iterable[int]) -> set[int]:
    ids = list(telegram_user_ids)
    rows = session.scalars(select(Person.telegram_user_id).where(Person.telegram_user_id.in_(ids)))
    return set(rows)


def get(session: Session, person_id: int) -> Person:
    return session.get_one(Person, person_id)


def find_by_username(session: Session, username: str) -> Person | None:
    return session.scalars(
        select(Person).where(func.lower(Person.username) == username.lower())
    ).first()


def admins(session: Session) -> list[Person]:
    return list(session.scalars(select(Person).where(Person.is_admin).order_by(Person.id)))


def office_staff(session: Session) -> list[Person]:
    return list(session.scalars(select(Person).where(Person.is_office).order_by(Person.id)))


def set_flags(session: Session, person: Person, **flags: bool) -> None:
    for name, value in flags.items():
        setattr(person, name, value)
    session.flush()


def with_any_role(session: Session) -> list[Person]:
    """People who are admins, office staff or officers of a unit."""
    has_unit = select(Membership.id).where(Membership.person_id == Person.id).exists()
    return list(session.scalars(
        select(Person).where(Person.is_admin | Person.is_office | has_unit).order_by(Person.id)))
