"""Queries about reporting units."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.domain import units as domain
from db.models import Unit


def all_units(session: Session) -> tuple[domain.Unit, ...]:
    """Every unit, active or not, in the order they were added."""
    rows = session.scalars(select(Unit).order_by(Unit.id))
    return tuple(_to_domain(row) for row in rows)


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


def get_row(session: Session, unit_id: int) -> Unit:
    return session.get_one(Unit, unit_id)
