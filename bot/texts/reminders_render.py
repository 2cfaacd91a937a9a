"""Renderers for reminder messages."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo

from bot.domain.dates import format_vn_date
from bot.domain.delivery import ReminderNotice, Slot
from bot.domain.reminders import ReminderKind
from bot.services.reminders import OutboxLine
from bot.texts import Lang, split_message, text
from bot.texts.units_render import shorten

RECIPIENT_SHOWN = 40


def reminder_text(notice: ReminderNotice, lang: Lang) -> str:
    """The reminder as the officer reads it: which report, period, basis, to whom, when due."""
    due = format_vn_date(notice.effective_due_date)
    days = notice.working_days_left
    if days > 0:
        due_line = text("reminder.due.left", lang, due=due, days=days)
    elif days == 0:
        due_line = text("reminder.due.today", lang, due=due)
    else:
        due_line = text("reminder.due.late", lang, due=due, days=-days)
    lines = [
        text(f"reminder.heading.{notice.kind.value}", lang),
        text("reminder.body", lang, unit=notice.unit_name, title=notice.title,
             period=notice.period_label or "—", basis=notice.legal_basis or "—",
             recipient=notice.recipient_name),
        due_line,
    ]
    if notice.granted_until is not None:
        lines.append(text("reminder.due.extended", lang,
                          until=format_vn_date(notice.granted_until),
                          nominal=format_vn_date(notice.due_date)))
    elif notice.due_date != notice.effective_due_date:
        lines.append(text("reminder.due.moved", lang, nominal=format_vn_date(notice.due_date),
                          effective=due))
    if notice.kind is ReminderKind.ESCALATION:
        lines.append(text("reminder.escalated", lang))
    lines.append(text("reminder.answer_hint", lang))
    return "\n".join(lines)


def slot_text(slot_key: str, lang: Lang) -> str:
    """'before:7' in words: 'trước hạn 7 ngày làm việc' (and the date granted, if any)."""
    slot = Slot.parse(slot_key)
    words = text(f"reminder.slot.{slot.kind.value}", lang, offset=slot.offset)
    if slot.granted_until is None:
        return words
    return words + text("reminder.slot.extended", lang, until=format_vn_date(slot.granted_until))


def upcoming_text(lines: Sequence[OutboxLine], pending: int, tz: tzinfo, lang: Lang) -> str:
    """/reminders: the next planned sends, one line each, in local time."""
    if not lines:
        return text("reminders.none", lang)
    body = [text("reminders.header", lang, count=len(lines), pending=pending)]
    body += [text("reminders.line", lang, at=f"{line.send_after.astimezone(tz):%d/%m/%Y %H:%M}",
                  deadline=line.deadline_code, due=format_vn_date(line.due_date),
                  unit=line.unit_code, chat=shorten(line.recipient or str(line.chat_id),
                                                    RECIPIENT_SHOWN),
                  slot=slot_text(line.slot, lang))
             for line in lines]
    return split_message("\n".join(body))[0]
