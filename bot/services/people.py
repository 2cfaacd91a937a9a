"""Use cases about people: recognising who is writing, their roles, bootstrapping admins."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from bot.domain.roles import Role
from db import memberships, people
from db.models import Person

MAX_NAME_LENGTH = 256
LAST_SEEN_RESOLUTION = timedelta(minutes=15)


@dataclass(frozen=True, slots=True)
class TelegramUser:
    """The parts of a Telegram user the bot keeps."""

    telegram_user_id: int
    full_name: str
    username: str | None = None
    language_code: str | None = None


@dataclass(frozen=True, slots=True)
class UnitRole:
    """A unit a person serves, whether as its head, and whether the unit is still followed
    (an admin may have disabled it since)."""

    code: str
    name: str
    is_head: bool
    active: bool = True


@dataclass(frozen=True, slots=True)
class Caller:
    """The person behind an update, with the roles and units they hold now."""

    person_id: int
    telegram_user_id: int
    full_name: str
    roles: frozenset[Role]
    units: tuple[UnitRole, ...] = ()

    @property
    def is_admin(self) -> bool:
        return Role.ADMIN in self.roles


def describe(session: Session, person: Person) -> Caller:
    """The person's current roles and units."""
    units = tuple(UnitRole(unit.code, unit.name, membership.is_head, unit.active)
                  for membership, unit in memberships.of_person(session, person.id))
    roles = {Role.EVERYONE}
    roles |= {Role.ADMIN} if person.is_admin else set()
    roles |= {Role.OFFICE} if person.is_office else set()
    roles |= {Role.OFFICER} if units else set()
    return Caller(person.id, person.telegram_user_id, person.full_name, frozenset(roles), units)


def record_contact(session: Session, user: TelegramUser, now: datetime) -> Caller:
    """Remember (or refresh) the person behind an update and return who they are.

    Writes only what changed: a new person, a new name, or a last-seen time older than
    LAST_SEEN_RESOLUTION (every update of a busy office would otherwise write the row).
    """
    profile = {"full_name": user.full_name[:MAX_NAME_LENGTH], "username": user.username,
               "language_code": user.language_code}
    person = people.find_by_telegram_id(session, user.telegram_user_id)
    if person is None:
        people.insert_if_absent(session, user.telegram_user_id,
                                {**profile, "last_seen_at": now, "created_at": now})
        person = people.find_by_telegram_id(session, user.telegram_user_id)
        assert person is not None  # inserted above or by a concurrent update
    elif (any(getattr(person, name) != value for name, value in profile.items())
          or person.last_seen_at is None or now - person.last_seen_at >= LAST_SEEN_RESOLUTION):
        people.touch(session, person, {**profile, "last_seen_at": now})
    return describe(session, person)


def set_reachable(session: Session, telegram_user_id: int, reachable: bool, now: datetime,
                  reason: str = "") -> None:
    """Record that a person blocked the bot (no more reminders planned) or started it again."""
    person = people.find_by_telegram_id(session, telegram_user_id)
    if person is None:
        return
    if reachable:
        people.touch(session, person, {"unreachable_since": None, "unreachable_reason": None})
    elif person.unreachable_since is None:
        people.touch(session, person, {"unreachable_since": now, "unreachable_reason": reason})


def bootstrap_admins(session: Session, admin_ids: Iterable[int], now: datetime) -> list[int]:
    """Make the BOT_ADMIN_IDS people admins the first time the bot sees them; return the new ones.

    Someone already known keeps the role they have, so an admin later revoked stays revoked.
    """
    known = people.existing_telegram_ids(session, admin_ids)
    added = [user_id for user_id in admin_ids if user_id not in known]
    for user_id in added:
        people.insert_if_absent(session, user_id, {"is_admin": True, "created_at": now})
    return added


def admin_chat_ids(session: Session) -> list[int]:
    """Telegram ids of every admin (their private chats)."""
    return [person.telegram_user_id for person in people.admins(session)]


def office_and_admin_chat_ids(session: Session) -> list[int]:
    """Telegram ids of the office's members and the admins, once each (their private chats),
    for what the office must hear of and an admin may have to fix."""
    found = [person.telegram_user_id for person in (*people.office_staff(session),
                                                     *people.admins(session))]
    return list(dict.fromkeys(found))


def admins_and_office_with_roles(session: Session) -> list[Caller]:
    """Every admin and member of the office, once each, with their current roles (to publish
    their command menus and Mini App button at start)."""
    found = {person.id: person for person in (*people.admins(session),
                                              *people.office_staff(session))}
    return [describe(session, person) for person in found.values()]
