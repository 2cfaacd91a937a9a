"""The full schedule of a span of time: every occurrence of every deadline with its reminders."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time, tzinfo

from bot.domain.calendar import DueDatePolicy, WorkingCalendar
from bot.domain.deadlines import Deadline, Occurrence, occurrences
from bot.domain.reminders import DEFAULT_REMINDER_TIME, DEFAULT_TIMEZONE, Reminder, reminder_plan


@dataclass(frozen=True, slots=True)
class ScheduledOccurrence:
    """An occurrence and its reminder plan."""

    occurrence: Occurrence
    reminders: tuple[Reminder, ...]

    def to_json(self) -> dict[str, object]:
        """The export form: codes, period label, ISO dates and the reminders' times and kinds."""
        occurrence = self.occurrence
        return {
            "deadline_code": occurrence.deadline_code,
            "title": occurrence.title,
            "period": occurrence.period.label,
            "due_date": occurrence.due_date.isoformat(),
            "effective_due_date": occurrence.effective_due_date.isoformat(),
            "units": list(occurrence.units),
            "recipient": occurrence.recipient.code,
            "reminders": [reminder.to_json() for reminder in self.reminders],
        }


def build_schedule(
    deadlines: Iterable[Deadline],
    start: date,
    end: date,
    calendar: WorkingCalendar,
    *,
    policy: DueDatePolicy = DueDatePolicy.NEXT_WORKING_DAY,
    at: time = DEFAULT_REMINDER_TIME,
    tz: tzinfo = DEFAULT_TIMEZONE,
) -> tuple[ScheduledOccurrence, ...]:
    """Occurrences with nominal due dates in [start, end] and their reminders, by due date."""
    found = [
        ScheduledOccurrence(occurrence, reminder_plan(occurrence, calendar, at=at, tz=tz))
        for deadline in deadlines
        for occurrence in occurrences(deadline, start, end, calendar, policy)
    ]
    return tuple(sorted(found, key=lambda s: (s.occurrence.due_date, s.occurrence.deadline_code)))


def schedule_for_year(
    deadlines: Iterable[Deadline],
    year: int,
    calendar: WorkingCalendar,
    *,
    policy: DueDatePolicy = DueDatePolicy.NEXT_WORKING_DAY,
    at: time = DEFAULT_REMINDER_TIME,
    tz: tzinfo = DEFAULT_TIMEZONE,
) -> tuple[ScheduledOccurrence, ...]:
    """build_schedule for the nominal due dates of one calendar year."""
    return build_schedule(deadlines, date(year, 1, 1), date(year, 12, 31), calendar,
                          policy=policy, at=at, tz=tz)
