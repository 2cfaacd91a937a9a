"""The rules for the admins' own days off and make-up working days: which dates may be added or
removed, and what a reason may hold. Pure: the service hands in the calendar and today."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta
from enum import StrEnum

from bot.domain.calendar import WorkingCalendar
from bot.domain.dates import format_vn_date, parse_vn_date
from bot.domain.errors import (
    CalendarDayInPast,
    CalendarReasonControlCharacters,
    CalendarReasonTooLong,
    DayOffOnHoliday,
    DayOffOnWeekend,
    WorkingDayAlreadyWorked,
)

MAX_REASON_LENGTH = 200  # the column holds 256; a reason is a short label, not a letter
_SATURDAY = 5


class DayKind(StrEnum):
    """What an admin's day does (stored as calendar_days.kind)."""

    DAY_OFF = "day_off"
    WORKING_DAY = "working_day"


def parse_calendar_day(typed: str, today: date) -> date:
    """The day typed after /dayoff, /workday or /day_remove (dd/mm/yyyy, or dd/mm this year);
    InvalidDate, DateDoesNotExist or DateOutOfRange when it is not one; CalendarDayInPast before
    today (changing past days would rewrite reminders already sent and lateness already counted).
    """
    day = parse_vn_date(typed, default_year=today.year)
    if day < today:
        raise CalendarDayInPast(day=format_vn_date(day), today=format_vn_date(today))
    return day


def clean_reason(typed: str) -> str:
    """The reason in NFC with single spaces (may be empty); raise if too long or holding control
    characters (line breaks, tabs, zero-width or bidi characters)."""
    normalized = unicodedata.normalize("NFC", typed)
    hidden = [char for char in normalized if unicodedata.category(char).startswith("C")]
    if hidden:
        raise CalendarReasonControlCharacters(reason=f"contains {hidden[0]!r}")
    cleaned = " ".join(normalized.split())
    if len(cleaned) > MAX_REASON_LENGTH:
        raise CalendarReasonTooLong(length=len(cleaned), maximum=MAX_REASON_LENGTH)
    return cleaned


def check_new_day(calendar: WorkingCalendar, day: date, kind: DayKind) -> None:
    """Refuse a day that would change nothing: a day off on a day already off (a weekend, a
    public holiday), a working day on a day already worked."""
    if kind is DayKind.WORKING_DAY:
        if calendar.is_working_day(day):
            raise WorkingDayAlreadyWorked(day=format_vn_date(day),
                                          example=format_vn_date(_next_saturday(day)))
        return
    if calendar.is_working_day(day):
        return
    example = format_vn_date(calendar.next_working_day(day))
    holiday = dict(calendar.holidays_in(day.year)).get(day)
    if holiday is not None:
        raise DayOffOnHoliday(day=format_vn_date(day), name=holiday, example=example)
    raise DayOffOnWeekend(day=format_vn_date(day), example=example)


def _next_saturday(day: date) -> date:
    return day + timedelta(days=(_SATURDAY - day.weekday()) % 7 or 7)
