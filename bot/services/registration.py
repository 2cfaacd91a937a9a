"""Registration: invites for a unit or the office, redeeming them, and access requests."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy.orm import Session

from bot.domain.audit_actions import AuditAction
from bot.domain.errors import (
    AlreadyRegistered,
    ExpiredInvite,
    GroupInviteInPrivateChat,
    InvalidInvite,
    MalformedInvite,
    RequestAlreadyHandled,
    RevokedInvite,
    UnknownInvite,
    UsedInvite,
)
from bot.domain.roles import require
from bot.services.audit import record_change
from bot.services.people import Caller, admin_chat_ids, describe
from bot.services.units import active_unit, refuse_reorganised_unit
from db import access_requests, invites, memberships, people, units
from db.models import AccessRequest, Invite

InviteRole = Literal["officer", "head", "office"]
INVITE_LIFETIME = timedelta(days=7)
TOKEN_BYTES = 24  # 192 bits; 32 URL-safe characters, inside Telegram's 64-character deep link
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,64}")
OFFICE_NAME = "Văn phòng UBND tỉnh"


@dataclass(frozen=True, slots=True)
class InviteView:
    """An invite as admins see it (the token itself is only known when created)."""

    invite_id: int
    role: InviteRole
    unit_code: str | None
    unit_name: str
    expires_at: datetime
    uses_left: int
    for_group: bool = False  # registers a group chat (t.me/<bot>?startgroup=<token>)


@dataclass(frozen=True, slots=True)
class CreatedInvite:
    invite: InviteView
    token: str


@dataclass(frozen=True, slots=True)
class Registration:
    """Who now holds which role, and which admins should hear of it."""

    person: Caller
    role: InviteRole
    unit_code: str | None
    unit_name: str
    notify_chat_ids: tuple[int, ...]


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_invite_token() -> tuple[str, str]:
    """A fresh token (shown once, in the link) and the hash stored in its place."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, _hash(token)


def _view(invite: Invite, unit_code: str | None, unit_name: str | None) -> InviteView:
    role: InviteRole = invite.role  # type: ignore[assignment]  # checked by the schema
    return InviteView(invite.id, role, unit_code, unit_name or OFFICE_NAME, invite.expires_at,
                      invite.max_uses - invite.uses, invite.for_group)


def create_invite(session: Session, actor: Caller, unit_code: str | None, role: InviteRole,
                  now: datetime, lifetime: timedelta = INVITE_LIFETIME, *,
                  for_group: bool = False) -> CreatedInvite:
    """A new single-use invite for a unit's officer or head, or for the provincial office.

    With `for_group` it registers a group chat for the unit (role officer) or the office.
    """
    require(actor.roles, "invite")
    if for_group and role == "head":
        raise ValueError("a group chat cannot be a unit's head")
    unit = active_unit(session, unit_code) if role != "office" and unit_code else None
    token, token_hash = new_invite_token()
    invite = invites.add(session, Invite(
        token_hash=token_hash, unit_id=unit.id if unit else None, role=role,
        created_by=actor.person_id, created_at=now, expires_at=now + lifetime,
        for_group=for_group))
    view = _view(invite, unit.code if unit else None, unit.name if unit else None)
    record_change(session, actor.person_id, AuditAction.INVITE_CREATE, f"invite #{invite.id}", now,
                  after={"role": role, "unit": view.unit_code,
                         **({"group": True} if for_group else {}),
                         "expires_at": view.expires_at.isoformat()})
    return CreatedInvite(view, token)


def redeem_invite(session: Session, caller: Caller, token: str,
                  now: datetime) -> Registration:
    """Give the person the invite's role; raise why the token cannot be used otherwise."""
    invite = usable_invite(session, token, now)
    if invite.for_group:
        raise GroupInviteInPrivateChat()
    person = people.get(session, caller.person_id)
    if invite.role == "office":
        if person.is_office:
            raise AlreadyRegistered(unit=OFFICE_NAME)
        people.set_flags(session, person, is_office=True)
        unit_code, unit_name = None, OFFICE_NAME
    else:
        assert invite.unit_id is not None  # the schema ties unit invites to a unit
        unit = units.get_row(session, invite.unit_id)
        _join_unit(session, person.id, unit.id, unit.name, invite.role == "head", now)
        unit_code, unit_name = unit.code, unit.name
    if not invites.claim_use(session, invite.id):
        raise UsedInvite()
    record_change(session, person.id, AuditAction.PERSON_REGISTER, caller.full_name, now,
                  after={"role": invite.role, "unit": unit_code, "invite": invite.id})
    role: InviteRole = invite.role  # type: ignore[assignment]  # checked by the schema
    return Registration(describe(session, person), role, unit_code, unit_name,
                        tuple(admin_chat_ids(session)))


def usable_invite(session: Session, token: str, now: datetime) -> Invite:
    """The invite behind `token`, if it can still be used; raise why not otherwise."""
    if not _TOKEN_SHAPE.fullmatch(token):
        raise MalformedInvite()
    invite = invites.find_by_hash(session, _hash(token))
    if invite is None:
        raise InvalidInvite()
    if invite.unit_id is not None:
        refuse_reorganised_unit(session, units.get_row(session, invite.unit_id).code)
    if invite.revoked_at is not None:
        raise RevokedInvite()
    if invite.expires_at <= now:
        raise ExpiredInvite()
    if invite.uses >= invite.max_uses:
        raise UsedInvite()
    return invite


def _join_unit(session: Session, person_id: int, unit_id: int, unit_name: str, as_head: bool,
               now: datetime) -> None:
    existing = memberships.find(session, person_id, unit_id)
    if existing is None:
        memberships.add(session, person_id, unit_id, as_head, now)
    elif as_head and not existing.is_head:
        existing.is_head = True
    else:
        raise AlreadyRegistered(unit=unit_name)


def list_open_invites(session: Session, actor: Caller, now: datetime) -> list[InviteView]:
    """Invites that can still be used, oldest first."""
    require(actor.roles, "invites")
    return [_view(invite, unit.code if unit else None, unit.name if unit else None)
            for invite, unit in invites.open_invites(session, now)]


def revoke_invite(session: Session, actor: Caller, invite_id: int, now: datetime) -> InviteView:
    """Make an open invite unusable."""
    require(actor.roles, "revoke_invite")
    found = next(((invite, unit) for invite, unit in invites.open_invites(session, now)
                  if invite.id == invite_id), None)
    if found is None:
        raise UnknownInvite(ref=f"#{invite_id}")
    invite, unit = found
    invite.revoked_at = now
    record_change(session, actor.person_id, AuditAction.INVITE_REVOKE, f"invite #{invite_id}", now,
                  before={"revoked": False}, after={"revoked": True})
    return _view(invite, unit.code if unit else None, unit.name if unit else None)


@dataclass(frozen=True, slots=True)
class AccessRequestView:
    request_id: int
    person_name: str
    username: str | None
    telegram_user_id: int
    notify_chat_ids: tuple[int, ...]


def request_access(session: Session, caller: Caller, now: datetime) -> AccessRequestView | None:
    """Record that a person without a role asks to join; None if one is already pending."""
    if access_requests.pending_of(session, caller.person_id) is not None:
        return None
    request = access_requests.add(session, AccessRequest(person_id=caller.person_id,
                                                         created_at=now))
    person = people.get(session, caller.person_id)
    return AccessRequestView(request.id, person.full_name, person.username,
                             person.telegram_user_id, tuple(admin_chat_ids(session)))


def approve_request(session: Session, actor: Caller, request_id: int, unit_code: str,
                    now: datetime) -> Registration:
    """Place a person who asked for access as an officer of `unit_code`."""
    require(actor.roles, "invite")
    request = access_requests.get(session, request_id)
    if request is None or request.resolved_at is not None:
        raise RequestAlreadyHandled()
    unit = active_unit(session, unit_code)
    person = people.get(session, request.person_id)
    _join_unit(session, person.id, unit.id, unit.name, False, now)
    request.resolved_at, request.resolved_by, request.unit_id = now, actor.person_id, unit.id
    record_change(session, actor.person_id, AuditAction.PERSON_APPROVE, person.full_name, now,
                  after={"role": "officer", "unit": unit.code, "request": request_id})
    return Registration(describe(session, person), "officer", unit.code, unit.name,
                        tuple(admin_chat_ids(session)))


def reject_request(session: Session, actor: Caller, request_id: int,
                   now: datetime) -> tuple[str, int]:
    """Close a pending access request without a role; return the person's name and chat."""
    require(actor.roles, "invite")
    request = access_requests.get(session, request_id)
    if request is None or request.resolved_at is not None:
        raise RequestAlreadyHandled()
    request.resolved_at, request.resolved_by = now, actor.person_id
    person = people.get(session, request.person_id)
    record_change(session, actor.person_id, AuditAction.PERSON_REJECT, person.full_name, now,
                  after={"request": request_id})
    return person.full_name, person.telegram_user_id
