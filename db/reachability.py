"""Queries about chats Telegram no longer delivers to: officers who blocked the bot, groups
that removed it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.domain.delivery import UnreachableChat
from db.models import GroupChat, Membership, Person, Unit


def unreachable_chats(session: Session) -> list[UnreachableChat]:
    """Unreachable officers (with their units) and unit groups, longest unreachable first."""
    officers: dict[int, tuple[Person, list[str]]] = {}
    for person, unit_code in session.execute(
            select(Person, Unit.code).join(Membership, Membership.person_id == Person.id)
            .join(Unit, Unit.id == Membership.unit_id)
            .where(Person.unreachable_since.is_not(None)).order_by(Person.id, Unit.code)):
        officers.setdefault(person.id, (person, []))[1].append(unit_code)
    found = [UnreachableChat(person.full_name or str(person.telegram_user_id), tuple(codes),
                             person.unreachable_since, person.unreachable_reason or "")
             for person, codes in officers.values() if person.unreachable_since is not None]
    for group, unit_code in session.execute(
            select(GroupChat, Unit.code).outerjoin(Unit, Unit.id == GroupChat.unit_id)
            .where(GroupChat.unreachable_since.is_not(None))):
        if group.unreachable_since is not None:
            found.append(UnreachableChat(group.title or str(group.telegram_chat_id),
                                         (unit_code,) if unit_code else (),
                                         group.unreachable_since,
                                         group.unreachable_reason or "", is_group=True))
    return sorted(found, key=lambda chat: chat.since)
