"""The audit trail of configuration and membership changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.domain.audit_actions import AuditAction
from bot.domain.roles import require
from bot.services.people import Caller
from db import audit

Snapshot = dict[str, object]
DEFAULT_AUDIT_LINES = 20
MAX_AUDIT_LINES = 100


@dataclass(frozen=True, slots=True)
class AuditLine:
    """One audit entry as people read it."""

    at: datetime
    actor: str
    action: str
    subject: str
    before: Snapshot | None
    after: Snapshot | None


def record_change(session: Session, actor_id: int | None, action: AuditAction, subject: str,
                  now: datetime, *, before: Snapshot | None = None,
                  after: Snapshot | None = None) -> None:
    """Append who changed what, from which state to which, in the caller's unit of work."""
    audit.append(session, at=now, actor_id=actor_id, action=action.value, subject=subject,
                 before=before, after=after)


def latest_changes(session: Session, limit: int) -> list[AuditLine]:
    """The `limit` most recent entries, newest first."""
    return [
        AuditLine(entry.at, person.full_name if person else "system", entry.action,
                  entry.subject, entry.before, entry.after)
        for entry, person in audit.latest(session, limit)
    ]


def audit_log(session: Session, actor: Caller, limit: int = DEFAULT_AUDIT_LINES) -> list[AuditLine]:
    """The latest changes for an admin (/audit), newest first, at most MAX_AUDIT_LINES."""
    require(actor.roles, "audit")
    return latest_changes(session, min(max(limit, 1), MAX_AUDIT_LINES))
