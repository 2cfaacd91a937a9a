"""The provincial office acts on one unit's report: approve its extension request, or send it an
individual 'đôn đốc'.

Both come from the digest's buttons or from one-line commands (/giahan, /dondoc) and make the
same checks: the presser is office or admin now, the report exists and the unit must send it.
Each action is recorded once (a unique key turns a double tap or a race into a clear refusal),
audited, and returned with the unit's chats for the handler to tell after the commit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from bot.domain.audit_actions import AuditAction
from bot.domain.calendar import WorkingCalendar
from bot.domain.dates import format_vn_date
from bot.domain.deadlines import Occurrence, find_deadline
from bot.domain.digest_periods import pick_occurrences
from bot.domain.errors import (
    AmbiguousOccurrence,
    ExtensionAlreadyApproved,
    ExtensionDateMissing,
    ExtensionNotPending,
    FollowUpAlreadySent,
    GrantNotLater,
    OfficeReportGone,
    ReportAlreadySent,
    UnitNotExpected,
    UnknownDeadline,
    UnknownOccurrence,
    UnknownUnit,
)
from bot.domain.office_actions import OfficeActionKind, extension_pending
from bot.domain.roles import require
from bot.domain.statuses import ReportStatus, days_late, unit_due_date
from bot.domain.units import close_codes, fold_code
from bot.services.audit import record_change
from bot.services.people import Caller
from bot.services.reminders import ReminderTiming, record_unreachable_chat
from bot.services.statuses import ReportRef
from db import calendar_days, status_updates, units
from db import office_actions as office_db
from db.province_snapshot import province_snapshot


@dataclass(frozen=True, slots=True)
class ReportTarget:
    """Which unit's report: from a button (`period` is the exact nominal due date, dd/mm/yyyy)
    or typed (a due date, nominal or effective, or a period's name)."""

    deadline_code: str
    period: str
    unit_code: str
    from_button: bool = False


@dataclass(frozen=True, slots=True)
class OfficeNotice:
    """What the office did, for its confirmation and for the message the unit receives.

    `due_date` is the unit's due date before the action; `granted_until` the date approved;
    `working_days_late` how far past `due_date` the unit is (0 before it).
    """

    kind: OfficeActionKind
    ref: ReportRef
    deadline_code: str
    title: str
    period_label: str
    unit_code: str
    unit_name: str
    due_date: date
    granted_until: date | None
    working_days_late: int
    current: ReportStatus | None
    chat_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class _Report:
    ref: ReportRef
    occurrence: Occurrence
    unit_code: str
    unit_name: str
    granted: date | None
    due: date  # the unit's own due date (with any extension granted)
    calendar: WorkingCalendar
    today: date

    @property
    def subject(self) -> str:
        return f"{self.occurrence.deadline_code} {format_vn_date(self.ref.due_date)} " \
               f"{self.unit_code}"


def approve_extension(session: Session, caller: Caller, target: ReportTarget, now: datetime,
                      timing: ReminderTiming, *, until: date | None = None) -> OfficeNotice:
    """Grant the unit the date it asked for (or `until`), once. Raises NotAllowed,
    ExtensionNotPending, ExtensionDateMissing, ExtensionAlreadyApproved, GrantNotLater, or
    an error naming what does not exist."""
    report = _resolve(session, caller, OfficeActionKind.APPROVE_EXTENSION, target, now, timing)
    latest = status_updates.latest(session, *_key(report.ref))
    if latest is None or latest.status != ReportStatus.EXTENSION.value:
        raise ExtensionNotPending(unit=report.unit_name)
    granted = until or latest.wanted_date
    if granted is None:
        raise ExtensionDateMissing(unit=report.unit_name, command=f"/giahan {report.subject}")
    if until is None and not extension_pending(latest.wanted_date, report.granted):
        raise ExtensionAlreadyApproved(unit=report.unit_name,
                                       until=format_vn_date(report.due))
    if granted <= report.due:
        raise GrantNotLater(until=format_vn_date(granted), due=format_vn_date(report.due))
    if not office_db.add_extension(session, {
            "deadline_id": report.ref.deadline_id, "due_date": report.ref.due_date,
            "unit_id": report.ref.unit_id, "granted_until": granted,
            "approved_by": caller.person_id, "approved_at": now}):
        raise ExtensionAlreadyApproved(unit=report.unit_name, until=format_vn_date(granted))
    record_change(session, caller.person_id, AuditAction.EXTENSION_APPROVE, report.subject, now,
                  before={"due_date": report.due.isoformat()},
                  after={"granted_until": granted.isoformat()})
    return _notice(session, OfficeActionKind.APPROVE_EXTENSION, report, ReportStatus.EXTENSION,
                   granted)


def follow_up(session: Session, caller: Caller, target: ReportTarget, now: datetime,
              timing: ReminderTiming) -> OfficeNotice:
    """Record one 'đôn đốc' of the unit about the report today. Raises NotAllowed,
    ReportAlreadySent, FollowUpAlreadySent, or an error naming what does not exist."""
    report = _resolve(session, caller, OfficeActionKind.FOLLOW_UP, target, now, timing)
    latest = status_updates.latest(session, *_key(report.ref))
    if latest is not None and latest.status == ReportStatus.SUBMITTED.value:
        raise ReportAlreadySent(unit=report.unit_name)
    if not office_db.add_follow_up(session, {
            "deadline_id": report.ref.deadline_id, "due_date": report.ref.due_date,
            "unit_id": report.ref.unit_id, "day": report.today, "sent_by": caller.person_id,
            "sent_at": now}):
        raise FollowUpAlreadySent(unit=report.unit_name, day=format_vn_date(report.today))
    record_change(session, caller.person_id, AuditAction.REPORT_FOLLOW_UP, report.subject, now,
                  after={"day": report.today.isoformat()})
    current = ReportStatus(latest.status) if latest is not None else None
    return _notice(session, OfficeActionKind.FOLLOW_UP, report, current, None)


def perform(session: Session, caller: Caller, kind: OfficeActionKind, target: ReportTarget,
            now: datetime, timing: ReminderTiming, *, until: date | None = None) -> OfficeNotice:
    """Do `kind` to the target's report, as the chat's buttons, commands and the dashboard's
    forms all do: approve_extension (with `until`) or follow_up, with their refusals."""
    if kind is OfficeActionKind.APPROVE_EXTENSION:
        return approve_extension(session, caller, target, now, timing, until=until)
    return follow_up(session, caller, target, now, timing)


def record_refused_chats(session: Session, refused: Mapping[int, str], now: datetime) -> None:
    """The unit's chats Telegram refused the office's message (chat id → reason) are
    unreachable, recorded as for a refused reminder or digest."""
    for chat_id, reason in refused.items():
        record_unreachable_chat(session, chat_id, reason, now)


def _resolve(session: Session, caller: Caller, kind: OfficeActionKind, target: ReportTarget,
             now: datetime, timing: ReminderTiming) -> _Report:
    """The report the target names, checked: the caller's role now, the deadline and
    occurrence exist (a button's are gone: OfficeReportGone), the unit must send it."""
    require(caller.roles, kind.value)
    calendar = calendar_days.working_calendar(session)
    today = now.astimezone(timing.tz).date()
    occurrence = _occurrence(session, kind, target, today, calendar, timing)
    unit = units.find_row(session, fold_code(target.unit_code))
    if unit is None:
        known = [u.code for u in province_snapshot(session).units]
        raise UnknownUnit(code=target.unit_code, suggestions=close_codes(target.unit_code, known),
                          reason="no unit has this code")
    if unit.code not in occurrence.units:
        raise UnitNotExpected(unit=unit.name, code=occurrence.deadline_code,
                              due=format_vn_date(occurrence.effective_due_date))
    ref = ReportRef(province_snapshot(session).deadline_ids[occurrence.deadline_code],
                    occurrence.due_date, unit.id)
    granted = office_db.granted_until(session, *_key(ref))
    return _Report(ref, occurrence, unit.code, unit.name, granted,
                   unit_due_date(occurrence.effective_due_date, granted), calendar, today)


def _occurrence(session: Session, kind: OfficeActionKind, target: ReportTarget, today: date,
                calendar: WorkingCalendar, timing: ReminderTiming) -> Occurrence:
    try:
        deadline = find_deadline(province_snapshot(session).deadlines, target.deadline_code)
        found = pick_occurrences(deadline, target.period, today, calendar, timing.policy)
    except (UnknownDeadline, UnknownOccurrence):
        if target.from_button:
            raise OfficeReportGone() from None
        raise
    if target.from_button and format_vn_date(found[0].due_date) != target.period:
        raise OfficeReportGone()  # the rule changed: another occurrence falls on that day
    if len(found) != 1:
        raise AmbiguousOccurrence(code=deadline.code, period=target.period, command=kind.value,
                                  example=format_vn_date(found[-1].due_date))
    return found[0]


def _notice(session: Session, kind: OfficeActionKind, report: _Report,
            current: ReportStatus | None, granted: date | None) -> OfficeNotice:
    occurrence = report.occurrence
    late = days_late(report.today, report.due, report.calendar) if report.today > report.due else 0
    return OfficeNotice(kind, report.ref, occurrence.deadline_code, occurrence.title,
                        occurrence.period.label, report.unit_code, report.unit_name, report.due,
                        granted, late, current,
                        tuple(office_db.unit_chat_ids(session, report.ref.unit_id)))


def _key(ref: ReportRef) -> tuple[int, date, int]:
    return ref.deadline_id, ref.due_date, ref.unit_id
