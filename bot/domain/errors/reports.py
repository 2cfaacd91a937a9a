"""Reports: status replies, digests, the year's export, files, and the office's actions."""

from __future__ import annotations

from bot.domain.errors.base import DomainError

# Status replies (params as named).


class NotYourUnit(DomainError):
    """Someone answers for a unit they do not (or no longer) serve (params: unit)."""

    code = "not_your_unit"


class UnknownReport(DomainError):
    """A button or reply points at a report that does not exist or was deleted (no params)."""

    code = "unknown_report"


class NoteTooLong(DomainError):
    """A note longer than allowed (params: length, maximum)."""

    code = "note_too_long"


class EmptyNote(DomainError):
    """A note that is blank where one is needed (no params)."""

    code = "empty_note"


class WantedDateNotLater(DomainError):
    """An extension asked for a date not after the due date (params: wanted, due)."""

    code = "wanted_date_not_later"


# Digests for the provincial office.


class UnknownOccurrence(DomainError):
    """A period that names no occurrence of the deadline (params: code, period, known — nearby
    occurrences as 'dd/mm/yyyy (period)', example — a due date to type, reason)."""

    code = "unknown_occurrence"


# The year's export and chart (/export, /chart).


class InvalidReportYear(DomainError):
    """A year that is not four digits (params: value, command, example — a year to type,
    reason)."""

    code = "invalid_report_year"


class ReportYearOutOfRange(InvalidReportYear):
    """A four-digit year outside the calendar's years (params: value, command, minimum,
    maximum, example, reason)."""

    code = "report_year_out_of_range"


class NoReportsInYear(DomainError):
    """No report falls due in the year asked for (params: year, command, example — a year to
    type, reason)."""

    code = "no_reports_in_year"


class NoReportsDueYet(DomainError):
    """No report of the year is past its due date yet, so there is no rate to draw (params:
    year, today, reason)."""

    code = "no_reports_due_yet"


# Files attached to a report (params as named; sizes in MB written the Vietnamese way, 1,5).


class FileTypeNotAllowed(DomainError):
    """A file of a type the bot does not take (params: name, allowed, reason)."""

    code = "file_type_not_allowed"


class FileTooLarge(DomainError):
    """A file over BOT_MAX_FILE_MB (params: name, size, maximum — in MB, reason)."""

    code = "file_too_large"


class FileWithoutReport(DomainError):
    """A file sent neither as a reply to a reminder nor as the answer to the document question,
    so the bot cannot tell which report it belongs to (no params)."""

    code = "file_without_report"


# The provincial office acts on a unit's report: approve an extension, send a 'đôn đốc'.


class OfficeReportGone(DomainError):
    """An office button of a report whose deadline was deleted or whose occurrence no longer
    exists (no params)."""

    code = "office_report_gone"


class UnitNotExpected(DomainError):
    """A unit that does not have to send this report (params: unit, code, due)."""

    code = "unit_not_expected"


class AmbiguousOccurrence(DomainError):
    """A period naming several occurrences where one is needed (params: code, period, command,
    example)."""

    code = "ambiguous_occurrence"


class ExtensionNotPending(DomainError):
    """Approving an extension the unit is not (or no longer) asking for (params: unit)."""

    code = "extension_not_pending"


class ExtensionAlreadyApproved(DomainError):
    """The extension asked for was already granted, e.g. a double tap (params: unit, until)."""

    code = "extension_already_approved"


class ExtensionDateMissing(DomainError):
    """An extension request without a date, approved without one (params: unit, command —
    the /giahan line to type without the date)."""

    code = "extension_date_missing"


class GrantNotLater(DomainError):
    """A date granted that is not after the unit's current due date (params: until, due)."""

    code = "grant_not_later"


class FollowUpAlreadySent(DomainError):
    """A second 'đôn đốc' of the same unit and report on the same day (params: unit, day)."""

    code = "follow_up_already_sent"


class ReportAlreadySent(DomainError):
    """A 'đôn đốc' of a unit whose latest answer is that it sent the report (params: unit)."""

    code = "report_already_sent"
