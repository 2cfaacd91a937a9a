"""Working-day use cases: the year's days off (/holidays) and the admins' own days off and
make-up working days (/dayoff, /workday, /day_remove), each of which moves due dates and
reminders at once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from bot.domain.audit_actions import AuditAction
from bot.domain.dates import format_vn_date
from bot.domain.errors import CalendarDayNotAdded, DayOffAlreadyAdded, WorkingDayAlreadyAdded
from bot.domain.exports import parse_report_year
from bot.domain.roles import require
from bot.domain.working_days import DayKind, check_new_day, clean_reason, parse_calendar_day
from bot.services.audit import record_change
from bot.services.people import Caller
from bot.services.reminders import ReminderTiming
from bot.services.schedule_changes import ScheduleEffect, change_schedule
from db import calendar_days

_COMMANDS = {DayKind.DAY_OFF: "dayoff", DayKind.WORKING_DAY: "workday"}
_AUDIT_ACTIONS = {DayKind.DAY_OFF: AuditAction.CALENDAR_DAY_OFF,
                  DayKind.WORKING_DAY: AuditAction.CALENDAR_WORKING_DAY}
_STORED: dict[DayKind, calendar_days.DayKind] = {DayKind.DAY_OFF: "day_off",
                                                 DayKind.WORKING_DAY: "working_day"}


@dataclass(frozen=True, slots=True)
class CalendarEntry:
    """One line of /holidays: a day off or a make-up working day; `added` by an admin (who can
    remove it) or from the public holidays."""

    day: date
    name: str
    kind: DayKind
    added: bool


@dataclass(frozen=True, slots=True)
class YearCalendar:
    year: int
    entries: tuple[CalendarEntry, ...]  # by date


@dataclass(frozen=True, slots=True)
class DayChange:
    """A day an admin added or removed, and what it did to due dates and reminders."""

    day: date
    kind: DayKind
    reason: str
    removed: bool
    effect: ScheduleEffect


def year_calendar(session: Session, actor: Caller, typed_year: str | None,
                  today: date) -> YearCalendar:
    """The days off (public holidays, nghỉ bù, admins' days) and make-up working days of the
    year typed (this year when none), by date."""
    require(actor.roles, "holidays")
    year = parse_report_year(typed_year, today, "holidays")
    calendar = calendar_days.working_calendar(session)
    added = {row.day: CalendarEntry(row.day, row.reason, DayKind(row.kind), True)
             for row in calendar_days.days_in_year(session, year)}
    public = [CalendarEntry(day, name, DayKind.DAY_OFF, False)
              for day, name in calendar.holidays_in(year) if day not in added]
    public += [CalendarEntry(day, name, DayKind.WORKING_DAY, False)
               for day, name in calendar.working_weekend_days_in(year) if day not in added]
    return YearCalendar(year, tuple(sorted([*public, *added.values()],
                                           key=lambda entry: entry.day)))


def add_day(session: Session, actor: Caller, kind: DayKind, typed_day: str, typed_reason: str,
            now: datetime, timing: ReminderTiming) -> DayChange:
    """Add a day off or a make-up working day from today on, audited, with its effect on due
    dates and reminders; refused (nothing written) when it would change nothing or is taken."""
    require(actor.roles, _COMMANDS[kind])
    today = now.astimezone(timing.tz).date()
    day = parse_calendar_day(typed_day, today)
    reason = clean_reason(typed_reason)
    _refuse_if_added(session, day)
    check_new_day(calendar_days.working_calendar(session), day, kind)
    return _changed(session, actor, kind, day, reason, now, timing,
                    lambda: calendar_days.add_day(session, day, _STORED[kind], reason, now))


def remove_day(session: Session, actor: Caller, typed_day: str, now: datetime,
               timing: ReminderTiming) -> DayChange:
    """Remove an admin's day (either kind) from today on, audited, with its effect."""
    require(actor.roles, "day_remove")
    today = now.astimezone(timing.tz).date()
    day = parse_calendar_day(typed_day, today)
    row = calendar_days.find_day(session, day)
    if row is None:
        raise CalendarDayNotAdded(day=format_vn_date(day), year=day.year)
    kind, reason = DayKind(row.kind), row.reason
    return _changed(session, actor, kind, day, reason, now, timing,
                    lambda: calendar_days.remove_day(row, now), removed=True)


def _refuse_if_added(session: Session, day: date) -> None:
    row = calendar_days.find_day(session, day)
    if row is None:
        return
    already = DayOffAlreadyAdded if row.kind == DayKind.DAY_OFF else WorkingDayAlreadyAdded
    raise already(day=format_vn_date(day), reason=row.reason or "—")


def _changed(session: Session, actor: Caller, kind: DayKind, day: date, reason: str,
             now: datetime, timing: ReminderTiming, write: Callable[[], None], *,
             removed: bool = False) -> DayChange:
    """Write the day and its audit entry as a schedule change (bot.services.schedule_changes):
    the due dates moved and the reminders replanned in the same unit of work."""
    snapshot: dict[str, object] = {"kind": kind.value, "reason": reason}

    def write_audited() -> None:
        write()
        action = AuditAction.CALENDAR_REMOVE if removed else _AUDIT_ACTIONS[kind]
        record_change(session, actor.person_id, action, day.isoformat(),
                      now, before=snapshot if removed else None,
                      after=None if removed else snapshot)
    effect = change_schedule(session, now, timing, write_audited)
    return DayChange(day, kind, reason, removed, effect)
