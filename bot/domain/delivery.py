"""Who receives each reminder, which missed reminders are still worth sending, and retry pacing.

Pure rules for the reminder outbox: the scheduler turns them into rows and sends.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from bot.domain.calendar import WorkingCalendar
from bot.domain.reminders import Reminder, ReminderKind
from bot.domain.schedule import ScheduledOccurrence

# Transient failures (network, 5xx) are retried this many times before the send is failed.
MAX_SEND_ATTEMPTS = 6
FIRST_RETRY_DELAY = timedelta(seconds=5)
MAX_RETRY_DELAY = timedelta(minutes=10)


class SendOutcome(StrEnum):
    """The states of an outbox row, as stored."""

    PENDING = "pending"
    SENDING = "sending"  # claimed by a sender; back to pending if the sender dies
    SENT = "sent"
    FAILED = "failed"
    SKIPPED = "skipped"  # no longer useful: superseded, submitted, or stale
    CANCELLED = "cancelled"  # the plan changed before it was due


@dataclass(frozen=True, slots=True)
class Slot:
    """A reminder's place in an occurrence's plan, stored as text: 'before:7', 'escalation:3'."""

    kind: ReminderKind
    offset: int

    @property
    def key(self) -> str:
        return f"{self.kind.value}:{self.offset}"

    @classmethod
    def of(cls, reminder: Reminder) -> Slot:
        return cls(reminder.kind, reminder.offset)

    @classmethod
    def parse(cls, key: str) -> Slot:
        kind, _, offset = key.partition(":")
        return cls(ReminderKind(kind), int(offset))


@dataclass(frozen=True, slots=True)
class Recipient:
    """A chat that receives a unit's reminders: an officer's private chat or a registered group."""

    chat_id: int
    person_id: int | None = None
    group_chat_id: int | None = None
    is_head: bool = False


@dataclass(frozen=True, slots=True)
class PlannedSend:
    """One reminder to one chat about one unit's report: the identity of an outbox row."""

    deadline_code: str
    due_date: date
    effective_due_date: date
    unit_code: str
    recipient: Recipient
    slot: Slot
    at: datetime  # aware

    @property
    def key(self) -> tuple[str, date, str, int, str]:
        return (self.deadline_code, self.due_date, self.unit_code, self.recipient.chat_id,
                self.slot.key)


def recipients_for(kind: ReminderKind, recipients: Sequence[Recipient]) -> tuple[Recipient, ...]:
    """Who gets a reminder of `kind`: officers and groups; the head only for escalations, or
    when the unit has no other officer."""
    if kind is ReminderKind.ESCALATION:
        return tuple(recipients)
    officers = [r for r in recipients if r.person_id is not None and not r.is_head]
    if officers:
        return tuple(r for r in recipients if not r.is_head)
    return tuple(recipients)


def planned_sends(
    schedule: Iterable[ScheduledOccurrence],
    recipients: Mapping[str, Sequence[Recipient]],
    submitted: set[tuple[str, date, str]],
    start: datetime,
    end: datetime,
) -> list[PlannedSend]:
    """Every send whose reminder time is in [start, end), for units that have not submitted.

    `recipients` maps unit codes to their chats; `submitted` holds (deadline code, nominal due
    date, unit code) of reports already sent.
    """
    sends: list[PlannedSend] = []
    for scheduled in schedule:
        occurrence = scheduled.occurrence
        for reminder in scheduled.reminders:
            if not start <= reminder.at < end:
                continue
            for unit_code in occurrence.units:
                if (occurrence.deadline_code, occurrence.due_date, unit_code) in submitted:
                    continue
                for recipient in recipients_for(reminder.kind, recipients.get(unit_code, ())):
                    sends.append(PlannedSend(
                        occurrence.deadline_code, occurrence.due_date,
                        occurrence.effective_due_date, unit_code, recipient, Slot.of(reminder),
                        reminder.at))
    return sends


@dataclass(frozen=True, slots=True)
class DueSend:
    """A pending outbox row whose time has come, as the catch-up rule sees it."""

    row_id: int
    report: tuple[object, ...]  # one report of one unit to one chat (same for all its slots)
    slot: Slot
    planned_at: datetime
    effective_due_date: date


def stale_sends(due: Iterable[DueSend], today: date) -> tuple[list[int], list[int]]:
    """Split due sends into (to send, to skip): after downtime, only the latest missed reminder
    per report and chat goes out (one catch-up message, not a burst); a before-reminder whose
    due date has passed is stale too, since its text would be wrong."""
    latest: dict[tuple[object, ...], DueSend] = {}
    skip: list[int] = []
    for send in sorted(due, key=lambda s: (s.planned_at, s.row_id)):
        previous = latest.get(send.report)
        if previous is not None:
            skip.append(previous.row_id)
        latest[send.report] = send
    keep: list[int] = []
    for send in latest.values():
        if send.slot.kind is ReminderKind.BEFORE and send.effective_due_date < today:
            skip.append(send.row_id)
        else:
            keep.append(send.row_id)
    return sorted(keep), sorted(skip)


@dataclass(frozen=True, slots=True)
class UnreachableChat:
    """An officer or a unit's group Telegram no longer delivers to, and since when."""

    name: str
    units: tuple[str, ...]
    since: datetime
    reason: str
    is_group: bool = False


@dataclass(frozen=True, slots=True)
class ReminderNotice:
    """Everything a reminder message says, computed when it is sent (so the count is current).

    `working_days_left` is positive before the effective due date, 0 on it, and minus the
    number of working days late after it.
    """

    row_id: int
    chat_id: int
    kind: ReminderKind
    deadline_id: int
    unit_id: int
    unit_name: str
    title: str
    period_label: str
    legal_basis: str
    recipient_name: str
    due_date: date
    effective_due_date: date
    working_days_left: int
    attempts: int = 0  # earlier attempts that failed transiently


def working_days_left(today: date, effective_due_date: date, calendar: WorkingCalendar) -> int:
    """Working days from `today` until the due date; negative when it has passed."""
    if today <= effective_due_date:
        return calendar.count_working_days(today, effective_due_date)
    return -calendar.count_working_days(effective_due_date, today)


def retry_delay(attempts: int) -> timedelta:
    """How long to wait before attempt number `attempts + 1`: doubling, capped."""
    delay: timedelta = FIRST_RETRY_DELAY * 2 ** max(attempts - 1, 0)
    return min(delay, MAX_RETRY_DELAY)
