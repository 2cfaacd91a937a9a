"""Renderers for the office's actions: button labels, the digest's "more units" lines, the
message the unit receives and the office's confirmation."""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.dates import format_vn_date
from bot.domain.digests import OccurrenceDigest
from bot.domain.office_actions import OfficeAction, OfficeActionKind
from bot.services.office_actions import OfficeNotice
from bot.texts import Lang, text


def action_label(action: OfficeAction, lang: Lang) -> str:
    """'Duyệt gia hạn sct', 'Đôn đốc syt'."""
    return text(f"office.button.{action.kind.value}", lang, unit=action.unit_code)


def more_actions_lines(digest: OccurrenceDigest, hidden: Sequence[OfficeAction], unlisted: int,
                       lang: Lang, *, after_buttons: bool = True) -> list[str]:
    """For the units without a button: the one-line command to type, with the codes of those
    named (and '…' for the `unlisted` silent units the digest does not name); `after_buttons`:
    the message has buttons for others ('… đơn vị khác')."""
    occurrence = digest.occurrence
    lines = []
    for kind in OfficeActionKind:
        codes = [action.unit_code for action in hidden if action.kind is kind]
        others = max(unlisted, 0) if kind is OfficeActionKind.FOLLOW_UP else 0
        if not codes and not others:
            continue
        shown = ", ".join(codes + (["…"] if others else []))
        key = "office.more" if after_buttons else "office.type"
        lines.append(text(f"{key}.{kind.value}", lang, count=len(codes) + others,
                          code=occurrence.deadline_code, due=format_vn_date(occurrence.due_date),
                          codes=shown))
    return lines


def unit_message(notice: OfficeNotice, lang: Lang) -> str:
    """What the unit's officers, heads and groups receive, from the office."""
    common = {"unit": notice.unit_name, "title": notice.title,
              "period": notice.period_label or "—", "due": format_vn_date(notice.due_date)}
    if notice.kind is OfficeActionKind.APPROVE_EXTENSION:
        assert notice.granted_until is not None
        return text("office.unit.giahan", lang, until=format_vn_date(notice.granted_until),
                    **common)
    late = (text("office.unit.late", lang, days=notice.working_days_late)
            if notice.working_days_late else "")
    return text("office.unit.dondoc", lang, late=late, **common)


def office_confirmation(notice: OfficeNotice, delivered: int, lang: Lang, *, refused: int = 0,
                        failed: int = 0) -> str:
    """The office's confirmation: what was done, how many of the unit's chats got it, and how
    many did not (`refused`: Telegram refuses the chat for good; `failed`: other errors)."""
    until = format_vn_date(notice.granted_until) if notice.granted_until else ""
    lines = [text(f"office.done.{notice.kind.value}", lang, unit=notice.unit_name, until=until,
                  code=notice.deadline_code, period=notice.period_label or "—",
                  due=format_vn_date(notice.due_date), count=delivered)]
    if refused:
        lines.append(text("office.done.refused", lang, count=refused))
    if failed:
        lines.append(text("office.done.failed", lang, count=failed))
    if not delivered:
        lines.append(text("office.done.nobody", lang))
    return "\n".join(lines)
