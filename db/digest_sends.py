"""Queries of the scheduled digests: who receives them, and the record that sends each once."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from db import group_chats
from db.dialect import insert_for
from db.models import DigestSend, Person


def office_chat_ids(session: Session) -> list[int]:
    """Private chats of the office's people, then the office's groups, that the bot can reach."""
    groups = [group.telegram_chat_id for group in group_chats.office_group_chats(session)]
    return [*office_people_chat_ids(session), *groups]


def unclaimed_chats(session: Session, subject: str, day: date, chat_ids: Iterable[int]
                    ) -> list[int]:
    """The chats in `chat_ids` with no record of this digest on `day`, in the order given."""
    done = set(session.scalars(select(DigestSend.chat_id).where(
        DigestSend.subject == subject, DigestSend.day == day)))
    return [chat_id for chat_id in chat_ids if chat_id not in done]


def claim(session: Session, subject: str, day: date, chat_ids: Iterable[int],
          now: datetime) -> list[tuple[int, int]]:
    """Record the digest as being sent to each chat, unless it already was (by this or another
    process); return (row id, chat id) of the chats this call claimed."""
    insert = insert_for(session)
    claimed: list[tuple[int, int]] = []
    for chat_id in chat_ids:
        row_id = session.scalar(
            insert(DigestSend)
            .values(subject=subject, day=day, chat_id=chat_id, state="sending", claimed_at=now,
                    parts=0)
            .on_conflict_do_nothing(index_elements=["subject", "day", "chat_id"])
            .returning(DigestSend.id))
        if row_id is not None:
            claimed.append((row_id, chat_id))
    return claimed


def mark_sent(session: Session, row_id: int, parts: int, now: datetime) -> None:
    session.execute(update(DigestSend).where(DigestSend.id == row_id)
                    .values(state="sent", sent_at=now, parts=parts, last_error=None))


def mark_failed(session: Session, row_id: int, reason: str, now: datetime) -> None:
    session.execute(update(DigestSend).where(DigestSend.id == row_id)
                    .values(state="failed", sent_at=now, last_error=reason[:512]))


def release(session: Session, row_ids: Iterable[int]) -> int:
    """Forget claims that were not sent, so the next pass claims them again."""
    ids = list(row_ids)
    if not ids:
        return 0
    result = session.execute(delete(DigestSend).where(DigestSend.id.in_(ids),
                                                      DigestSend.state == "sending"))
    return result.rowcount  # type: ignore[attr-defined, no-any-return]


def stale_claims(session: Session, claimed_before: datetime) -> list[int]:
    """Claims older than `claimed_before` whose sender never recorded a result (it died)."""
    return list(session.scalars(select(DigestSend.id).where(
        DigestSend.state == "sending", DigestSend.claimed_at <= claimed_before)))


def sent_on(session: Session, day: date) -> list[tuple[str, int, str]]:
    """(subject, chat id, state) of the digests recorded for `day`."""
    rows = session.execute(select(DigestSend.subject, DigestSend.chat_id, DigestSend.state)
                           .where(DigestSend.day == day).order_by(DigestSend.id))
    return [(subject, chat_id, state) for subject, chat_id, state in rows]


def office_people_chat_ids(session: Session) -> list[int]:
    """Private chats of the office's people that the bot can reach (no groups)."""
    return list(session.scalars(
        select(Person.telegram_user_id)
        .where(Person.is_office, Person.unreachable_since.is_(None)).order_by(Person.id)))
