"""Who receives each reminder, which missed reminders are still worth sending, and retry pacing.

Pure rules for the reminder outbox: the scheduler turns them into rows and sends.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from bot.domain.calendar import WorkingCalendar
from bot.domain.reminders import Reminder, ReminderKind, extended_reminder_plan
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
    """A reminder's place in a unit's plan, stored as text: 'before:7', 'escalation:3', or
    'before:1@2020-01-31' in the plan of a unit the office gave until that date.

    The granted date is part of the slot (and so of the outbox key) because an extension starts
    a new plan: its reminders are new sends, even where an offset of the old plan already went.
    """

    kind: ReminderKind
    offset: int
    granted_until: date | None = None

    @property
    def key(self) -> str:
        base = f"{self.kind.value}:{self.offset}"
        return base if self.granted_until is None else f"{base}@{self.granted_until.isoformat()}"

    @classmethod
    def of(cls, reminder: Reminder, granted_until: date | None = None) -> Slot:
        return cls(reminder.kind, reminder.offset, granted_until)

    @classmethod
    def parse(cls, key: str) -> Slot:
        place, _, granted = key.partition("@")
        kind, _, offset = place.partition(":")
        return cls(ReminderKind(kind), int(offset),
                   date.fromisoformat(granted) if granted else None)


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
    effective_due_date: date  # the unit's: the date granted when its extension was approved
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


ReportKey = tuple[str, date, str]  # deadline code, nominal due date, unit code


@dataclass(frozen=True, slots=True)
class ExtendedPlan:
    """One unit's own reminders for one occurrence, once the office granted it a later date."""

    granted_until: date
    reminders: tuple[Reminder, ...]


def extended_plans(
    schedule: Iterable[ScheduledOccurrence],
    granted: Mapping[ReportKey, date],
    calendar: WorkingCalendar,
    *,
    at: time,
    tz: tzinfo,
) -> dict[ReportKey, ExtendedPlan]:
    """The plans of units whose approved extension is later than their occurrence's effective
    due date (an earlier grant changes nothing, as for /status), keyed like `granted`."""
    plans: dict[ReportKey, ExtendedPlan] = {}
    for scheduled in schedule:
        occurrence = scheduled.occurrence
        for unit_code in occurrence.units:
            key = (occurrence.deadline_code, occurrence.due_date, unit_code)
            until = granted.get(key)
            if until is not None and until > occurrence.effective_due_date:
                plans[key] = ExtendedPlan(until, extended_reminder_plan(
                    occurrence, until, calendar, at=at, tz=tz))
    return plans


def planned_sends(
    schedule: Iterable[ScheduledOccurrence],
    recipients: Mapping[str, Sequence[Recipient]],
    submitted: set[ReportKey],
    start: datetime,
    end: datetime,
    extended: Mapping[ReportKey, ExtendedPlan] | None = None,
) -> list[PlannedSend]:
    """Every send whose reminder time is in [start, end), for units that have not submitted.

    `recipients` maps unit codes to their chats; `submitted` holds (deadline code, nominal due
    date, unit code) of reports already sent; a unit in `extended` follows its own plan, against
    its granted date, instead of the occurrence's.
    """
    extended = extended or {}
    sends: list[PlannedSend] = []
    for scheduled in schedule:
        occurrence = scheduled.occurrence
        in_window = [r for r in scheduled.reminders if start <= r.at < end]
        for unit_code in occurrence.units:
            key = (occurrence.deadline_code, occurrence.due_date, unit_code)
            if key in submitted:
                continue
            own = extended.get(key)
            if own is None:
                reminders, due, granted = in_window, occurrence.effective_due_date, None
            else:
                reminders = [r for r in own.reminders if start <= r.at < end]
                due = granted = own.granted_until
            for reminder in reminders:
                for recipient in recipients_for(reminder.kind, recipients.get(unit_code, ())):
                    sends.append(PlannedSend(
                        occurrence.deadline_code, occurrence.due_date, due, unit_code,
                        recipient, Slot.of(reminder, granted), reminder.at))
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

    `effective_due_date` is the unit's own due date: `granted_until` when the office approved
    its extension. `working_days_left` is positive before it, 0 on it, and minus the number of
    working days late after it.
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
    granted_until: date | None = None  # an approved extension the reminder was planned for


def working_days_left(today: date, effective_due_date: date, calendar: WorkingCalendar) -> int:
    """Working days from `today` until the due date; negative when it has passed."""
    if today <= effective_due_date:
        return calendar.count_working_days(today, effective_due_date)
    return -calendar.count_working_days(effective_due_date, today)


def retry_delay(attempts: int) -> timedelta:
    """How long to wait before attempt number `attempts + 1`: doubling, capped."""
    delay: timedelta = FIRST_RETRY_DELAY * 2 ** max(attempts - 1, 0)
    return min(delay, MAX_RETRY_DELAY)
