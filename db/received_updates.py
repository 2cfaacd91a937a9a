"""Queries of the webhook's received update ids: the record that handles each update once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.orm import Session

from db.dialect import insert_for
from db.models import ReceivedUpdate


def record(session: Session, update_id: int, now: datetime) -> bool:
    """Record the update as received; False if it already was (a repeated delivery)."""
    insert = insert_for(session)
    stored = session.scalar(
        insert(ReceivedUpdate).values(update_id=update_id, received_at=now)
        .on_conflict_do_nothing(index_elements=["update_id"])
        .returning(ReceivedUpdate.update_id))
    return stored is not None


def forget_before(session: Session, cutoff: datetime) -> int:
    """Delete the ids received before `cutoff`; return how many."""
    result = session.execute(delete(ReceivedUpdate).where(ReceivedUpdate.received_at < cutoff))
    return int(result.rowcount)  # type: ignore[attr-defined]
