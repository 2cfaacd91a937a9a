"""Notices: messages a use case leaves for the running bot to send (kind + data, rendered in
the bot's language when sent by scheduler.notices)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from db import notices

MAX_NOTICE_ATTEMPTS = 5


@dataclass(frozen=True, slots=True)
class PendingNotice:
    notice_id: int
    chat_id: int
    kind: str
    payload: dict[str, Any]
    attempts: int


def leave_notice(session: Session, chat_id: int, person_id: int | None, kind: str,
                 payload: dict[str, object], now: datetime) -> None:
    """Queue a notice in the caller's unit of work: it is sent only if that commits."""
    notices.add(session, chat_id, person_id, kind, payload, now)


def pending_notices(session: Session, limit: int = 50) -> list[PendingNotice]:
    return [PendingNotice(row.id, row.chat_id, row.kind, dict(row.payload), row.attempts)
            for row in notices.pending(session, limit)]


def record_sent(session: Session, notice_id: int, now: datetime) -> None:
    notices.mark_sent(session, notice_id, now)


def record_failure(session: Session, notice: PendingNotice, now: datetime, error: str,
                   *, final: bool = False) -> None:
    """Count a failed attempt; give up after MAX_NOTICE_ATTEMPTS or when `final` (the chat is
    unreachable)."""
    give_up = final or notice.attempts + 1 >= MAX_NOTICE_ATTEMPTS
    notices.mark_failed(session, notice.notice_id, now, error, give_up)
