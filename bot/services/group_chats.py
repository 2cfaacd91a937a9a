"""Group chats: registering a group for a unit or the office, and following the bot's membership.

A group is registered with a group invite redeemed inside it; it stays registered when the bot
is removed (marked unreachable, so nothing is sent there) and comes back with a new invite.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.domain.audit_actions import AuditAction
from bot.domain.errors import (
    GroupAlreadyRegistered,
    GroupServesAnotherTarget,
    PersonInviteInGroup,
    UsedInvite,
)
from bot.domain.roles import require
from bot.services.audit import Snapshot, record_change
from bot.services.people import Caller, admin_chat_ids
from bot.services.registration import OFFICE_NAME, usable_invite
from db import group_chats, invites, people, units
from db.models import GroupChat, Unit

BOT_REMOVED = "bot_removed"  # unreachable_reason when the bot was removed from the group
MAX_TITLE_LENGTH = 200  # Telegram allows 128; the column holds 256


@dataclass(frozen=True, slots=True)
class GroupChatInfo:
    """What the update tells about the group: its Telegram id and title."""

    telegram_chat_id: int
    title: str


@dataclass(frozen=True, slots=True)
class GroupLine:
    """A registered group as admins and the office see it."""

    telegram_chat_id: int
    title: str
    unit_code: str | None  # None: the provincial office's group
    unit_name: str | None
    unreachable_since: datetime | None = None
    unreachable_reason: str | None = None

    @property
    def is_office(self) -> bool:
        return self.unit_code is None

    @property
    def reachable(self) -> bool:
        return self.unreachable_since is None


@dataclass(frozen=True, slots=True)
class GroupChange:
    """A group that was registered or lost, and the admins who should hear of it."""

    group: GroupLine
    by: str  # the full name of the person who did it, "" when unknown
    notify_chat_ids: tuple[int, ...]


def register_group(session: Session, caller: Caller, chat: GroupChatInfo, token: str,
                   now: datetime) -> GroupChange:
    """Register the group for the group invite's unit (or the office); raise why not otherwise.

    A group the bot can still write to keeps its unit: registering it for another one is refused
    (remove the bot and add it again to move it); a group the bot was removed from takes the new
    registration and becomes reachable again.
    """
    invite = usable_invite(session, token, now)
    if not invite.for_group:
        raise PersonInviteInGroup()
    unit = units.get_row(session, invite.unit_id) if invite.unit_id is not None else None
    group = group_chats.find_by_chat_id(session, chat.telegram_chat_id)
    before = _snapshot(session, group) if group is not None else None
    if group is not None and group.unreachable_since is None:
        _refuse_second_registration(session, group, unit)
    title = chat.title[:MAX_TITLE_LENGTH]
    if group is None:
        group = group_chats.add(session, GroupChat(
            telegram_chat_id=chat.telegram_chat_id, title=title,
            unit_id=unit.id if unit else None, is_office=unit is None,
            registered_by=caller.person_id, registered_at=now))
    else:
        group.title, group.unit_id, group.is_office = title, unit.id if unit else None, unit is None
        group.registered_by, group.registered_at = caller.person_id, now
        group.unreachable_since = group.unreachable_reason = None
    if not invites.claim_use(session, invite.id):
        raise UsedInvite()
    after = _snapshot(session, group)
    record_change(session, caller.person_id, AuditAction.GROUP_REGISTER, _subject(group), now,
                  before=before, after={**after, "invite": invite.id})
    return GroupChange(_line(group, unit), caller.full_name, tuple(admin_chat_ids(session)))


def _refuse_second_registration(session: Session, group: GroupChat, wanted: Unit | None) -> None:
    current = units.get_row(session, group.unit_id) if group.unit_id is not None else None
    if (current.id if current else None) == (wanted.id if wanted else None):
        raise GroupAlreadyRegistered(target=_target_name(current))
    raise GroupServesAnotherTarget(current=_target_name(current), wanted=_target_name(wanted))


def mark_bot_removed(session: Session, telegram_chat_id: int, removed_by: int | None,
                     status: str, now: datetime) -> GroupChange | None:
    """Stop writing to a registered group the bot was removed from (`status`: left, kicked).

    None when the group is not registered or was already marked; `removed_by` is the Telegram
    id of whoever removed the bot, if known.
    """
    group = group_chats.find_by_chat_id(session, telegram_chat_id)
    if group is None or group.unreachable_since is not None:
        return None
    group.unreachable_since, group.unreachable_reason = now, BOT_REMOVED
    person = people.find_by_telegram_id(session, removed_by) if removed_by is not None else None
    record_change(session, person.id if person else None, AuditAction.GROUP_UNREACHABLE,
                  _subject(group), now, before={"reachable": True},
                  after={"reachable": False, "reason": BOT_REMOVED, "status": status,
                         "removed_by": removed_by})
    unit = units.get_row(session, group.unit_id) if group.unit_id is not None else None
    return GroupChange(_line(group, unit), person.full_name if person else "",
                       tuple(admin_chat_ids(session)))


def move_group(session: Session, old_chat_id: int, new_chat_id: int, now: datetime) -> bool:
    """Follow a group upgraded to a supergroup to its new id; False if there was nothing to move.

    Telegram announces the move in both chats, often handled at the same time: the conditional
    update lets exactly one of them move the group; the other finds nothing to do.
    """
    if not group_chats.move_chat_id(session, old_chat_id, new_chat_id):
        return False
    group = group_chats.find_by_chat_id(session, new_chat_id)
    assert group is not None  # just moved
    record_change(session, None, AuditAction.GROUP_MIGRATE, _subject(group), now,
                  before={"chat_id": old_chat_id}, after={"chat_id": new_chat_id})
    return True


def group_status(session: Session, telegram_chat_id: int) -> GroupLine | None:
    """The group's registration, or None if it has never been registered."""
    group = group_chats.find_by_chat_id(session, telegram_chat_id)
    if group is None:
        return None
    unit = units.get_row(session, group.unit_id) if group.unit_id is not None else None
    return _line(group, unit)


def list_groups(session: Session, actor: Caller) -> list[GroupLine]:
    """Every registered group (/groups): the office's first, then by unit code."""
    require(actor.roles, "groups")
    return [_line(group, unit) for group, unit in group_chats.all_with_units(session)]


def _line(group: GroupChat, unit: Unit | None) -> GroupLine:
    return GroupLine(group.telegram_chat_id, group.title, unit.code if unit else None,
                     unit.name if unit else None, group.unreachable_since,
                     group.unreachable_reason)


def _target_name(unit: Unit | None) -> str:
    return unit.name if unit is not None else OFFICE_NAME


def _subject(group: GroupChat) -> str:
    return f"{group.title} ({group.telegram_chat_id})"


def _snapshot(session: Session, group: GroupChat) -> Snapshot:
    unit = units.get_row(session, group.unit_id) if group.unit_id is not None else None
    return {"unit": unit.code if unit else None, "office": group.is_office,
            "reachable": group.unreachable_since is None}
