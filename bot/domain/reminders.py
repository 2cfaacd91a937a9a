"""When each reminder about one occurrence goes out: before, on the day, and while it is overdue.

Offsets are whole working days counted from the effective due date, so a reminder never falls on
a day off: counting back moves a before-reminder earlier past days off, counting forward moves an
overdue one later. Distinct offsets therefore land on distinct days; no two reminders of one plan
share a day and none needs merging.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from enum import StrEnum
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.domain.deadlines import Occurrence
from bot.domain.reminder_offsets import ReminderOffsets

if TYPE_CHECKING:
    from bot.domain.calendar import WorkingCalendar

DEFAULT_REMINDER_TIME = time(8, 0)
DEFAULT_TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")


class ReminderKind(StrEnum):
    """Why a reminder goes out."""

    BEFORE = "before"  # the deadline is coming
    DUE = "due"  # the morning of the effective due date
    OVERDUE = "overdue"  # to the unit, which has not submitted yet
    ESCALATION = "escalation"  # overdue, and the provincial office is told too


@dataclass(frozen=True, slots=True)
class Reminder:
    """One planned reminder: when (aware local time), why, and its offset in working days."""

    at: datetime
    kind: ReminderKind
    offset: int  # working days before (BEFORE) or after (OVERDUE, ESCALATION); 0 for DUE

    def to_json(self) -> dict[str, str]:
        """{"at": ISO local datetime, "kind": kind}, as the schedule export prints it."""
        return {"at": self.at.isoformat(), "kind": self.kind.value}


def reminder_plan(
    occurrence: Occurrence,
    calendar: WorkingCalendar,
    *,
    at: time = DEFAULT_REMINDER_TIME,
    tz: tzinfo = DEFAULT_TIMEZONE,
) -> tuple[Reminder, ...]:
    """Every reminder of `occurrence`, strictly in time order, each at `at` local time on a
    working day of `calendar` (which must be the calendar the occurrence was computed with)."""
    due = occurrence.effective_due_date
    if not calendar.is_working_day(due):
        raise ValueError(f"{due} is not a working day of this calendar; recompute the occurrence")
    return _plan_from(due, occurrence.offsets, calendar, at, tz)


def extended_reminder_plan(
    occurrence: Occurrence,
    granted_until: date,
    calendar: WorkingCalendar,
    *,
    at: time = DEFAULT_REMINDER_TIME,
    tz: tzinfo = DEFAULT_TIMEZONE,
) -> tuple[Reminder, ...]:
    """The reminders of one unit the provincial office gave until `granted_until`: the
    occurrence's offsets counted from the last working day on or before that date, so the
    due-day reminder still comes while the unit can send on time, and "1 day late" is the first
    working day after the granted date (as /status counts lateness)."""
    last_day = (granted_until if calendar.is_working_day(granted_until)
                else calendar.previous_working_day(granted_until))
    return _plan_from(last_day, occurrence.offsets, calendar, at, tz)


def _plan_from(due: date, offsets: ReminderOffsets, calendar: WorkingCalendar, at: time,
               tz: tzinfo) -> tuple[Reminder, ...]:
    plan = [(calendar.add_working_days(due, -n), ReminderKind.BEFORE, n) for n in offsets.before]
    if offsets.on_due_day:
        plan.append((due, ReminderKind.DUE, 0))
    for n in offsets.overdue:
        kind = ReminderKind.ESCALATION if n in offsets.escalation else ReminderKind.OVERDUE
        plan.append((calendar.add_working_days(due, n), kind, n))
    return tuple(
        Reminder(datetime.combine(day, at.replace(tzinfo=None), tzinfo=tz), kind, n)
        for day, kind, n in sorted(plan)
    )
