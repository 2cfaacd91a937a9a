"""Invites for a whole group of units at once, and revoking a group's open invites.

One audit entry per command, not one per invite: /audit stays readable after inviting 124
communes, and the invites themselves keep the detail (each row has its creator and creation
time, equal for a batch; a revoked row its revocation time, the entry's time).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from sqlalchemy.orm import Session

from bot.domain.audit_actions import AuditAction
from bot.domain.errors import NoOpenInvites, NoUnitsToInvite
from bot.domain.onboarding import BulkInviteRequest, BulkRole, units_to_invite
from bot.domain.roles import require
from bot.domain.units import GROUP_WORDS, UnitGroup
from bot.services.audit import record_change
from bot.services.people import Caller
from bot.services.registration import INVITE_LIFETIME, new_invite_token
from db import invites, units
from db.models import Invite

FILES_NOT_DELIVERED = "files_not_delivered"  # the audit's reason for withdrawing a batch


@dataclass(frozen=True, slots=True)
class UnitInvite:
    """One unit's new invite; the token exists only here (the database keeps its hash)."""

    invite_id: int
    unit_code: str
    unit_name: str
    group: UnitGroup
    token: str


@dataclass(frozen=True, slots=True)
class BulkInvites:
    """The invites one `/invite <group word>` created, in the order units were added."""

    selection: str
    role: BulkRole
    created_at: datetime
    expires_at: datetime
    invites: tuple[UnitInvite, ...]
    skipped: int  # units of the group not followed today (disabled, reorganised, not started)


@dataclass(frozen=True, slots=True)
class OpenInvites:
    """The open invites of a selection's units when an admin asked to revoke them: how many,
    and the highest number among them (a Yes revokes only those, not newer ones)."""

    selection: str
    count: int
    last_id: int


def create_bulk_invites(session: Session, actor: Caller, request: BulkInviteRequest,
                        now: datetime, tz: tzinfo) -> BulkInvites:
    """A single-use invite for each unit of the selection followed today (not disabled, not
    closed by a reorganisation), all in this unit of work; raise NoUnitsToInvite when the
    selection has none."""
    require(actor.roles, "invite")
    every = units.all_units(session)
    chosen = units_to_invite(every, request.selection, now.astimezone(tz).date())
    if not chosen:
        raise NoUnitsToInvite(selection=request.selection)
    ids, expires_at = units.ids_by_code(session), now + INVITE_LIFETIME
    tokens = [new_invite_token() for _ in chosen]
    rows = invites.add_all(session, [
        Invite(token_hash=token_hash, unit_id=ids[unit.code], role=request.role,
               created_by=actor.person_id, created_at=now, expires_at=expires_at)
        for unit, (_token, token_hash) in zip(chosen, tokens, strict=True)])
    record_change(session, actor.person_id, AuditAction.INVITE_BULK_CREATE, request.selection,
                  now, after={"role": request.role, "count": len(rows),
                              "first": rows[0].id, "last": rows[-1].id,
                              "expires_at": expires_at.isoformat()})
    return BulkInvites(request.selection, request.role, now, expires_at, tuple(
        UnitInvite(row.id, unit.code, unit.name, unit.group, token)
        for row, unit, (token, _hash) in zip(rows, chosen, tokens, strict=True)),
        skipped=sum(unit.group in GROUP_WORDS[request.selection] for unit in every) - len(chosen))


def open_invites_of(session: Session, actor: Caller, selection: str,
                    now: datetime) -> OpenInvites:
    """How many invites of the selection's units (any role, person or group, disabled units
    included) are open now: what a bulk revoke asks to confirm; raise NoOpenInvites if none."""
    require(actor.roles, "revoke_invite")
    found = invites.open_unit_invites(session, _groups(selection), now)
    if not found:
        raise NoOpenInvites(selection=selection)
    return OpenInvites(selection, len(found), found[-1])


def revoke_invites_of(session: Session, actor: Caller, selection: str, last_id: int,
                      now: datetime) -> int:
    """Revoke the selection's invites still open and numbered up to `last_id` (those counted
    when the admin was asked); how many were revoked (0 changes nothing and is not audited)."""
    require(actor.roles, "revoke_invite")
    found = invites.open_unit_invites(session, _groups(selection), now, up_to_id=last_id)
    revoked = invites.revoke_open(session, found, now)
    if revoked:
        record_change(session, actor.person_id, AuditAction.INVITE_BULK_REVOKE, selection, now,
                      after={"count": revoked})
    return revoked


def withdraw_bulk_invites(session: Session, actor: Caller, batch: BulkInvites,
                          now: datetime) -> int:
    """Revoke a batch whose links never reached the admin (its files could not be made or
    sent): nobody holds them, so nothing is left open that nobody can hand out."""
    revoked = invites.revoke_open(session, [invite.invite_id for invite in batch.invites], now)
    record_change(session, actor.person_id, AuditAction.INVITE_BULK_REVOKE, batch.selection,
                  now, after={"count": revoked, "reason": FILES_NOT_DELIVERED})
    return revoked


def _groups(selection: str) -> list[str]:
    return sorted(group.value for group in GROUP_WORDS[selection])
