"""When digests go to the provincial office on their own.

- After each occurrence: on the working day after its effective due date, at the office hour.
- Weekly (while any report is open): on a set weekday and time, e.g. 'mon 08:00'; when that day
  is off (Tết, a holiday), on the next working day at the same time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from bot.domain.calendar import WorkingCalendar

WEEKLY_SUBJECT = "weekly"  # what a weekly digest is recorded under (occurrences use their key)
_WEEKDAYS: dict[str, int] = {
    "mon": 0, "monday": 0, "t2": 0, "tue": 1, "tuesday": 1, "t3": 1,
    "wed": 2, "wednesday": 2, "t4": 2, "thu": 3, "thursday": 3, "t5": 3,
    "fri": 4, "friday": 4, "t6": 4, "sat": 5, "saturday": 5, "t7": 5,
    "sun": 6, "sunday": 6, "cn": 6,
}
_DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_SLOT = re.compile(r"([a-z0-9]+)\s+([0-9]{1,2}):([0-9]{2})")
_OFF = ("", "off", "none", "no")


@dataclass(frozen=True, slots=True)
class WeeklySlot:
    """A weekday (0 = Monday) and a local time of day."""

    weekday: int
    at: time

    def __str__(self) -> str:
        return f"{_DAY_NAMES[self.weekday]} {self.at:%H:%M}"


DEFAULT_WEEKLY_SLOT = WeeklySlot(0, time(8, 0))


def parse_weekly_slot(text: str) -> WeeklySlot | None:
    """'mon 08:00' (also 'monday 8:00', 't2 08:00', 'cn 17:30'); empty or 'off' gives None.

    Raise ValueError (naming what is expected) for anything else: it is an operator's setting.
    """
    value = " ".join(text.strip().lower().split())
    if value in _OFF:
        return None
    match = _SLOT.fullmatch(value)
    if match is None or match[1] not in _WEEKDAYS:
        raise ValueError(f"{text!r} is not a weekday and a time such as 'mon 08:00' "
                         "(or empty to turn the weekly digest off)")
    hour, minute = int(match[2]), int(match[3])
    if hour > 23 or minute > 59:
        raise ValueError(f"{match[2]}:{match[3]} is not a time of day")
    return WeeklySlot(_WEEKDAYS[match[1]], time(hour, minute))


def occurrence_digest_day(effective_due_date: date, calendar: WorkingCalendar) -> date:
    """The working day after the effective due date: when the occurrence's digest goes out."""
    return calendar.next_working_day(effective_due_date)


def weekly_digest_day(today: date, slot: WeeklySlot, calendar: WorkingCalendar) -> date:
    """The day the weekly digest of the week holding `today` goes out (the slot's weekday on or
    before `today`, or the first working day after it when it is a day off)."""
    start = today - timedelta(days=(today.weekday() - slot.weekday) % 7)
    return start if calendar.is_working_day(start) else calendar.next_working_day(start)


def next_wakeups(now: datetime, office_hour: time, weekly: WeeklySlot | None
                 ) -> tuple[datetime, ...]:
    """The next moments (in `now`'s zone, after `now`) at which a scheduled digest may be due:
    the next office hour and the next weekly time of day."""
    hours = {office_hour} | ({weekly.at} if weekly is not None else set())
    moments = []
    for hour in hours:
        moment = datetime.combine(now.date(), hour, tzinfo=now.tzinfo)
        if moment <= now:
            moment = datetime.combine(now.date() + timedelta(days=1), hour, tzinfo=now.tzinfo)
        moments.append(moment)
    return tuple(sorted(moments))
