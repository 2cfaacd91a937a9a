"""Renderers for reminder messages."""

from __future__ import annotations

from bot.domain.dates import format_vn_date
from bot.domain.delivery import ReminderNotice
from bot.domain.reminders import ReminderKind
from bot.texts import Lang, text


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
    if notice.due_date != notice.effective_due_date:
        lines.append(text("reminder.due.moved", lang, nominal=format_vn_date(notice.due_date),
                          effective=due))
    if notice.kind is ReminderKind.ESCALATION:
        lines.append(text("reminder.escalated", lang))
    return "\n".join(lines)
