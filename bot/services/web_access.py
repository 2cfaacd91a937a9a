"""Who may open the dashboard: login links sent by /web, browser sessions, Mini App data.

Each function takes a session, plain values and `now`; none commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from bot.domain.errors import (
    ExpiredLoginLink,
    UnitsNoLongerFollowed,
    UnknownLoginLink,
    UsedLoginLink,
)
from bot.domain.roles import Role, require
from bot.domain.web_auth import (
    LOGIN_LINK_LIFETIME,
    SESSION_LIFETIME,
    looks_like_token,
    new_token,
    token_digest,
    validate_init_data,
)
from bot.services.people import Caller, describe
from db import people, web_logins
from db.models import WebLogin, WebSession

_KEPT_AFTER_EXPIRY = timedelta(hours=web_logins.KEPT_AFTER_EXPIRY_HOURS)


@dataclass(frozen=True, slots=True)
class IssuedToken:
    """A secret handed out once (link or cookie) and when it stops working."""

    token: str
    expires_at: datetime


def create_login_link(session: Session, caller: Caller, now: datetime) -> IssuedToken:
    """A single-use login token for the caller, valid LOGIN_LINK_LIFETIME (/web). Raise
    NotAllowed (UnitsNoLongerFollowed) for anyone the dashboard would refuse."""
    visible_units(caller)
    web_logins.forget_expired(session, now - _KEPT_AFTER_EXPIRY)
    token = new_token()
    web_logins.add_login(session, WebLogin(
        token_hash=token_digest(token), person_id=caller.person_id, created_at=now,
        expires_at=now + LOGIN_LINK_LIFETIME))
    return IssuedToken(token, now + LOGIN_LINK_LIFETIME)


def open_login_link(session: Session, token: str, now: datetime) -> IssuedToken:
    """Use the link's token up and start a browser session for its owner.

    Raise UnknownLoginLink, UsedLoginLink or ExpiredLoginLink when it cannot be used.
    """
    login = None
    if looks_like_token(token):  # anything else cannot be one of ours: no lookup
        login = web_logins.find_login(session, token_digest(token))
    if login is None:
        raise UnknownLoginLink()
    if login.used_at is not None:
        raise UsedLoginLink()
    if login.expires_at <= now:
        raise ExpiredLoginLink()
    if not web_logins.claim_login(session, login.id, now):
        raise UsedLoginLink()
    cookie = new_token()
    web_logins.add_session(session, WebSession(
        token_hash=token_digest(cookie), person_id=login.person_id, created_at=now,
        expires_at=now + SESSION_LIFETIME))
    return IssuedToken(cookie, now + SESSION_LIFETIME)


def session_viewer(session: Session, cookie: str, now: datetime) -> Caller | None:
    """The person signed in with this session cookie, with their roles now; None if the
    session is unknown or expired."""
    if not looks_like_token(cookie):
        return None
    person = web_logins.session_owner(session, token_digest(cookie), now)
    return None if person is None else describe(session, person)


def end_session(session: Session, cookie: str) -> None:
    """Sign the browser out: its cookie no longer opens anything."""
    web_logins.end_session(session, token_digest(cookie))


def mini_app_viewer(session: Session, init_data: str, bot_token: str, now: datetime) -> Caller:
    """The person who opened the Mini App, with their roles now (none if the bot has never
    seen them). Raise InvalidInitData or ExpiredInitData for data Telegram did not sign
    within the last hour."""
    user = validate_init_data(init_data, bot_token, now)
    person = people.find_by_telegram_id(session, user.telegram_user_id)
    if person is None:
        return Caller(0, user.telegram_user_id, "", frozenset({Role.EVERYONE}))
    return describe(session, person)


def visible_units(viewer: Caller) -> frozenset[str] | None:
    """The unit codes the viewer may see on the dashboard: None for every unit, disabled ones
    included (the office and admins); for officers, their own units still followed. Raise
    UnitsNoLongerFollowed for an officer whose every unit is disabled (their history stays
    with the office), NotAllowed for anyone else."""
    if viewer.roles & {Role.OFFICE, Role.ADMIN}:
        return None
    require(viewer.roles, "web")  # NotAllowed unless an officer
    followed = frozenset(unit.code for unit in viewer.units if unit.active)
    if not followed:
        raise UnitsNoLongerFollowed(units=[unit.name for unit in viewer.units])
    return followed
