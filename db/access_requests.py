"""Queries about people waiting for an admin to place them in a unit."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import AccessRequest


def pending_of(session: Session, person_id: int) -> AccessRequest | None:
    return session.scalars(select(AccessRequest).where(
        AccessRequest.person_id == person_id, AccessRequest.resolved_at.is_(None))).first()


def get(session: Session, request_id: int) -> AccessRequest | None:
    return session.get(AccessRequest, request_id)


def add(session: Session, request: AccessRequest) -> AccessRequest:
    session.add(request)
    session.flush()
    return request
