"""Queries about invite links."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db.models import Invite, Unit


def add(session: Session, invite: Invite) -> Invite:
    session.add(invite)
    session.flush()
    return invite


def find_by_hash(session: Session, token_hash: str) -> Invite | None:
    return session.scalars(select(Invite).where(Invite.token_hash == token_hash)).one_or_none()


def get(session: Session, invite_id: int) -> Invite | None:
    return session.get(Invite, invite_id)


def claim_use(session: Session, invite_id: int) -> bool:
    """Count one use if the invite still has one; False if a concurrent use took the last."""
    result = session.execute(
        update(Invite)
        .where(Invite.id == invite_id, Invite.uses < Invite.max_uses,
               Invite.revoked_at.is_(None))
        .values(uses=Invite.uses + 1)
        .execution_options(synchronize_session=False))
    return result.rowcount == 1  # type: ignore[attr-defined, no-any-return]


def open_invites(session: Session, now: datetime) -> list[tuple[Invite, Unit | None]]:
    rows = session.execute(
        select(Invite, Unit).outerjoin(Unit, Unit.id == Invite.unit_id)
        .where(Invite.revoked_at.is_(None), Invite.expires_at > now,
               Invite.uses < Invite.max_uses)
        .order_by(Invite.id))
    return [(invite, unit) for invite, unit in rows]


def revoke(session: Session, invite_id: int, now: datetime) -> None:
    session.execute(update(Invite).where(Invite.id == invite_id, Invite.revoked_at.is_(None))
                    .values(revoked_at=now))


def add_all(session: Session, rows: list[Invite]) -> list[Invite]:
    """Store every invite in one flush (one batched INSERT); their ids are set on return."""
    session.add_all(rows)
    session.flush()
    return rows


def open_unit_invites(session: Session, groups: Collection[str], now: datetime,
                      up_to_id: int | None = None) -> list[int]:
    """Ids of the open invites (person or group) of units in `groups`, oldest first; with
    `up_to_id`, only those numbered up to it."""
    statement = (
        select(Invite.id).join(Unit, Unit.id == Invite.unit_id)
        .where(Unit.unit_group.in_(sorted(groups)), Invite.revoked_at.is_(None),
               Invite.expires_at > now, Invite.uses < Invite.max_uses)
        .order_by(Invite.id))
    if up_to_id is not None:
        statement = statement.where(Invite.id <= up_to_id)
    return list(session.scalars(statement))


def revoke_open(session: Session, invite_ids: Collection[int], now: datetime) -> int:
    """Revoke those of `invite_ids` still open at `now`; how many were (one statement, so a
    registration racing it either used its invite first or finds it revoked)."""
    if not invite_ids:
        return 0
    result = session.execute(
        update(Invite)
        .where(Invite.id.in_(sorted(invite_ids)), Invite.revoked_at.is_(None),
               Invite.expires_at > now, Invite.uses < Invite.max_uses)
        .values(revoked_at=now)
        .execution_options(synchronize_session=False))
    return result.rowcount  # type: ignore[attr-defined, no-any-return]
