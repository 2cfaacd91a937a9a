"""A unit's status for one report, in the officials' words, and whether it was sent on time."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from bot.domain.calendar import WorkingCalendar


class ReportStatus(StrEnum):
    """What an officer reports (stored in status_updates.status)."""

    SUBMITTED = "submitted"  # Đã gửi báo cáo
    IN_PROGRESS = "in_progress"  # Đang thực hiện
    BLOCKED = "blocked"  # Có khó khăn, vướng mắc
    EXTENSION = "extension"  # Đề nghị gia hạn


class Standing(StrEnum):
    """Where a unit stands for one report, as the digest counts it."""

    SENT_ON_TIME = "sent_on_time"  # Đã gửi – đúng hạn
    SENT_LATE = "sent_late"  # Đã gửi – trễ hạn
    IN_PROGRESS = "in_progress"
    BLOCKED = "blocked"
    EXTENSION = "extension"
    NOT_SENT = "not_sent"  # Chưa gửi (before the due date)
    OVERDUE = "overdue"  # Quá hạn – chưa gửi


def sent_on_time(sent_on: date, effective_due_date: date) -> bool:
    """A report sent on or before its effective due date is on time."""
    return sent_on <= effective_due_date


def unit_due_date(effective_due_date: date, granted_until: date | None) -> date:
    """The unit's own due date: the occurrence's effective due date, or the later date the
    provincial office granted it (an approved extension)."""
    if granted_until is None:
        return effective_due_date
    return max(effective_due_date, granted_until)


def days_late(sent_on: date, effective_due_date: date, calendar: WorkingCalendar) -> int:
    """Working days after the effective due date ('chậm N ngày'); 0 when on time."""
    return calendar.count_working_days(effective_due_date, sent_on)


def standing(latest: ReportStatus | None, on_time: bool | None, today: date,
             effective_due_date: date) -> Standing:
    """The unit's standing from its latest update (None: it has said nothing)."""
    if latest is ReportStatus.SUBMITTED:
        return Standing.SENT_ON_TIME if on_time else Standing.SENT_LATE
    if latest is None:
        return Standing.OVERDUE if today > effective_due_date else Standing.NOT_SENT
    return Standing(latest.value)
