"""The notice a unit's people and groups get when one of its due dates moves."""

from __future__ import annotations

from datetime import date

from bot.domain.dates import format_vn_date
from bot.services.schedule_changes import DueDateChange
from bot.texts import Lang, text


def due_date_change_notice(change: DueDateChange, lang: Lang) -> str:
    """'📅 Hạn báo cáo «…» (Quý I/2020) đã được điều chỉnh từ 10/03/2020 sang 11/03/2020.'"""
    dates = {"title": change.title, "before": format_vn_date(change.before),
             "after": format_vn_date(change.after)}
    headline = (text("schedule_change.notice", lang, period=change.period_label, **dates)
                if change.period_label else
                text("schedule_change.notice_no_period", lang, **dates))
    return f"{headline}\n{text('schedule_change.reminders', lang)}"


def weekday_and_date(day: date, lang: Lang) -> tuple[str, str]:
    """('Thứ Ba', '10/03/2020'): the weekday's name and the date, to interpolate."""
    return text(f"weekday.{day.weekday()}", lang), format_vn_date(day)
