"""Reminder use cases: keep the outbox in step with the calendar, claim sends, record results."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from sqlalchemy.orm import Session

from bot.domain.calendar import DueDatePolicy, WorkingCalendar
from bot.domain.delivery import (
    PlannedSend,
    ReminderNotice,
    SendOutcome,
    Slot,
    extended_plans,
    planned_sends,
    stale_sends,
    working_days_left,
)
from bot.domain.periods import period_of
from bot.domain.schedule import build_schedule
from bot.services import group_chats
from db import calendar_days, deadlines, outbox, status_updates
from db import office_actions as office_db
from db.models import OutboxMessage
from db.province_snapshot import ProvinceSnapshot, province_snapshot

# Reminders are planned this far ahead (enough for /reminders to show what is coming).
PLANNING_HORIZON = timedelta(days=35)
# A reminder missed by less than this (downtime) is still considered on start; older is skipped.
CATCH_UP_WINDOW = timedelta(days=3)
# Occurrences whose due dates lie this far around the window can have reminders in it
# (offsets are at most 250 working days).
_OCCURRENCE_MARGIN = timedelta(days=370)


@dataclass(frozen=True, slots=True)
class ReminderTiming:
    """How reminder times are computed: due-date policy, local time of day, time zone."""

    policy: DueDatePolicy
    at: time
    tz: tzinfo


@dataclass(frozen=True, slots=True)
class PlanReport:
    """What one planning pass changed in the outbox."""

    added: int = 0
    moved: int = 0
    cancelled: int = 0
    expired: int = 0

    @property
    def changed(self) -> int:
        return self.added + self.moved + self.cancelled + self.expired


def plan_reminders(session: Session, now: datetime, timing: ReminderTiming,
                   horizon: timedelta = PLANNING_HORIZON) -> PlanReport:
    """Bring the outbox in line with the current deadlines, units, people, calendar and the
    extensions the office approved (a unit with one is reminded against its granted date).

    Steps: compute every send planned in [now - CATCH_UP_WINDOW, now + horizon); insert the
    missing ones; move pending ones whose time changed (a revived cancelled one counts as moved);
    cancel pending ones no longer planned; skip pending ones older than the window.
    """
    start, end = now - CATCH_UP_WINDOW, now + horizon
    province = province_snapshot(session)
    deadline_ids, unit_ids = province.deadline_ids, province.unit_ids
    wanted = _wanted_sends(session, start, end, timing, province)
    desired = {
        (deadline_ids[s.deadline_code], s.due_date, unit_ids[s.unit_code], s.recipient.chat_id,
         s.slot.key): s
        for s in wanted
    }
    existing = outbox.rows_to_reconcile(session, start)
    missing = [(send, key[0], key[2]) for key, send in desired.items() if key not in existing]
    outbox.insert_planned(session, missing, now)
    moved = sum(_move_if_changed(row, desired[key], now)
                for key, row in existing.items() if key in desired)
    dropped = [row for key, row in existing.items()
               if key not in desired and row.state == SendOutcome.PENDING.value]
    expired = [row.id for row in dropped if row.planned_at < start]
    cancelled = [row.id for row in dropped if row.planned_at >= start]
    outbox.set_state(session, expired, SendOutcome.SKIPPED, now, "missed by more than the window")
    outbox.set_state(session, cancelled, SendOutcome.CANCELLED, now, "no longer planned")
    return PlanReport(len(missing), moved, len(cancelled), len(expired))


def _wanted_sends(session: Session, start: datetime, end: datetime, timing: ReminderTiming,
                  province: ProvinceSnapshot) -> list[PlannedSend]:
    deadline_ids, unit_ids = province.deadline_ids, province.unit_ids
    calendar = calendar_days.working_calendar(session)
    first_due = (start - _OCCURRENCE_MARGIN).date()
    schedule = build_schedule(
        province.deadlines, first_due,
        (end + _OCCURRENCE_MARGIN).date(), calendar, policy=timing.policy, at=timing.at,
        tz=timing.tz)
    deadline_codes = {v: k for k, v in deadline_ids.items()}
    unit_codes = {v: k for k, v in unit_ids.items()}
    submitted = {(deadline_codes[d], due, unit_codes[u])
                 for d, due, u in status_updates.submitted_reports(session)}
    granted = {(deadline_codes[d], due, unit_codes[u]): until
               for (d, due, u), until in office_db.granted_by_report(
                   session, unit_ids.values(), first_due).items()}
    extended = extended_plans(schedule, granted, calendar, at=timing.at, tz=timing.tz)
    return planned_sends(schedule, outbox.reminder_recipients(session), submitted, start, end,
                         extended)


def _move_if_changed(row: OutboxMessage, send: PlannedSend, now: datetime) -> bool:
    if row.state not in (SendOutcome.PENDING.value, SendOutcome.CANCELLED.value):
        return False
    if (row.state == SendOutcome.PENDING.value and row.planned_at == send.at
            and row.effective_due_date == send.effective_due_date):
        return False
    row.planned_at = row.send_after = send.at
    row.effective_due_date = send.effective_due_date
    row.state = SendOutcome.PENDING.value
    row.last_error = None
    row.updated_at = now
    return True


def claim_reminders(session: Session, now: datetime, worker: str, limit: int,
                    tz: tzinfo, *, sweep: bool = True) -> list[ReminderNotice]:
    """Claim up to `limit` due reminders for `worker` and return what their messages say.

    Steps: with `sweep` (the first batch of a pass; it reads every due row), skip rows of
    reports already submitted and, of each report's missed reminders to one chat, keep only the
    latest (the catch-up rule); claim; read what the messages need.
    """
    today = now.astimezone(tz).date()
    if sweep:
        outbox.skip_submitted(session, now)
        _keep, skip = stale_sends(outbox.due_pending(session, now), today)
        outbox.set_state(session, skip, SendOutcome.SKIPPED, now,
                         "superseded by a later reminder")
    claimed = outbox.claim_due(session, now, worker, limit)
    if not claimed:
        return []
    calendar = calendar_days.working_calendar(session)
    return [_notice(claim, today, calendar) for claim in outbox.claimed_rows(session, claimed)]


def _notice(claim: outbox.ClaimedRow, today: date, calendar: WorkingCalendar) -> ReminderNotice:
    row, slot = claim.row, Slot.parse(claim.row.slot)
    return ReminderNotice(
        row_id=row.id, chat_id=row.chat_id, kind=slot.kind, deadline_id=row.deadline_id,
        unit_id=row.unit_id, unit_name=claim.unit.name, title=claim.deadline.title,
        period_label=period_of(deadlines.period_spec_of(claim.deadline), row.due_date).label,
        legal_basis=deadlines.legal_basis_of(claim.deadline).citation(),
        recipient_name=claim.deadline.recipient_name,
        due_date=row.due_date, effective_due_date=row.effective_due_date,
        working_days_left=working_days_left(today, row.effective_due_date, calendar),
        attempts=row.attempts, granted_until=slot.granted_until,
    )


def record_sent(session: Session, row_id: int, message_id: int, now: datetime) -> None:
    """Telegram accepted the message."""
    outbox.mark_sent(session, row_id, message_id, now)


def record_retry(session: Session, row_id: int, reason: str, retry_at: datetime, now: datetime,
                 *, counts_as_attempt: bool = True) -> None:
    """A transient failure (or a 429): try again at `retry_at`."""
    outbox.mark_retry(session, row_id, retry_at, reason, now, counts_as_attempt=counts_as_attempt)


def record_failure(session: Session, row_id: int, reason: str, now: datetime,
                   *, chat_unreachable: int | None = None) -> None:
    """The send failed for good; when Telegram refuses the chat, stop planning sends to it."""
    outbox.mark_failed(session, row_id, reason, now)
    if chat_unreachable is not None:
        record_unreachable_chat(session, chat_unreachable, reason, now)


def record_unreachable_chat(session: Session, chat_id: int, reason: str, now: datetime) -> None:
    """Telegram refuses this chat (the person blocked the bot, the group removed it): flag the
    person or group and cancel its pending reminders, so nothing more is planned or sent there
    until they come back. Every sender that meets such a refusal records it here."""
    outbox.mark_chat_unreachable(session, chat_id, reason, now)
    outbox.set_state(session, outbox.pending_for_chat(session, chat_id), SendOutcome.CANCELLED,
                     now, "the chat is unreachable")


def record_chat_moved(session: Session, row_id: int, old_chat_id: int, new_chat_id: int,
                      now: datetime) -> None:
    """The group became a supergroup: follow it (as its upgrade notice does, audited) and send
    again at once, unless the send was already planned at the new id."""
    group_chats.move_group(session, old_chat_id, new_chat_id, now)
    if row_id not in outbox.move_chat(session, old_chat_id, new_chat_id, now):
        outbox.mark_retry(session, row_id, now, "group migrated to a supergroup", now,
                          counts_as_attempt=False)


def claimed_sends_exist(session: Session) -> bool:
    """Whether some send is claimed: a sender is making it, or died making it."""
    return outbox.any_claimed(session)


def release_interrupted_sends(session: Session, now: datetime, lease: timedelta) -> int:
    """Sends claimed longer than `lease` ago by a sender that never recorded a result (it was
    killed) become pending again; return how many."""
    return outbox.release_stale_claims(session, now - lease, now)


def release_claims_of(session: Session, worker: str, now: datetime) -> int:
    """Sends `worker` claimed but did not make (it is stopping) become pending again."""
    return outbox.release_claims_of(session, worker, now)


def next_send_times(session: Session, now: datetime, limit: int = 50) -> list[datetime]:
    """The next distinct times at which reminders become due (for the scheduler's wake-ups)."""
    return outbox.next_send_times(session, now, limit)


@dataclass(frozen=True, slots=True)
class OutboxLine:
    """One planned or past send, as /reminders and `deadline-bot reminders` list it."""

    send_after: datetime
    state: str
    deadline_code: str
    due_date: date
    unit_code: str
    chat_id: int
    recipient: str
    slot: str
    attempts: int
    last_error: str | None


def outbox_lines(session: Session, state: SendOutcome, limit: int) -> list[OutboxLine]:
    """Sends in `state`: pending ones soonest first, others most recent first."""
    rows = outbox.listing(session, [state], limit,
                          upcoming_first=state is SendOutcome.PENDING)
    return [OutboxLine(row.send_after, row.state, deadline, row.due_date, unit, row.chat_id,
                       name, row.slot, row.attempts, row.last_error)
            for row, deadline, unit, name in rows]


def outbox_counts(session: Session) -> dict[str, int]:
    """How many sends are in each state."""
    return outbox.count_by_state(session)


def outbox_lag(session: Session, now: datetime) -> timedelta:
    """How long the longest-waiting due send has been waiting (zero when none is due)."""
    oldest = outbox.oldest_due_pending(session, now)
    return timedelta(0) if oldest is None else max(now - oldest, timedelta(0))
