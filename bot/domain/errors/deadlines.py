"""Dates, recurrence rules, periods and reminder offsets; unit codes and selectors; deadline
codes; due rules typed in words; the province file."""

from __future__ import annotations

from bot.domain.errors.base import DomainError

# Conventions: every error here also carries `reason`, a short English
# explanation for logs and operators; the user-facing text is chosen by `code` and uses the other
# params. Dates in params are already written the Vietnamese way (dd/mm/yyyy) for display.


class InvalidDate(DomainError):
    """Text that is not a date in the form dd/mm/yyyy or dd/mm (params: value, reason)."""

    code = "invalid_date"


class DateDoesNotExist(InvalidDate):
    """A well-formed date that is not in the calendar, such as 31/02.

    Params: value, reason, day, month, year, days_in_month.
    """

    code = "date_does_not_exist"


class InvalidRule(DomainError):
    """A recurrence rule that is not valid RFC 5545 text (params: rule, part, reason)."""

    code = "invalid_rule"


class RuleNeverFires(DomainError):
    """A valid rule yielding no date soon after its start (params: rule, years, reason)."""

    code = "rule_never_fires"


class InvalidPeriod(DomainError):
    """An unknown period kind or shift for a deadline (params: value, reason)."""

    code = "invalid_period"


class InvalidOffsets(DomainError):
    """Reminder offsets that are not distinct positive whole numbers of working days.

    Params: kind ("before" | "overdue" | "escalation"), offsets, maximum, reason.
    """

    code = "invalid_offsets"


class InvalidEscalationOffsets(InvalidOffsets):
    """Escalation offsets that are not among the overdue offsets (params: escalation, overdue,
    reason)."""

    code = "invalid_escalation_offsets"


class OffsetBeyondPreviousOccurrence(InvalidOffsets):
    """A before-offset that would remind before the previous occurrence was even due.

    Params: offset, due_date, reminder_date, previous_due_date, reason.
    """

    code = "offset_beyond_previous_occurrence"


class ConflictingCalendarDay(DomainError):
    """One date given both as an extra day off and as an extra working day (params: day, reason)."""

    code = "conflicting_calendar_day"


class UnknownUnit(DomainError):
    """A unit code that does not exist (params: code, suggestions — closest known codes, reason)."""

    code = "unknown_unit"


class InactiveUnit(DomainError):
    """A unit named explicitly that no longer reports (params: code, name, reason)."""

    code = "inactive_unit"


class InvalidUnitCode(DomainError):
    """A unit code that breaks the format rules or is reserved (params: code, reason)."""

    code = "invalid_unit_code"


class DuplicateCode(DomainError):
    """A code given to two units, recipients or deadlines (params: code, reason)."""

    code = "duplicate_code"


class InvalidUnitSelector(DomainError):
    """A unit selection such as `all -bdt` that cannot be read (params: selector, reason)."""

    code = "invalid_unit_selector"


class EmptyUnitSelection(InvalidUnitSelector):
    """A unit selection that leaves no unit at all (params: selector, reason)."""

    code = "empty_unit_selection"


class InvalidDeadlineCode(DomainError):
    """A deadline code that breaks the format rules (params: code, reason)."""

    code = "invalid_deadline_code"


class UnknownDeadline(DomainError):
    """A deadline code that does not exist (params: code, suggestions, reason)."""

    code = "unknown_deadline"


# Due rules typed in words (bot.domain.due_rules): '20/01 hằng năm', 'ngày 10 tháng cuối quý'.
# `example` is a due rule to type instead; `typed` is echoed back cut to about 60 characters.


class UnrecognisedDueRule(DomainError):
    """A due rule in none of the accepted forms (params: typed, examples — one per form,
    reason)."""

    code = "unrecognised_due_rule"


class PastOneOffDate(DomainError):
    """A one-off due date before today (params: date, today, example — the same day every
    year, reason)."""

    code = "past_one_off_date"


class DayMissingFromMonths(DomainError):
    """A recurring day that some months of the rule lack, so they would be skipped, e.g. 31/04
    every year or the 31st of the last month of each quarter (params: day, months — the months
    lacking it, example, reason)."""

    code = "day_missing_from_months"


class LeapDayNotEveryYear(DomainError):
    """A recurring 29 February, which would be skipped three years in four (params: typed,
    example, reason)."""

    code = "leap_day_not_every_year"


class MonthlyDayTooLate(DomainError):
    """A monthly day after the 28th, which some months lack (params: day, maximum, example —
    the month-end rule, reason)."""

    code = "monthly_day_too_late"


class InvalidProvinceData(DomainError):
    """A mistake in the province data file (params: file, where, detail).

    `where` is the path of the entry and field, e.g. `deadlines[2].rrule`; `detail` says what is
    wrong in English. `str()` is the one line an operator needs.
    """

    code = "invalid_province_data"

    def __str__(self) -> str:
        return f"{self.params.get('file')}: {self.params.get('where')}: {self.params.get('detail')}"
