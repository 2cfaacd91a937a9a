"""Renderers for people, roles and invites."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import tzinfo

from bot.domain.roles import Role
from bot.services.membership import PersonLine
from bot.services.people import Caller, UnitRole
from bot.services.registration import InviteRole, InviteView
from bot.texts import Lang, text
from bot.texts.groups_render import group_invite_label


def role_label(role: InviteRole, unit_name: str, lang: Lang) -> str:
    """'cán bộ phụ trách báo cáo của Sở Y tế', 'lãnh đạo Sở Y tế', 'Văn phòng UBND tỉnh'."""
    return text(f"role.{role}", lang, unit=unit_name)


def invite_label(invite: InviteView, lang: Lang) -> str:
    """What an invite registers: a person's role, or a group chat of a unit or of the office."""
    if invite.for_group:
        return group_invite_label(None if invite.role == "office" else invite.unit_name, lang)
    return role_label(invite.role, invite.unit_name, lang)


def _unit_roles(units: Sequence[UnitRole], lang: Lang) -> list[str]:
    return [role_label("head" if unit.is_head else "officer", unit.name, lang) for unit in units]


def whoami_text(caller: Caller, lang: Lang) -> str:
    roles = ([text("role.admin", lang)] if caller.is_admin else [])
    roles += [text("role.office", lang)] if Role.OFFICE in caller.roles else []
    roles += _unit_roles(caller.units, lang)
    lines = [text("whoami.header", lang, name=caller.full_name, user_id=caller.telegram_user_id)]
    lines.append(text("whoami.roles", lang, roles="; ".join(roles)) if roles
                 else text("whoami.none", lang))
    return "\n".join(lines)


def people_text(people: Sequence[PersonLine], lang: Lang) -> str:
    if not people:
        return text("people.none", lang)
    lines = [text("people.header", lang, count=len(people))]
    for person in people:
        roles = [text("role.admin", lang)] if person.is_admin else []
        roles += [text("role.office", lang)] if person.is_office else []
        roles += [f"{'★ ' if unit.is_head else ''}{unit.code}" for unit in person.units]
        handle = f" @{person.username}" if person.username else ""
        lines.append(f"• {html.escape(person.full_name)}{html.escape(handle)} "
                     f"(id {person.telegram_user_id}) — {html.escape(', '.join(roles))}")
    return "\n".join(lines)


def invites_text(invites: Sequence[InviteView], tz: tzinfo, lang: Lang) -> str:
    if not invites:
        return text("invites.none", lang)
    lines = [text("invites.header", lang)]
    lines += [text("invites.line", lang, invite_id=invite.invite_id,
                   role=invite_label(invite, lang),
                   expires=f"{invite.expires_at.astimezone(tz):%H:%M %d/%m/%Y}")
              for invite in invites]
    return "\n".join(lines)
