"""Queries about the dashboard's login links and browser sessions (looked up by token hash)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from db.models import Person, WebLogin, WebSession

# Expired rows are kept this long after expiry so a late click still hears "expired".
KEPT_AFTER_EXPIRY_HOURS = 24


def add_login(session: Session, login: WebLogin) -> WebLogin:
    session.add(login)
    session.flush()
    return login


def find_login(session: Session, token_hash: str) -> WebLogin | None:
    return session.scalars(select(WebLogin).where(WebLogin.token_hash == token_hash)
                           ).one_or_none()


def claim_login(session: Session, login_id: int, now: datetime) -> bool:
    """Mark the link used if nobody has; False when a concurrent click used it first."""
    result = session.execute(
        update(WebLogin).where(WebLogin.id == login_id, WebLogin.used_at.is_(None))
        .values(used_at=now).execution_options(synchronize_session=False))
    return result.rowcount == 1  # type: ignore[attr-defined, no-any-return]


def add_session(session: Session, web_session: WebSession) -> WebSession:
    session.add(web_session)
    session.flush()
    return web_session


def session_owner(session: Session, token_hash: str, now: datetime) -> Person | None:
    """The person signed in with this cookie, if the session has not expired."""
    return session.scalars(
        select(Person).join(WebSession, WebSession.person_id == Person.id)
        .where(WebSession.token_hash == token_hash, WebSession.expires_at > now)
    ).one_or_none()


def end_session(session: Session, token_hash: str) -> None:
    session.execute(delete(WebSession).where(WebSession.token_hash == token_hash))


def forget_expired(session: Session, before: datetime) -> None:
    """Remove the links and sessions that expired before `before`."""
    session.execute(delete(WebLogin).where(WebLogin.expires_at < before))
    session.execute(delete(WebSession).where(WebSession.expires_at < before))
