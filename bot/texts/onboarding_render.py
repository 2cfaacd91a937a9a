"""Renderers for onboarding in chat: the bulk invite's answer, the bulk revoke's question, the
units still to register (/units), the office's weekly note; and what the invite files share
(the deep link, file names, labels)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

from bot.domain.dates import format_vn_date
from bot.domain.onboarding import BulkRole, RegistrationGaps, UnitRegistration
from bot.domain.units import UnitGroup
from bot.services.bulk_invites import BulkInvites, OpenInvites
from bot.texts import Lang, text
from bot.texts.units_render import (
    NAME_SHOWN,
    UNITS_PER_PAGE,
    UnitsPage,
    group_label,
    label,
    page_count,
    shorten,
)

_GROUP_ORDER = {group: index for index, group in enumerate(UnitGroup)}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_TYPE = "application/pdf"


@dataclass(frozen=True, slots=True)
class InviteFile:
    """A file of a bulk invite as sent: its name, bytes, caption (HTML) and type."""

    file_name: str
    content: bytes
    caption: str
    mime_type: str


def invite_link(bot_username: str, token: str) -> str:
    """The deep link that registers with `token`: t.me/<bot>?start=<token>."""
    return f"https://t.me/{bot_username}?start={token}"


def local_time(moment: datetime, tz: tzinfo) -> str:
    """'14/07/2025 08:00': a moment as officials write it, in the province's time."""
    return f"{moment.astimezone(tz):%d/%m/%Y %H:%M}"


def selection_label(selection: str, lang: Lang) -> str:
    """'UBND các xã, phường' for `communes` (plain text)."""
    return label(f"selection.{selection}", lang)


def bulk_role_label(role: BulkRole, lang: Lang) -> str:
    return label(f"bulk_role.{role}", lang)


def file_name(batch: BulkInvites, extension: str, tz: tzinfo, lang: Lang) -> str:
    """'duong-dan-dang-ky-communes-officer-2025-07-07.xlsx'."""
    return label("bulk_invite.file_name", lang).format(
        selection=batch.selection, role=batch.role,
        day=batch.created_at.astimezone(tz).date().isoformat(), extension=extension)


def file_caption(key: str, batch: BulkInvites, lang: Lang) -> str:
    """A document's caption (HTML): its role, selection and number of units."""
    return text(key, lang, role=bulk_role_label(batch.role, lang),
                selection=selection_label(batch.selection, lang), count=len(batch.invites))


def bulk_invite_summary(batch: BulkInvites, tz: tzinfo, lang: Lang) -> str:
    """The answer to `/invite <group word>`, sent before its two files."""
    summary = text("bulk_invite.summary", lang, count=len(batch.invites),
                   role=bulk_role_label(batch.role, lang),
                   selection=selection_label(batch.selection, lang),
                   expires=local_time(batch.expires_at, tz), word=batch.selection)
    if batch.skipped:
        summary += text("bulk_invite.skipped", lang, skipped=batch.skipped)
    return summary


def bulk_revoke_question(found: OpenInvites, lang: Lang) -> str:
    return text("bulk_revoke.confirm", lang, count=found.count,
                selection=selection_label(found.selection, lang))


def bulk_revoke_done(count: int, selection: str, lang: Lang) -> str:
    if not count:
        return text("bulk_revoke.none_left", lang)
    return text("bulk_revoke.done", lang, count=count, selection=selection_label(selection, lang))


def by_group(entries: Sequence[UnitRegistration]) -> list[UnitRegistration]:
    """`entries` grouped as /units shows units (departments first), stable within a group."""
    return sorted(entries, key=lambda entry: _GROUP_ORDER[entry.unit.group])


def unregistered_page(gaps: RegistrationGaps, page: int, lang: Lang,
                      per_page: int = UNITS_PER_PAGE) -> UnitsPage:
    """Page `page` (1-based, clamped) of `/units unregistered`: each unit missing an officer or
    a head, under its group's heading, saying what it misses."""
    if not gaps.gaps:
        return UnitsPage(text("units.unregistered_none", lang, followed=gaps.followed), 1, 1)
    entries = by_group(gaps.gaps)
    pages = page_count(len(entries), per_page)
    page = min(max(page, 1), pages)
    lines = [text("units.unregistered_header", lang, page=page, pages=pages,
                  followed=gaps.followed, no_officer=len(gaps.without_officer),
                  no_head=len(gaps.without_head))]
    current: UnitGroup | None = None
    for entry in entries[(page - 1) * per_page: page * per_page]:
        if entry.unit.group is not current:
            current = entry.unit.group
            lines.append(text("units.group_heading", lang, group=group_label(current, lang)))
        lines.append(_gap_line(entry, lang))
    return UnitsPage("\n".join(lines), page, pages)


def _gap_line(entry: UnitRegistration, lang: Lang) -> str:
    missing = [label(f"units.missing_{role}", lang)
               for role, lacking in (("officer", entry.lacks_officer), ("head", entry.lacks_head))
               if lacking]
    return text("units.gap_line", lang, code=entry.unit.code,
                name=shorten(entry.unit.name, NAME_SHOWN), missing=", ".join(missing))


def registration_note_text(gaps: RegistrationGaps, lang: Lang) -> str:
    """The office's weekly note: every unit followed with no officer, by group (the sender
    splits it under Telegram's limit)."""
    missing = by_group(gaps.without_officer)
    lines = [text("registration_note.header", lang, today=format_vn_date(gaps.day),
                  count=len(missing), followed=gaps.followed)]
    current: UnitGroup | None = None
    for entry in missing:
        if entry.unit.group is not current:
            current = entry.unit.group
            lines.append(text("units.group_heading", lang, group=group_label(current, lang)))
        lines.append(text("registration_note.line", lang, code=entry.unit.code,
                          name=shorten(entry.unit.name, NAME_SHOWN)))
    lines.append(text("registration_note.footer", lang))
    return "\n".join(lines)
