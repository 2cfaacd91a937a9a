"""Use cases about who serves where: profile, leaving, listing, removing, admin rights."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.domain.audit_actions import AuditAction
from bot.domain.errors import HeadNotServing, LastAdmin, NotAMember, UnknownPerson, WrongUsage
from bot.domain.roles import require
from bot.services.audit import record_change
from bot.services.people import Caller, UnitRole, describe
from bot.services.units import active_unit
from db import memberships, people
from db.models import Person


@dataclass(frozen=True, slots=True)
class PersonLine:
    """A registered person as admins see them in lists."""

    telegram_user_id: int
    full_name: str
    username: str | None
    is_admin: bool
    is_office: bool
    units: tuple[UnitRole, ...]


@dataclass(frozen=True, slots=True)
class RoleChange:
    """The person's roles after a change (to refresh their command menu) and what changed."""

    person: Caller
    units_left: tuple[str, ...] = ()


def leave_unit(session: Session, caller: Caller, unit_code: str | None,
               now: datetime) -> RoleChange:
    """Stop serving `unit_code` (or the only unit the person serves)."""
    require(caller.roles, "leave")
    codes = [unit.code for unit in caller.units]
    if unit_code is None and len(codes) > 1:
        raise WrongUsage(usage="/leave <mã đơn vị>", example=f"/leave {codes[0]}")
    unit = active_unit(session, unit_code) if unit_code else None
    code = unit.code if unit else codes[0]
    membership = next((m for m, u in memberships.of_person(session, caller.person_id)
                       if u.code == code), None)
    if membership is None:
        raise NotAMember(unit=code)
    memberships.remove(session, membership)
    record_change(session, caller.person_id, AuditAction.PERSON_LEAVE, caller.full_name, now,
                  before={"unit": code, "head": membership.is_head})
    return RoleChange(describe(session, people.get(session, caller.person_id)), (code,))


def list_people(session: Session, actor: Caller, unit_code: str | None) -> list[PersonLine]:
    """Registered people (officers of a unit, or everyone with a role), heads first."""
    require(actor.roles, "people")
    if unit_code:
        unit = active_unit(session, unit_code)
        persons = [person for _, person in memberships.of_unit(session, unit.id)]
    else:
        persons = people.with_any_role(session)
    return [_line(session, person) for person in persons]


def _line(session: Session, person: Person) -> PersonLine:
    units = describe(session, person).units
    return PersonLine(person.telegram_user_id, person.full_name, person.username,
                      person.is_admin, person.is_office, units)


def find_person(session: Session, ref: str) -> Person:
    """The person typed as @username or as a Telegram id; raise UnknownPerson otherwise."""
    ref = ref.strip()
    person = None
    if re.fullmatch(r"@?[A-Za-z][A-Za-z0-9_]{3,31}", ref) and not ref.isdigit():
        person = people.find_by_username(session, ref.removeprefix("@"))
    elif re.fullmatch(r"\d{1,19}", ref):
        person = people.find_by_telegram_id(session, int(ref))
    if person is None:
        raise UnknownPerson(ref=ref[:64])
    return person


def remove_person(session: Session, actor: Caller, ref: str, now: datetime) -> RoleChange:
    """Take every unit, the office role and admin rights from a person (history is kept)."""
    require(actor.roles, "remove")
    person = find_person(session, ref)
    before = describe(session, person)
    if person.is_admin and len(people.admins(session)) == 1:
        raise LastAdmin(name=person.full_name)
    memberships.remove_all(session, person.id)
    people.set_flags(session, person, is_admin=False, is_office=False)
    record_change(session, actor.person_id, AuditAction.PERSON_REMOVE, person.full_name, now,
                  before={"roles": sorted(before.roles), "units": [u.code for u in before.units]},
                  after={"roles": ["everyone"], "units": []})
    return RoleChange(describe(session, person), tuple(u.code for u in before.units))


def set_admin(session: Session, actor: Caller, ref: str, grant: bool,
              now: datetime) -> RoleChange:
    """Grant or revoke admin rights; the last admin cannot be revoked."""
    require(actor.roles, "grant_admin" if grant else "revoke_admin")
    person = find_person(session, ref)
    if not grant and person.is_admin and len(people.admins(session)) == 1:
        raise LastAdmin(name=person.full_name)
    before = person.is_admin
    people.set_flags(session, person, is_admin=grant)
    action = AuditAction.ADMIN_GRANT if grant else AuditAction.ADMIN_REVOKE
    record_change(session, actor.person_id, action,
                  person.full_name, now, before={"admin": before}, after={"admin": grant})
    return RoleChange(describe(session, person))


@dataclass(frozen=True, slots=True)
class HeadConfirmed:
    full_name: str
    unit_code: str
    unit_name: str


def confirm_head(session: Session, actor: Caller, person_id: int, unit_code: str,
                 now: datetime) -> HeadConfirmed:
    """The office confirms a person who serves `unit_code` as its head (after a
    reorganisation moved them there); refuse if they no longer serve it."""
    require(actor.roles, "dondoc")
    unit = active_unit(session, unit_code)
    membership = memberships.find(session, person_id, unit.id)
    person = session.get(Person, person_id)
    if membership is None or person is None:
        raise HeadNotServing(unit=unit.name)
    if not membership.is_head:
        membership.is_head = True
        record_change(session, actor.person_id, AuditAction.PERSON_REGISTER, person.full_name,
                      now, before={"unit": unit.code, "head": False},
                      after={"unit": unit.code, "head": True})
    return HeadConfirmed(person.full_name, unit.code, unit.name)
