"""Renderers for working days: the /holidays list and the answer to /dayoff, /workday,
/day_remove."""

from __future__ import annotations

from bot.domain.dates import format_vn_date
from bot.domain.working_days import DayKind
from bot.services.schedule_changes import ScheduleEffect
from bot.services.working_days import CalendarEntry, DayChange, YearCalendar
from bot.texts import Lang, text
from bot.texts.schedule_changes_render import weekday_and_date

CHANGES_LISTED = 5  # due-date changes listed in the confirmation; the rest are counted


def year_calendar_text(calendar: YearCalendar, lang: Lang) -> str:
    """The year's days off, then its make-up working days, by date; admins' days marked ✏️
    (explained below the list when there is one)."""
    lines = [text("holidays.header", lang, year=calendar.year)]
    for kind, heading in ((DayKind.DAY_OFF, "holidays.days_off"),
                          (DayKind.WORKING_DAY, "holidays.working_days")):
        entries = [entry for entry in calendar.entries if entry.kind is kind]
        lines.append(text(heading, lang, count=len(entries)))
        lines += [_entry_line(entry, lang) for entry in entries] or [text("holidays.none", lang)]
    legend = ([text("holidays.legend", lang)]
              if any(entry.added for entry in calendar.entries) else [])
    return "\n".join([*lines, "", *legend, text("holidays.how_to_add", lang)])


def _entry_line(entry: CalendarEntry, lang: Lang) -> str:
    weekday, day = weekday_and_date(entry.day, lang)
    name = entry.name or text("holidays.no_reason", lang)
    key = "holidays.line_added" if entry.added else "holidays.line"
    return text(key, lang, weekday=weekday, day=day, name=name)


def day_change_text(change: DayChange, chats_told: int, lang: Lang) -> str:
    """✅ the day, its kind and reason; the reminders rescheduled; the due dates moved and how
    many units and chats were told."""
    weekday, day = weekday_and_date(change.day, lang)
    reason = text("day.reason", lang, reason=change.reason) if change.reason else ""
    headline = text("day.removed" if change.removed else "day.added", lang,
                    kind=text(f"day_kind.{change.kind.value}", lang), weekday=weekday, day=day,
                    reason=reason)
    return "\n".join([headline, *_effect_lines(change.effect, chats_told, lang)])


def _effect_lines(effect: ScheduleEffect, chats_told: int, lang: Lang) -> list[str]:
    report = effect.reminders
    lines = [text("day.reminders", lang,
                  count=report.moved + report.added + report.cancelled)]
    if not effect.changes:
        return [*lines, text("day.no_due_change", lang)]
    lines.append(text("day.due_changes", lang, changes=len(effect.changes),
                      units=effect.unit_count, chats=chats_told))
    for change in effect.changes[:CHANGES_LISTED]:
        dates = {"title": change.title, "before": format_vn_date(change.before),
                 "after": format_vn_date(change.after)}
        lines.append(text("day.due_change_line", lang, period=change.period_label, **dates)
                     if change.period_label else
                     text("day.due_change_line_no_period", lang, **dates))
    if len(effect.changes) > CHANGES_LISTED:
        lines.append(text("day.more_changes", lang, count=len(effect.changes) - CHANGES_LISTED))
    return lines
