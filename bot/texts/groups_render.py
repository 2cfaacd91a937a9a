"""Renderers for group chats: registration answers, admin notices, /groups."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo

from bot.services.group_chats import BOT_REMOVED, GroupChange, GroupLine
from bot.texts import MESSAGES, Lang, text
from bot.texts.units_render import label


def group_target(unit_name: str | None, lang: Lang) -> str:
    """Whom a group serves: the unit's name, or the provincial office (unescaped)."""
    return unit_name if unit_name is not None else label("role.office", lang)


def group_invite_label(unit_name: str | None, lang: Lang) -> str:
    """'nhóm của Sở Y tế' (unescaped, for /invites and revoke answers)."""
    return MESSAGES["group.invite_label"][lang].format(target=group_target(unit_name, lang))


def _what(is_office: bool, lang: Lang) -> str:
    return label("group.what_office" if is_office else "group.what_unit", lang)


def group_invite_created_text(invite_id: int, unit_name: str | None, expires: str, link: str,
                              token: str, lang: Lang) -> str:
    return text("invite.created_group", lang, invite_id=invite_id,
                target=group_target(unit_name, lang), expires=expires, link=link, token=token,
                what=_what(unit_name is None, lang))


def group_registered_text(group: GroupLine, lang: Lang) -> str:
    """The answer in the group once it is registered."""
    return text("group.registered", lang, target=group_target(group.unit_name, lang),
                what=_what(group.is_office, lang))


def group_status_text(group: GroupLine | None, lang: Lang) -> str:
    """The answer to a plain /start in a group: whom it serves, or how to register it."""
    if group is None:
        return text("group.unregistered", lang)
    key = "group.status" if group.reachable else "group.status_unreachable"
    return text(key, lang, target=group_target(group.unit_name, lang),
                what=_what(group.is_office, lang))


def registered_notice(change: GroupChange, lang: Lang) -> str:
    group = change.group
    return text("group.admin_notice_registered", lang, name=change.by, title=group.title,
                chat_id=group.telegram_chat_id, target=group_target(group.unit_name, lang))


def removed_notice(change: GroupChange, lang: Lang) -> str:
    group = change.group
    by = MESSAGES["group.removed_by"][lang].format(name=change.by) if change.by else ""
    return text("group.admin_notice_removed", lang, title=group.title,
                chat_id=group.telegram_chat_id, target=group_target(group.unit_name, lang), by=by)


def groups_text(groups: Sequence[GroupLine], tz: tzinfo, lang: Lang) -> str:
    """/groups: one line per group, the office's first, unreachable ones marked."""
    if not groups:
        return text("groups.none", lang)
    lines = [text("groups.header", lang, count=len(groups))]
    for group in groups:
        line = text("groups.line", lang, target=group_target(group.unit_name, lang),
                    title=group.title, chat_id=group.telegram_chat_id)
        if group.unreachable_since is not None:
            line += text("groups.unreachable", lang,
                         since=f"{group.unreachable_since.astimezone(tz):%H:%M %d/%m/%Y}",
                         reason=_reason(group.unreachable_reason, lang))
        lines.append(line)
    return "\n".join(lines)


def _reason(reason: str | None, lang: Lang) -> str:
    if reason == BOT_REMOVED:
        return label(f"groups.reason.{BOT_REMOVED}", lang)
    return reason or "—"
