"""Working days (/holidays, /dayoff, /workday, /day_remove)."""

from __future__ import annotations

from bot.domain.errors.base import DomainError
from bot.domain.errors.deadlines import InvalidDate

# Dates in params are written dd/mm/yyyy.


class DateOutOfRange(InvalidDate):
    """A date whose year the working calendar does not know (params: value, minimum, maximum,
    reason)."""

    code = "date_out_of_range"


class CalendarDayInPast(DomainError):
    """Adding or removing a day before today, which would rewrite history (params: day, today)."""

    code = "calendar_day_in_past"


class DayOffOnWeekend(DomainError):
    """A day off on a Saturday or Sunday that is not worked anyway (params: day, example — a
    working day to type instead)."""

    code = "day_off_on_weekend"


class DayOffOnHoliday(DomainError):
    """A day off on a public holiday of the `holidays` package (params: day, name, example)."""

    code = "day_off_on_holiday"


class WorkingDayAlreadyWorked(DomainError):
    """A make-up working day on a day that is worked anyway (params: day, example — the next
    Saturday, to type instead)."""

    code = "working_day_already_worked"


class CalendarDayAlreadyAdded(DomainError):
    """A date an admin already added; subclasses say as what (params: day, reason)."""

    code = "calendar_day_already_day_off"


class DayOffAlreadyAdded(CalendarDayAlreadyAdded):
    code = "calendar_day_already_day_off"


class WorkingDayAlreadyAdded(CalendarDayAlreadyAdded):
    code = "calendar_day_already_working_day"


class CalendarDayNotAdded(DomainError):
    """/day_remove of a date no admin added (params: day, year)."""

    code = "calendar_day_not_added"


class CalendarReasonTooLong(DomainError):
    """A reason for a day off or working day over the limit (params: length, maximum)."""

    code = "calendar_reason_too_long"


class CalendarReasonControlCharacters(DomainError):
    """Line breaks, tabs or invisible characters in a reason (params: reason)."""

    code = "calendar_reason_control_characters"
