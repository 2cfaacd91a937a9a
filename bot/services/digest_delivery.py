"""Scheduled digests to the provincial office: which are due, claim them once, record results.

A digest is due on its day once the local time has come: an occurrence's on the working day
after its effective due date at the office hour, the weekly one on its day and time while any
report is open. A digest missed for a whole day (the bot was down) is not sent later: the next
one covers it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from bot.domain.deadlines import Occurrence, occurrences
from bot.domain.digest_schedule import (
    WEEKLY_SUBJECT,
    WeeklySlot,
    occurrence_digest_day,
    weekly_digest_day,
)
from bot.domain.digests import Digest, DigestScope
from bot.services.digests import DigestContext, digest_context, digests_of, open_digest
from bot.services.reminders import ReminderTiming, record_unreachable_chat
from db import digest_sends

# An effective due date is at most this long before the working day after it (Tết is longest).
_LONGEST_GAP = timedelta(days=40)


@dataclass(frozen=True, slots=True)
class DigestDelivery:
    """One claimed send: this digest to this chat, recorded as row `row_id`."""

    row_id: int
    chat_id: int
    subject: str
    digest: Digest


def claim_due_digests(session: Session, now: datetime, timing: ReminderTiming,
                      weekly: WeeklySlot | None) -> list[DigestDelivery]:
    """Claim every digest due now for every office chat that has not had it today.

    Steps: list the office's chats; for each digest scheduled today whose time has come, keep
    the chats not yet claimed; build the digest (skip an empty weekly one); claim; return.
    """
    chats = digest_sends.office_chat_ids(session)
    if not chats:
        return []
    context = digest_context(session, now, timing)
    deliveries: list[DigestDelivery] = []
    for subject, build in _due_subjects(session, now, context, timing, weekly):
        waiting = digest_sends.unclaimed_chats(session, subject, context.today, chats)
        if not waiting:
            continue
        digest = build()
        if not digest.occurrences:
            continue
        deliveries += [DigestDelivery(row_id, chat_id, subject, digest)
                       for row_id, chat_id in digest_sends.claim(
                           session, subject, context.today, waiting, now)]
    return deliveries


def _due_subjects(session: Session, now: datetime, context: DigestContext,
                  timing: ReminderTiming, weekly: WeeklySlot | None
                  ) -> list[tuple[str, _Builder]]:
    """The digests scheduled today whose local time has come, each with its builder."""
    clock_time = now.astimezone(timing.tz).time()
    subjects: list[tuple[str, _Builder]] = []
    if clock_time >= timing.at:
        subjects += [(o.key, _Builder(session, context, timing, now, o))
                     for o in _after_due_today(session, context, timing)]
    if (weekly is not None and clock_time >= weekly.at
            and weekly_digest_day(context.today, weekly, context.calendar) == context.today):
        subjects.append((WEEKLY_SUBJECT, _Builder(session, context, timing, now, None)))
    return subjects


def _after_due_today(session: Session, context: DigestContext, timing: ReminderTiming
                     ) -> list[Occurrence]:
    """Occurrences of active deadlines whose after-due digest falls on today."""
    today = context.today
    return [occurrence
            for deadline in context.province.deadlines
            for occurrence in occurrences(deadline, today - _LONGEST_GAP, today,
                                          context.calendar, timing.policy)
            if occurrence_digest_day(occurrence.effective_due_date, context.calendar) == today]


@dataclass(frozen=True, slots=True)
class _Builder:
    """Builds a due digest only when some chat still waits for it."""

    session: Session
    context: DigestContext
    timing: ReminderTiming
    now: datetime
    occurrence: Occurrence | None  # None: the weekly digest of everything open

    def __call__(self) -> Digest:
        if self.occurrence is None:
            return open_digest(self.session, self.now, self.timing,
                               list_limit=self.context.list_limit)
        found = digests_of(self.session, [self.occurrence], self.context)
        return Digest(self.context.today, DigestScope.SELECTED, found)


def record_digest_sent(session: Session, row_id: int, parts: int, now: datetime) -> None:
    """Telegram accepted every part of the digest."""
    digest_sends.mark_sent(session, row_id, parts, now)


def record_digest_failed(session: Session, row_id: int, reason: str, now: datetime, *,
                         unreachable_chat: int | None = None) -> None:
    """The digest could not be delivered; when Telegram refuses the chat, stop writing to it."""
    digest_sends.mark_failed(session, row_id, reason, now)
    if unreachable_chat is not None:
        record_unreachable_chat(session, unreachable_chat, reason, now)


def release_digest_claims(session: Session, row_ids: list[int]) -> int:
    """Claims not sent (a network error, the process stopping): the next pass tries again."""
    return digest_sends.release(session, row_ids)


def release_interrupted_digests(session: Session, now: datetime, lease: timedelta) -> int:
    """Claims older than `lease` whose sender died before recording a result go back."""
    return digest_sends.release(session, digest_sends.stale_claims(session, now - lease))


def digests_recorded(session: Session, day: date) -> list[tuple[str, int, str]]:
    """(subject, chat id, state) of the scheduled digests recorded for `day` (tests, operators)."""
    return digest_sends.sent_on(session, day)
