"""Queries about reporting units."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.domain import units as domain
from db.dialect import insert_for
from db.models import Membership, Person, Unit


def all_units(session: Session) -> tuple[domain.Unit, ...]:
    """Every unit, active or not, in the order they were added.

    Plain columns, not ORM objects: the digests read every unit on each request, and for
    10,000 units ORM objects took 230 ms where these rows take 100 ms (docs/BENCHMARKS.md).
    """
    rows = session.execute(select(Unit.code, Unit.name, Unit.unit_group, Unit.active,
                                  Unit.active_from, Unit.active_until).order_by(Unit.id))
    return tuple(domain.Unit(code, name, domain.UnitGroup(group), active, starts, ends)
                 for code, name, group, active, starts, ends in rows)


def ids_by_code(session: Session) -> dict[str, int]:
    return {code: id_ for code, id_ in session.execute(select(Unit.code, Unit.id))}


def close(session: Session, code: str, last_day: date, now: datetime) -> None:
    """End the unit `code` after `last_day` (a reorganisation closes it; its code stays)."""
    session.execute(update(Unit).where(Unit.code == code)
                    .values(active_until=last_day, updated_at=now))


def existing_codes(session: Session) -> set[str]:
    return set(session.scalars(select(Unit.code)))


def add_unit(session: Session, unit: domain.Unit, now: datetime) -> None:
    session.add(Unit(code=unit.code, name=unit.name, unit_group=unit.group.value,
                     active=unit.active, active_from=unit.active_from,
                     active_until=unit.active_until, created_at=now, updated_at=now))


def _to_domain(row: Unit) -> domain.Unit:
    return domain.Unit(code=row.code, name=row.name, group=domain.UnitGroup(row.unit_group),
                       active=row.active, active_from=row.active_from,
                       active_until=row.active_until)


def find_row(session: Session, code: str) -> Unit | None:
    """The stored unit with `code`, active or not."""
    return session.scalars(select(Unit).where(Unit.code == code)).one_or_none()


def to_domain(row: Unit) -> domain.Unit:
    return _to_domain(row)


def find_row_by_id(session: Session, unit_id: int) -> Unit | None:
    return session.get(Unit, unit_id)


def get_row(session: Session, unit_id: int) -> Unit:
    return session.get_one(Unit, unit_id)


def all_rows(session: Session) -> list[Unit]:
    """Every stored unit, active or not, in the order they were added."""
    return list(session.scalars(select(Unit).order_by(Unit.id)))


def insert_if_absent(session: Session, code: str, name: str, group: str,
                     now: datetime) -> Unit | None:
    """Store a new active unit; None if the code is taken (safe under concurrent inserts)."""
    insert = insert_for(session)
    statement = insert(Unit).values(code=code, name=name, unit_group=group, active=True,
                                    created_at=now, updated_at=now)
    inserted = session.scalar(
        statement.on_conflict_do_nothing(index_elements=[Unit.code]).returning(Unit.id))
    return None if inserted is None else get_row(session, inserted)


def head_names(session: Session) -> dict[int, list[str]]:
    """Names of the heads of each unit, by unit id (units without a head are absent)."""
    rows = session.execute(
        select(Membership.unit_id, Person.full_name).join(Person, Person.id == Membership.person_id)
        .where(Membership.is_head).order_by(Membership.unit_id, Person.id))
    heads: dict[int, list[str]] = {}
    for unit_id, name in rows:
        heads.setdefault(unit_id, []).append(name)
    return heads


def switch_active(session: Session, unit_id: int, active: bool, now: datetime) -> bool:
    """Set `active` if it is not already so; False when another update got there first."""
    result = session.execute(update(Unit).where(Unit.id == unit_id, Unit.active != active)
                             .values(active=active, updated_at=now))
    return result.rowcount == 1  # type: ignore[attr-defined, no-any-return]
