"""Queries of the reminder outbox: plan rows, claim due ones, record what happened."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from sqlalchemy import exists, func, or_, select, update
from sqlalchemy.orm import Session

from bot.domain.delivery import DueSend, PlannedSend, Recipient, SendOutcome, Slot
from db import status_updates
from db.claims import claimable
from db.dialect import insert_for
from db.models import Deadline, GroupChat, Membership, OutboxMessage, Person, StatusUpdate, Unit

T = TypeVar("T")


def reminder_recipients(session: Session) -> dict[str, list[Recipient]]:
    """Reachable chats of every active unit: its officers' private chats and its groups."""
    recipients: dict[str, list[Recipient]] = {}
    officers = session.execute(
        select(Unit.code, Person.telegram_user_id, Person.id, Membership.is_head)
        .join(Membership, Membership.unit_id == Unit.id)
        .join(Person, Person.id == Membership.person_id)
        .where(Unit.active, Person.unreachable_since.is_(None))
        .order_by(Unit.code, Person.id))
    for code, chat_id, person_id, is_head in officers:
        recipients.setdefault(code, []).append(
            Recipient(chat_id, person_id=person_id, is_head=is_head))
    groups = session.execute(
        select(Unit.code, GroupChat.telegram_chat_id, GroupChat.id)
        .join(GroupChat, GroupChat.unit_id == Unit.id)
        .where(Unit.active, GroupChat.unreachable_since.is_(None))
        .order_by(Unit.code, GroupChat.id))
    for code, chat_id, group_id in groups:
        recipients.setdefault(code, []).append(Recipient(chat_id, group_chat_id=group_id))
    return recipients


RowKey = tuple[int, date, int, int, str]


def rows_to_reconcile(session: Session, since: datetime) -> dict[RowKey, OutboxMessage]:
    """Rows the planner may change: planned from `since` on, and every pending row."""
    rows = session.scalars(select(OutboxMessage).where(
        or_(OutboxMessage.planned_at >= since, OutboxMessage.state == SendOutcome.PENDING.value)))
    return {_row_key(row): row for row in rows}


def _row_key(row: OutboxMessage) -> RowKey:
    return (row.deadline_id, row.due_date, row.unit_id, row.chat_id, row.slot)


def insert_planned(session: Session, sends: Sequence[tuple[PlannedSend, int, int]],
                   now: datetime) -> None:
    """Insert (send, deadline id, unit id) rows; a row another planner inserted meanwhile wins."""
    values = [{
        "deadline_id": deadline_id, "due_date": send.due_date,
        "effective_due_date": send.effective_due_date, "unit_id": unit_id,
        "chat_id": send.recipient.chat_id, "person_id": send.recipient.person_id,
        "group_chat_id": send.recipient.group_chat_id, "slot": send.slot.key,
        "planned_at": send.at, "send_after": send.at, "state": SendOutcome.PENDING.value,
        "attempts": 0, "created_at": now, "updated_at": now,
    } for send, deadline_id, unit_id in sends]
    insert = insert_for(session)
    for chunk in _chunks(values, 500):
        session.execute(insert(OutboxMessage).values(list(chunk)).on_conflict_do_nothing())


def due_pending(session: Session, now: datetime) -> list[DueSend]:
    """Pending rows whose time has come, for the catch-up rule."""
    rows = session.execute(
        select(OutboxMessage.id, OutboxMessage.deadline_id, OutboxMessage.due_date,
               OutboxMessage.unit_id, OutboxMessage.chat_id, OutboxMessage.slot,
               OutboxMessage.planned_at, OutboxMessage.effective_due_date)
        .where(OutboxMessage.state == SendOutcome.PENDING.value,
               OutboxMessage.send_after <= now))
    return [DueSend(row_id, (deadline_id, due, unit_id, chat_id), Slot.parse(slot), planned_at,
                    effective)
            for row_id, deadline_id, due, unit_id, chat_id, slot, planned_at, effective in rows]


def skip_submitted(session: Session, now: datetime,
                   report: tuple[int, date, int] | None = None) -> None:
    """Skip the pending rows of reports whose latest answer is "submitted" (only `report`'s,
    a (deadline id, due date, unit id), when given), in one statement."""
    submitted = exists().where(
        StatusUpdate.deadline_id == OutboxMessage.deadline_id,
        StatusUpdate.due_date == OutboxMessage.due_date,
        StatusUpdate.unit_id == OutboxMessage.unit_id,
        StatusUpdate.status == "submitted", status_updates.is_latest_answer())
    statement = update(OutboxMessage).where(
        OutboxMessage.state == SendOutcome.PENDING.value, submitted)
    if report is not None:
        deadline_id, due, unit_id = report
        statement = statement.where(OutboxMessage.deadline_id == deadline_id,
                                    OutboxMessage.due_date == due,
                                    OutboxMessage.unit_id == unit_id)
    session.execute(statement.values(state=SendOutcome.SKIPPED.value, updated_at=now,
                                     last_error="the unit has submitted"),
                    execution_options={"synchronize_session": False})


def set_state(session: Session, row_ids: Sequence[int], state: SendOutcome, now: datetime,
              reason: str | None = None) -> None:
    for chunk in _chunks(row_ids, 500):
        session.execute(update(OutboxMessage).where(OutboxMessage.id.in_(chunk))
                        .values(state=state.value, updated_at=now, last_error=reason))


def claim_due(session: Session, now: datetime, worker: str, limit: int) -> list[int]:
    """Mark up to `limit` due pending rows as being sent by `worker` and return their ids.

    The select and the update are one statement; on PostgreSQL rows locked by another worker
    are skipped, so two workers never claim the same row (db.claims).
    """
    due = (select(OutboxMessage.id)
           .where(OutboxMessage.state == SendOutcome.PENDING.value,
                  OutboxMessage.send_after <= now)
           .order_by(OutboxMessage.send_after, OutboxMessage.id)
           .limit(limit))
    claimed = session.scalars(
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(claimable(due, "due_outbox")),
               OutboxMessage.state == SendOutcome.PENDING.value)
        .values(state=SendOutcome.SENDING.value, claimed_by=worker, claimed_at=now,
                updated_at=now)
        .returning(OutboxMessage.id))
    return sorted(claimed)


@dataclass(frozen=True, slots=True)
class ClaimedRow:
    """A claimed row with what its message needs."""

    row: OutboxMessage
    deadline: Deadline
    unit: Unit


def claimed_rows(session: Session, row_ids: Sequence[int]) -> list[ClaimedRow]:
    rows = session.execute(
        select(OutboxMessage, Deadline, Unit)
        .join(Deadline, Deadline.id == OutboxMessage.deadline_id)
        .join(Unit, Unit.id == OutboxMessage.unit_id)
        .where(OutboxMessage.id.in_(row_ids))
        .order_by(OutboxMessage.send_after, OutboxMessage.id))
    return [ClaimedRow(row, deadline, unit) for row, deadline, unit in rows]


def mark_sent(session: Session, row_id: int, message_id: int, now: datetime) -> None:
    session.execute(update(OutboxMessage).where(OutboxMessage.id == row_id).values(
        state=SendOutcome.SENT.value, sent_at=now, telegram_message_id=message_id,
        attempts=OutboxMessage.attempts + 1, updated_at=now, last_error=None))


def mark_retry(session: Session, row_id: int, send_after: datetime, reason: str, now: datetime,
               *, counts_as_attempt: bool = True) -> None:
    session.execute(update(OutboxMessage).where(OutboxMessage.id == row_id).values(
        state=SendOutcome.PENDING.value, send_after=send_after, last_error=reason[:512],
        attempts=OutboxMessage.attempts + int(counts_as_attempt), claimed_by=None,
        updated_at=now))


def mark_failed(session: Session, row_id: int, reason: str, now: datetime) -> None:
    session.execute(update(OutboxMessage).where(OutboxMessage.id == row_id).values(
        state=SendOutcome.FAILED.value, last_error=reason[:512],
        attempts=OutboxMessage.attempts + 1, updated_at=now))


def move_chat(session: Session, old_chat_id: int, new_chat_id: int, now: datetime) -> set[int]:
    """A group became a supergroup: its open rows follow the new id.

    A row the planner already made for the new id wins (the old one is skipped, so the unique
    key holds and nothing is sent twice); returns the ids of the rows skipped that way.
    """
    open_states = [SendOutcome.PENDING.value, SendOutcome.SENDING.value]
    planned_for_new = {
        (row.deadline_id, row.due_date, row.unit_id, row.slot)
        for row in session.scalars(select(OutboxMessage).where(
            OutboxMessage.chat_id == new_chat_id))}
    skipped: set[int] = set()
    for row in session.scalars(select(OutboxMessage).where(
            OutboxMessage.chat_id == old_chat_id, OutboxMessage.state.in_(open_states))):
        if (row.deadline_id, row.due_date, row.unit_id, row.slot) in planned_for_new:
            row.state, row.last_error = SendOutcome.SKIPPED.value, "group moved: sent at its new id"
            skipped.add(row.id)
        else:
            row.chat_id = new_chat_id
        row.updated_at = now
    session.flush()
    return skipped


def mark_chat_unreachable(session: Session, chat_id: int, reason: str, now: datetime) -> None:
    """Telegram refuses this chat: flag the person or group so no more sends are planned."""
    session.execute(update(Person).where(Person.telegram_user_id == chat_id,
                                         Person.unreachable_since.is_(None))
                    .values(unreachable_since=now, unreachable_reason=reason[:256]))
    session.execute(update(GroupChat).where(GroupChat.telegram_chat_id == chat_id,
                                            GroupChat.unreachable_since.is_(None))
                    .values(unreachable_since=now, unreachable_reason=reason[:256]))


def pending_for_chat(session: Session, chat_id: int) -> list[int]:
    return list(session.scalars(select(OutboxMessage.id).where(
        OutboxMessage.chat_id == chat_id, OutboxMessage.state == SendOutcome.PENDING.value)))


def any_claimed(session: Session) -> bool:
    """Whether some row is claimed (being sent, or left so by a sender that died)."""
    return bool(session.scalar(select(exists().where(
        OutboxMessage.state == SendOutcome.SENDING.value))))


def release_stale_claims(session: Session, claimed_before: datetime, now: datetime) -> int:
    """Rows claimed by a sender that died before recording a result go back to pending."""
    result = session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.state == SendOutcome.SENDING.value,
               OutboxMessage.claimed_at <= claimed_before)
        .values(state=SendOutcome.PENDING.value, claimed_by=None, updated_at=now)
        .returning(OutboxMessage.id))
    return len(result.all())


def release_claims_of(session: Session, worker: str, now: datetime) -> int:
    result = session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.state == SendOutcome.SENDING.value,
               OutboxMessage.claimed_by == worker)
        .values(state=SendOutcome.PENDING.value, claimed_by=None, updated_at=now)
        .returning(OutboxMessage.id))
    return len(result.all())


def next_send_times(session: Session, after: datetime, limit: int) -> list[datetime]:
    """The next distinct times at which pending rows become due."""
    return list(session.scalars(
        select(OutboxMessage.send_after).distinct()
        .where(OutboxMessage.state == SendOutcome.PENDING.value,
               OutboxMessage.send_after > after)
        .order_by(OutboxMessage.send_after).limit(limit)))


def listing(session: Session, states: Iterable[SendOutcome], limit: int, *,
            upcoming_first: bool = True) -> list[tuple[OutboxMessage, str, str, str]]:
    """Rows in `states` with deadline code, unit code and recipient name, soonest first (or
    most recently changed first)."""
    order = (OutboxMessage.send_after.asc() if upcoming_first
             else OutboxMessage.updated_at.desc())
    rows = session.execute(
        select(OutboxMessage, Deadline.code, Unit.code,
               func.coalesce(Person.full_name, GroupChat.title, ""))
        .join(Deadline, Deadline.id == OutboxMessage.deadline_id)
        .join(Unit, Unit.id == OutboxMessage.unit_id)
        .outerjoin(Person, Person.id == OutboxMessage.person_id)
        .outerjoin(GroupChat, GroupChat.id == OutboxMessage.group_chat_id)
        .where(OutboxMessage.state.in_([state.value for state in states]))
        .order_by(order, OutboxMessage.id).limit(limit))
    return [(row, deadline, unit, name) for row, deadline, unit, name in rows]


def oldest_due_pending(session: Session, now: datetime) -> datetime | None:
    """When the longest-waiting pending send became due, if one is due at `now`."""
    return session.scalar(select(func.min(OutboxMessage.send_after)).where(
        OutboxMessage.state == SendOutcome.PENDING.value, OutboxMessage.send_after <= now))


def count_by_state(session: Session) -> dict[str, int]:
    rows = session.execute(select(OutboxMessage.state, func.count()).group_by(OutboxMessage.state))
    return {state: count for state, count in rows}


def _chunks(values: Sequence[T], size: int) -> Iterable[Sequence[T]]:
    for start in range(0, len(values), size):
        yield values[start:start + size]
