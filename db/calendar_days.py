"""Queries about the admins' exceptions to the holiday calendar."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.domain.calendar import WorkingCalendar
from db.models import CalendarDay

DayKind = Literal["day_off", "working_day"]


def working_calendar(session: Session) -> WorkingCalendar:
    """The public holidays plus every day off and make-up working day stored here."""
    days_off: dict[date, str] = {}
    working_days: dict[date, str] = {}
    for row in session.scalars(select(CalendarDay).order_by(CalendarDay.day)):
        (days_off if row.kind == "day_off" else working_days)[row.day] = row.reason
    return WorkingCalendar(days_off, working_days)


def existing_days(session: Session) -> set[date]:
    return set(session.scalars(select(CalendarDay.day)))


def add_day(session: Session, day: date, kind: DayKind, reason: str, now: datetime) -> None:
    session.add(CalendarDay(day=day, kind=kind, reason=reason, created_at=now))


def find_day(session: Session, day: date) -> CalendarDay | None:
    """The admin's day stored for `day`, if any."""
    return session.scalars(select(CalendarDay).where(CalendarDay.day == day)).one_or_none()


def days_in_year(session: Session, year: int) -> list[CalendarDay]:
    """The admins' days of `year` (both kinds), by date."""
    return list(session.scalars(
        select(CalendarDay).where(CalendarDay.day >= date(year, 1, 1),
                                  CalendarDay.day <= date(year, 12, 31))
        .order_by(CalendarDay.day)))


def delete_day(session: Session, row: CalendarDay) -> None:
    session.delete(row)
