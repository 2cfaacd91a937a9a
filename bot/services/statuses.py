"""Officers' answers about their reports: record a status, list open reports, show history."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from bot.domain.calendar import WorkingCalendar
from bot.domain.dates import format_vn_date
from bot.domain.deadlines import Deadline, Occurrence, occurrences
from bot.domain.errors import (
    EmptyNote,
    NoteTooLong,
    NotYourUnit,
    UnknownReport,
    WantedDateNotLater,
)
from bot.domain.statuses import (
    ReportStatus,
    Standing,
    days_late,
    sent_on_time,
    standing,
    unit_due_date,
)
from bot.services.people import Caller
from bot.services.reminders import ReminderTiming
from db import (
    calendar_days,
    memberships,
    outbox,
    status_files,
    status_updates,
    units,
)
from db import office_actions as office_db
from db.models import StatusUpdate
from db.province_snapshot import province_snapshot

MAX_NOTE_LENGTH = 2000
# /status lists reports due within UPCOMING, and overdue ones missing for at most LOOKBACK.
UPCOMING = timedelta(days=14)
LOOKBACK = timedelta(days=120)


@dataclass(frozen=True, slots=True)
class ReportRef:
    """One unit's report for one occurrence: the deadline, its nominal due date, the unit."""

    deadline_id: int
    due_date: date
    unit_id: int


@dataclass(frozen=True, slots=True)
class ReportView:
    """A report as an officer sees it, with the unit's current standing.

    `effective_due_date` is the unit's own: later than the occurrence's once the office has
    approved an extension.
    """

    ref: ReportRef
    deadline_code: str
    title: str
    period_label: str
    unit_name: str
    effective_due_date: date
    standing: Standing
    status: ReportStatus | None
    days_overdue: int = 0  # working days past `effective_due_date`, as of today


@dataclass(frozen=True, slots=True)
class StatusReceipt:
    """What was recorded, for the confirmation."""

    report: ReportView
    status: ReportStatus
    days_late: int
    note: str
    proposal: str
    wanted_date: date | None
    document_ref: str
    update_id: int = 0  # the status_updates row written


@dataclass(frozen=True, slots=True)
class StatusHistoryLine:
    """One stored update, as /history shows it."""

    received_at: datetime
    unit_code: str
    deadline_code: str
    due_date: date
    status: ReportStatus
    on_time: bool | None
    person_name: str
    has_file: bool = False


HISTORY_SHOWN = 30


def history(session: Session, caller: Caller, limit: int = HISTORY_SHOWN
            ) -> list[StatusHistoryLine]:
    """The latest updates of the caller's units, newest first."""
    unit_ids = [row.id for row in (units.find_row(session, u.code) for u in caller.units)
                if row is not None]
    rows = status_updates.history_of_units(session, unit_ids, limit)
    with_files = status_files.updates_with_files(session, [update.id for update, *_ in rows])
    return [StatusHistoryLine(update.received_at, unit.code, deadline.code, update.due_date,
                              ReportStatus(update.status), update.on_time, name,
                              update.id in with_files)
            for update, deadline, unit, name in rows]


def clean_note(typed: str, *, required: bool = True) -> str:
    """A note as stored: NFC, trimmed, at most MAX_NOTE_LENGTH characters; one with nothing
    visible (only spaces, zero-width or direction marks) counts as empty."""
    note = unicodedata.normalize("NFC", typed).strip()
    if not any(_visible(char) for char in note):
        if required:
            raise EmptyNote()
        note = ""
    if len(note) > MAX_NOTE_LENGTH:
        raise NoteTooLong(length=len(note), maximum=MAX_NOTE_LENGTH)
    return note


def _visible(char: str) -> bool:
    return not unicodedata.category(char).startswith(("C", "Z"))


def record_status(session: Session, caller: Caller, ref: ReportRef, status: ReportStatus,
                  now: datetime, timing: ReminderTiming, *, note: str = "", proposal: str = "",
                  wanted_date: date | None = None, document_ref: str = "") -> StatusReceipt:
    """Append the unit's new status (never overwriting the history) and, once submitted, stop
    its reminders. Raises NotYourUnit, UnknownReport, NoteTooLong or WantedDateNotLater."""
    _check_serves(session, caller, ref)
    deadline, occurrence, calendar = _occurrence(session, ref, timing)
    today = now.astimezone(timing.tz).date()
    granted = office_db.granted_until(session, ref.deadline_id, ref.due_date, ref.unit_id)
    effective = unit_due_date(occurrence.effective_due_date, granted)
    if wanted_date is not None and wanted_date <= effective:
        raise WantedDateNotLater(wanted=format_vn_date(wanted_date), due=format_vn_date(effective))
    note, proposal = clean_note(note, required=False), clean_note(proposal, required=False)
    on_time = sent_on_time(today, effective) if status is ReportStatus.SUBMITTED else None
    row = status_updates.add(session, {
        "deadline_id": ref.deadline_id, "due_date": ref.due_date, "unit_id": ref.unit_id,
        "person_id": caller.person_id, "status": status.value, "note": note,
        "proposal": proposal, "wanted_date": wanted_date, "document_ref": document_ref[:256],
        "on_time": on_time, "received_at": now})
    if status is ReportStatus.SUBMITTED:
        outbox.skip_submitted(session, now, (ref.deadline_id, ref.due_date, ref.unit_id))
    view = _view(session, deadline, occurrence, ref, today, calendar)
    late = days_late(today, effective, calendar) if status is ReportStatus.SUBMITTED else 0
    return StatusReceipt(view, status, late, note, proposal, wanted_date, document_ref, row.id)


def add_details(session: Session, caller: Caller, ref: ReportRef, now: datetime,
                timing: ReminderTiming, *, note: str = "", document_ref: str = "",
                with_file: bool = False) -> StatusReceipt:
    """Attach a note, a document number or (`with_file`, the caller stores it next) a file to
    the report: a new row repeating the current status (in progress when the unit has said
    nothing yet), pointing at the row it completes."""
    _check_serves(session, caller, ref)
    deadline, occurrence, calendar = _occurrence(session, ref, timing)
    note = clean_note(note, required=not (document_ref or with_file))
    current = status_updates.latest(session, ref.deadline_id, ref.due_date, ref.unit_id)
    status = ReportStatus(current.status) if current else ReportStatus.IN_PROGRESS
    row = status_updates.add(session, {
        "deadline_id": ref.deadline_id, "due_date": ref.due_date, "unit_id": ref.unit_id,
        "person_id": caller.person_id, "status": status.value,
        "note": note or (current.note if current else ""),
        "proposal": current.proposal if current else "",
        "wanted_date": current.wanted_date if current else None,
        "document_ref": document_ref[:256] or (current.document_ref if current else ""),
        "on_time": current.on_time if current else None,
        "corrects_id": current.id if current else None, "received_at": now})
    view = _view(session, deadline, occurrence, ref, now.astimezone(timing.tz).date(), calendar)
    return StatusReceipt(view, status, 0, note, "", None, document_ref, row.id)


def report_view(session: Session, caller: Caller, ref: ReportRef, now: datetime,
                timing: ReminderTiming) -> ReportView:
    """The report behind a button, checked: it exists and the caller serves its unit."""
    _check_serves(session, caller, ref)
    deadline, occurrence, calendar = _occurrence(session, ref, timing)
    return _view(session, deadline, occurrence, ref, now.astimezone(timing.tz).date(), calendar)


def report_of_reminder(session: Session, chat_id: int, message_id: int) -> ReportRef | None:
    """The report a reminder message (a reply target) was about, if it was one."""
    found = status_updates.report_of_message(session, chat_id, message_id)
    return None if found is None else ReportRef(*found)


def open_reports(session: Session, caller: Caller, now: datetime,
                 timing: ReminderTiming) -> list[ReportView]:
    """The caller's units' reports due soon or overdue and not yet submitted, soonest first."""
    today = now.astimezone(timing.tz).date()
    unit_rows = [row for row in (units.find_row(session, u.code) for u in caller.units)
                 if row is not None and row.active]
    if not unit_rows:
        return []
    calendar = calendar_days.working_calendar(session)
    province = province_snapshot(session)
    since = today - LOOKBACK - timedelta(days=31)
    latest = status_updates.latest_by_report(session, [row.id for row in unit_rows], since)
    granted = office_db.granted_by_report(session, [row.id for row in unit_rows], since)
    found: list[ReportView] = []
    for deadline in province.deadlines:
        deadline_id = province.deadline_ids[deadline.code]
        for occurrence in occurrences(deadline, today - LOOKBACK, today + UPCOMING, calendar,
                                      timing.policy):
            for unit in unit_rows:
                if unit.code not in occurrence.units:
                    continue
                key = (deadline_id, occurrence.due_date, unit.id)
                update = latest.get(key)
                if update is not None and update.status == ReportStatus.SUBMITTED.value:
                    continue
                found.append(_view_from(deadline, occurrence, ReportRef(*key), unit.name,
                                        update, today, granted.get(key), calendar))
    return sorted(found, key=lambda view: (view.effective_due_date, view.deadline_code))


def _check_serves(session: Session, caller: Caller, ref: ReportRef) -> None:
    unit = units.find_row_by_id(session, ref.unit_id)
    if unit is None:
        raise UnknownReport()
    if memberships.find(session, caller.person_id, ref.unit_id) is None:
        raise NotYourUnit(unit=unit.name)


def _occurrence(session: Session, ref: ReportRef, timing: ReminderTiming
                ) -> tuple[Deadline, Occurrence, WorkingCalendar]:
    deadline = province_snapshot(session).live_deadline(ref.deadline_id)
    if deadline is None:
        raise UnknownReport()
    calendar = calendar_days.working_calendar(session)
    # A paused deadline still takes answers about its occurrences.
    found = occurrences(replace(deadline, active=True), ref.due_date, ref.due_date, calendar,
                        timing.policy)
    if not found:
        raise UnknownReport()
    return deadline, found[0], calendar


def _view(session: Session, deadline: Deadline, occurrence: Occurrence, ref: ReportRef,
          today: date, calendar: WorkingCalendar) -> ReportView:
    unit = units.get_row(session, ref.unit_id)
    update = status_updates.latest(session, ref.deadline_id, ref.due_date, ref.unit_id)
    granted = office_db.granted_until(session, ref.deadline_id, ref.due_date, ref.unit_id)
    return _view_from(deadline, occurrence, ref, unit.name, update, today, granted, calendar)


def _view_from(deadline: Deadline, occurrence: Occurrence, ref: ReportRef, unit_name: str,
               update: StatusUpdate | None, today: date, granted: date | None,
               calendar: WorkingCalendar) -> ReportView:
    status = ReportStatus(update.status) if update is not None else None
    on_time = update.on_time if update is not None else None
    due = unit_due_date(occurrence.effective_due_date, granted)
    return ReportView(ref, deadline.code, deadline.title, occurrence.period.label, unit_name,
                      due, standing(status, on_time, today, due), status,
                      days_late(today, due, calendar))

