"""Small factories for reminder tests: a deadline of the test's own, officers, calendar days.

They write straight into the database (each takes a session, like a service, and never
commits), so a test can set up hundreds of recipients without registering them through chat.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.domain.deadlines import Deadline, LegalBasis, Recipient
from bot.domain.periods import PeriodKind, PeriodSpec
from bot.domain.recurrence import one_off_rule
from bot.domain.reminder_offsets import ReminderOffsets
from db import calendar_days, deadlines
from db.calendar_days import DayKind
from db.models import Deadline as DeadlineRow
from db.models import GroupChat, Membership, Person, Unit

TEST_DEADLINE_TITLE = "Báo cáo kiểm thử nhắc hạn"


def add_one_off_deadline(session: Session, code: str, due: date, now: datetime, *,
                         units: str = "all", offsets: ReminderOffsets | None = None,
                         title: str = TEST_DEADLINE_TITLE) -> None:
    """A deadline due once on `due` (nominal), for the units `units` selects."""
    deadline = Deadline(
        code=code, title=title,
        legal_basis=LegalBasis(document="99/QĐ-UBND", clause="Điều 1", kind="Quyết định",
                               issuer="UBND tỉnh Trà Vinh"),
        recipient=Recipient("vpubnd", "Văn phòng Ủy ban nhân dân tỉnh"),
        units=(), rule=one_off_rule(due), period=PeriodSpec(PeriodKind.NONE, "Kiểm thử"),
        offsets=offsets or ReminderOffsets(), unit_selector=units)
    deadlines.add_deadline(session, deadline, now)


def pause_deadlines_except(session: Session, code: str) -> None:
    """Pause the province's own deadlines, so only the test's deadline sends anything."""
    session.execute(update(DeadlineRow).where(DeadlineRow.code != code).values(paused=True))


def unit_ids(session: Session, codes: Sequence[str] | None = None) -> list[int]:
    """Ids of the active units (of `codes`, in that order, when given)."""
    if codes is None:
        return list(session.scalars(select(Unit.id).where(Unit.active).order_by(Unit.id)))
    by_code = {code: id_ for code, id_ in session.execute(select(Unit.code, Unit.id))}
    return [by_code[code] for code in codes]


def add_officers(session: Session, telegram_ids: Sequence[int], now: datetime, *,
                 units: Sequence[str] | None = None) -> None:
    """One person per Telegram id, each an officer (not the head) of one unit, round-robin
    over `units` (default: every active unit)."""
    targets = unit_ids(session, units)
    people = [Person(telegram_user_id=telegram_id, full_name=f"Cán bộ {telegram_id}",
                     created_at=now) for telegram_id in telegram_ids]
    session.add_all(people)
    session.flush()
    session.add_all(Membership(person_id=person.id, unit_id=targets[i % len(targets)],
                               is_head=False, created_at=now)
                    for i, person in enumerate(people))


def add_group_chat(session: Session, telegram_chat_id: int, unit_code: str, title: str,
                   now: datetime) -> None:
    """A group registered for the unit (as /start <group invite> would leave it)."""
    [unit_id] = unit_ids(session, [unit_code])
    session.add(GroupChat(telegram_chat_id=telegram_chat_id, title=title, unit_id=unit_id,
                          is_office=False, registered_at=now))


def add_calendar_day(session: Session, day: date, kind: DayKind, now: datetime,
                     reason: str = "kiểm thử") -> None:
    """An admin's extra day off or make-up working day."""
    calendar_days.add_day(session, day, kind, reason, now)
