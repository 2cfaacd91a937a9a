"""Queries about notices: messages left for the running bot to send."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db.models import Notice


def add(session: Session, chat_id: int, person_id: int | None, kind: str,
        payload: dict[str, object], now: datetime) -> None:
    session.add(Notice(chat_id=chat_id, person_id=person_id, kind=kind, payload=payload,
                       created_at=now, attempts=0))


def pending(session: Session, limit: int) -> list[Notice]:
    """The oldest notices neither sent nor given up."""
    return list(session.scalars(
        select(Notice).where(Notice.sent_at.is_(None), Notice.failed_at.is_(None))
        .order_by(Notice.id).limit(limit)))


def mark_sent(session: Session, notice_id: int, now: datetime) -> None:
    session.execute(update(Notice).where(Notice.id == notice_id)
                    .values(sent_at=now, attempts=Notice.attempts + 1))


def mark_failed(session: Session, notice_id: int, now: datetime, error: str,
                give_up: bool) -> None:
    session.execute(update(Notice).where(Notice.id == notice_id)
                    .values(attempts=Notice.attempts + 1, last_error=error[:512],
                            failed_at=now if give_up else None))
