"""The audit log: append and read back."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import AuditEntry, Person


def append(session: Session, *, at: datetime, actor_id: int | None, action: str, subject: str,
           before: dict[str, object] | None, after: dict[str, object] | None) -> None:
    session.add(AuditEntry(at=at, actor_id=actor_id, action=action, subject=subject[:256],
                           before=before, after=after))


def latest(session: Session, limit: int) -> list[tuple[AuditEntry, Person | None]]:
    rows = session.execute(
        select(AuditEntry, Person).outerjoin(Person, Person.id == AuditEntry.actor_id)
        .order_by(AuditEntry.id.desc()).limit(limit))
    return [(entry, person) for entry, person in rows]
