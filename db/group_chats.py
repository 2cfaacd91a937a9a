"""Queries about registered group chats (a unit's group, or the provincial office's)."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db.models import GroupChat, Unit


def find_by_chat_id(session: Session, telegram_chat_id: int) -> GroupChat | None:
    return session.scalars(
        select(GroupChat).where(GroupChat.telegram_chat_id == telegram_chat_id)
    ).one_or_none()


def add(session: Session, group: GroupChat) -> GroupChat:
    session.add(group)
    session.flush()
    return group


def move_chat_id(session: Session, old_chat_id: int, new_chat_id: int) -> bool:
    """Give the group registered as `old_chat_id` its new id, in one conditional update.

    False when no group has the old id (another worker moved it first, or it was never
    registered) or a group already has the new one.
    """
    taken = select(GroupChat.id).where(GroupChat.telegram_chat_id == new_chat_id).exists()
    result = session.execute(
        update(GroupChat)
        .where(GroupChat.telegram_chat_id == old_chat_id, ~taken)
        .values(telegram_chat_id=new_chat_id)
        .execution_options(synchronize_session=False))
    return result.rowcount == 1  # type: ignore[attr-defined, no-any-return]


def group_chats_of_unit(session: Session, unit_id: int) -> list[GroupChat]:
    """The unit's groups the bot can still write to, oldest registration first."""
    return list(session.scalars(
        select(GroupChat)
        .where(GroupChat.unit_id == unit_id, GroupChat.unreachable_since.is_(None))
        .order_by(GroupChat.id)))


def office_group_chats(session: Session) -> list[GroupChat]:
    """The provincial office's groups the bot can still write to, oldest first."""
    return list(session.scalars(
        select(GroupChat)
        .where(GroupChat.is_office, GroupChat.unreachable_since.is_(None))
        .order_by(GroupChat.id)))


def all_with_units(session: Session) -> list[tuple[GroupChat, Unit | None]]:
    """Every registered group, reachable or not, with its unit (None for the office's)."""
    rows = session.execute(
        select(GroupChat, Unit).outerjoin(Unit, Unit.id == GroupChat.unit_id)
        .order_by(GroupChat.is_office.desc(), Unit.code, GroupChat.id))
    return [(group, unit) for group, unit in rows]
