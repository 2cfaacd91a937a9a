"""Queries about the admins' exceptions to the holiday calendar."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.domain.calendar import WorkingCalendar
from db.models import CalendarDay

DayKind = Literal["day_off", "working_day"]
_in_force = CalendarDay.removed_at.is_(None)


def working_calendar(session: Session) -> WorkingCalendar:
    """The public holidays plus every day off and make-up working day stored here."""
    days_off: dict[date, str] = {}
    working_days: dict[date, str] = {}
    for row in session.scalars(select(CalendarDay).where(_in_force).order_by(CalendarDay.day)):
        (days_off if row.kind == "day_off" else working_days)[row.day] = row.reason
    return WorkingCalendar(days_off, working_days)


def existing_days(session: Session) -> set[date]:
    """Every day ever stored, removed ones included: loading the province file again must not
    bring back a day an admin removed."""
    return set(session.scalars(select(CalendarDay.day)))


def add_day(session: Session, day: date, kind: DayKind, reason: str, now: datetime) -> None:
    """Store the day (again, if an admin had removed it)."""
    removed = session.scalars(select(CalendarDay).where(CalendarDay.day == day)).one_or_none()
    if removed is None:
        session.add(CalendarDay(day=day, kind=kind, reason=reason, created_at=now))
        return
    removed.kind, removed.reason, removed.created_at, removed.removed_at = kind, reason, now, None


def find_day(session: Session, day: date) -> CalendarDay | None:
    """The admin's day stored for `day`, if any."""
    return session.scalars(
        select(CalendarDay).where(CalendarDay.day == day, _in_force)).one_or_none()


def days_in_year(session: Session, year: int) -> list[CalendarDay]:
    """The admins' days of `year` (both kinds), by date."""
    return list(session.scalars(
        select(CalendarDay).where(CalendarDay.day >= date(year, 1, 1),
                                  CalendarDay.day <= date(year, 12, 31), _in_force)
        .order_by(CalendarDay.day)))


def remove_day(row: CalendarDay, now: datetime) -> None:
    """The day no longer counts; its row stays (see `existing_days`)."""
    row.removed_at = now
