"""Errors the user can fix; each carries a message code (looked up in `bot.texts`) and values."""

from __future__ import annotations


class DomainError(Exception):
    """A problem with what the user asked for; nothing was changed.

    `code` selects the message in `bot.texts.errors`; `params` fill its placeholders.
    """

    code: str = "invalid_input"

    def __init__(self, **params: object) -> None:
        super().__init__(f"{self.code}: {params}")
        self.params: dict[str, object] = params


# Calendar subclasses below. Conventions: every error also carries `reason`, a short English
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


# People, roles and registration.


class NotAllowed(DomainError):
    """The person lacks the role a command needs (params: command, role)."""

    code = "not_allowed"


class WrongUsage(DomainError):
    """A command given with missing or extra words (params: usage, example)."""

    code = "wrong_usage"


class InvalidInvite(DomainError):
    """An invite token that cannot be used; `code` says why (params: none)."""

    code = "invite_unknown"


class MalformedInvite(InvalidInvite):
    code = "invite_malformed"


class ExpiredInvite(InvalidInvite):
    code = "invite_expired"


class UsedInvite(InvalidInvite):
    code = "invite_used"


class RevokedInvite(InvalidInvite):
    code = "invite_revoked"


class PersonInviteInGroup(InvalidInvite):
    """A person's invite sent in a group chat; it is used in a private chat (params: none)."""

    code = "invite_person_in_group"


class GroupInviteInPrivateChat(InvalidInvite):
    """A group invite sent in a private chat; it is used inside the group (params: none)."""

    code = "invite_group_in_private_chat"


class GroupAlreadyRegistered(DomainError):
    """The group already serves the unit (or the office) the invite is for (params: target)."""

    code = "group_already_registered"


class GroupServesAnotherTarget(DomainError):
    """The group already serves another unit or the office (params: current, wanted)."""

    code = "group_serves_another_target"


class AlreadyRegistered(DomainError):
    """The person already holds this role (params: unit)."""

    code = "already_registered"


class NotAMember(DomainError):
    """The person does not serve that unit (params: unit)."""

    code = "not_a_member"


class UnknownPerson(DomainError):
    """No registered person matches what was typed (params: ref)."""

    code = "unknown_person"


class UnknownInvite(DomainError):
    """No open invite has that number (params: ref)."""

    code = "unknown_invite_number"


class LastAdmin(DomainError):
    """Revoking would leave the bot without any admin (params: name)."""

    code = "last_admin"


class RequestAlreadyHandled(DomainError):
    """Another admin already approved or rejected this access request (params: none)."""

    code = "request_already_handled"


# Unit administration (/unit_add, /unit_edit, /unit_disable) and buttons.


class InvalidUnitGroup(DomainError):
    """A unit group that is none of department, district, agency (params: value)."""

    code = "invalid_unit_group"


class InvalidUnitName(DomainError):
    """A unit name that cannot be stored; subclasses say why (params: reason)."""

    code = "unit_name_empty"


class EmptyUnitName(InvalidUnitName):
    code = "unit_name_empty"


class UnitNameTooLong(InvalidUnitName):
    """Params: length, maximum, reason."""

    code = "unit_name_too_long"


class UnitNameControlCharacters(InvalidUnitName):
    """Invisible or control characters (line breaks, bidi overrides) in a name (params: reason)."""

    code = "unit_name_control_characters"


class UnitAlreadyDisabled(DomainError):
    """Disabling a unit that is already disabled (params: code, name)."""

    code = "unit_already_disabled"


class UnitAlreadyActive(DomainError):
    """Re-enabling a unit that is active (params: code, name)."""

    code = "unit_already_active"


class TextWithNul(DomainError):
    """A message, caption or button carrying a NUL character, which PostgreSQL can neither store
    nor compare (params: none)."""

    code = "text_with_nul"


class StaleButton(DomainError):
    """An inline button whose data the bot cannot read (old message or forged) (params: none)."""

    code = "stale_button"


# Multi-step chat flows (guided /unit_add, /unit_edit…). A FlowButtonRefused is explained on the
# button itself (the answer to the tap), since the message it belongs to is out of date.


class FlowButtonRefused(DomainError):
    """A tap on a button of a flow that cannot take it; nothing was changed (params: none)."""

    code = "flow_finished"


class FlowFinished(FlowButtonRefused):
    """The flow the button belongs to was completed, cancelled or replaced (params: none)."""

    code = "flow_finished"


class FlowExpired(FlowButtonRefused):
    """The flow was left unanswered past its lifetime (params: command — the one to restart)."""

    code = "flow_expired"


class NotYourFlow(FlowButtonRefused):
    """A button of someone else's flow (params: none)."""

    code = "flow_not_yours"


class FlowStepPassed(FlowButtonRefused):
    """A button of a step the flow has already moved past (double tap, old message) (params:
    none)."""

    code = "flow_step_passed"


class AnswerWithButtons(DomainError):
    """Typed text at a step that is answered with the buttons under the question (params: none)."""

    code = "flow_answer_with_buttons"


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


class InvalidDeadlineText(DomainError):
    """A deadline's title or legal basis that cannot be stored as typed (params: reason)."""

    code = "invalid_deadline_text"


class EmptyDeadlineTitle(InvalidDeadlineText):
    """A deadline without a title."""

    code = "empty_deadline_title"


class DeadlineTitleTooLong(InvalidDeadlineText):
    """A title over the limit (params: length, maximum)."""

    code = "deadline_title_too_long"


class LegalBasisTooLong(InvalidDeadlineText):
    """A legal basis over the limit (params: length, maximum)."""

    code = "legal_basis_too_long"


class DeadlineTextControlCharacters(InvalidDeadlineText):
    """A title or legal basis holding line breaks, tabs or invisible characters."""

    code = "deadline_text_control_characters"


class UnknownRecipient(DomainError):
    """A recipient code that is neither a unit nor a known recipient (params: code,
    suggestions, reason)."""

    code = "unknown_recipient"


class DeadlineAlreadyPaused(DomainError):
    """/deadline_pause of a paused deadline (params: code, title)."""

    code = "deadline_already_paused"


class DeadlineNotPaused(DomainError):
    """/deadline_resume of a deadline that runs (params: code, title)."""

    code = "deadline_not_paused"


class InvalidDeadlineField(DomainError):
    """/deadline_edit naming no field of a deadline (params: value)."""

    code = "invalid_deadline_field"


# Working days (/holidays, /dayoff, /workday, /day_remove). Dates in params are dd/mm/yyyy.


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
