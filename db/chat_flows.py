"""Queries about half-finished multi-step chat flows (one per person and chat)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from db.models import ChatFlow


def find(session: Session, chat_id: int, telegram_user_id: int) -> ChatFlow | None:
    """The flow this person has open in this chat, expired or not."""
    return session.scalars(select(ChatFlow).where(
        ChatFlow.chat_id == chat_id, ChatFlow.telegram_user_id == telegram_user_id)
    ).one_or_none()


def get(session: Session, flow_id: int) -> ChatFlow | None:
    return session.get(ChatFlow, flow_id)


def replace(session: Session, chat_id: int, telegram_user_id: int, name: str, step: str,
            data: dict[str, object], now: datetime, expires_at: datetime) -> ChatFlow:
    """Store a new flow for this person and chat, deleting the one they had (if any).

    The old row is deleted and a new one inserted, never updated in place: the new flow starts
    from nothing. (SQLite may give it the old id again; the caller's data tells them apart.)
    """
    session.execute(delete(ChatFlow).where(
        ChatFlow.chat_id == chat_id, ChatFlow.telegram_user_id == telegram_user_id))
    row = ChatFlow(chat_id=chat_id, telegram_user_id=telegram_user_id, name=name, step=step,
                   data=data, started_at=now, updated_at=now, expires_at=expires_at)
    session.add(row)
    session.flush()
    return row


def move(session: Session, flow_id: int, from_step: str, step: str, data: dict[str, object],
         now: datetime, expires_at: datetime) -> bool:
    """Set the step and data of a flow still at `from_step`; False if it moved on or is gone."""
    result = session.execute(
        update(ChatFlow).where(ChatFlow.id == flow_id, ChatFlow.step == from_step)
        .values(step=step, data=data, updated_at=now, expires_at=expires_at)
        .execution_options(synchronize_session=False))
    return result.rowcount == 1  # type: ignore[attr-defined, no-any-return]


def remove(session: Session, flow_id: int, step: str | None = None) -> bool:
    """Delete a flow (only if still at `step`, when given); False if it was already gone."""
    statement = delete(ChatFlow).where(ChatFlow.id == flow_id)
    if step is not None:
        statement = statement.where(ChatFlow.step == step)
    result = session.execute(statement.execution_options(synchronize_session=False))
    return result.rowcount == 1  # type: ignore[attr-defined, no-any-return]
