"""Renderers for the admins' deadline commands: the list, one deadline in full, the results."""

from __future__ import annotations

import html
from collections.abc import Sequence

from bot.domain.dates import format_vn_date
from bot.domain.deadline_drafts import DeadlineField
from bot.domain.deadlines import Deadline
from bot.domain.due_rules import rule_in_words
from bot.services.deadlines import DeadlineChange, DeadlineDetail, DeadlineSummary
from bot.services.schedule_changes import ScheduleEffect
from bot.texts import Html, Lang, text
from bot.texts.due_rules_render import rule_words_text
from bot.texts.units_render import label, shorten

TITLE_SHOWN = 120


def deadlines_text(summaries: Sequence[DeadlineSummary], lang: Lang) -> str:
    """/deadlines: code, title, rule in words, units, next due date or paused."""
    if not summaries:
        return text("deadlines.none", lang)
    lines = [text("deadlines.header", lang, count=len(summaries))]
    for line in summaries:
        if line.paused:
            upcoming = label("deadlines.paused", lang)
        elif line.next_due is None:
            upcoming = label("deadlines.no_next", lang)
        else:
            upcoming = label("deadlines.next", lang).format(
                date=format_vn_date(line.next_due.effective_due_date))
        lines.append(text("deadlines.line", lang, code=line.code,
                          title=shorten(line.title, TITLE_SHOWN), units=line.units,
                          next=upcoming, rule=Html(rule_words_text(line.rule, lang))))
    return "\n".join(lines)


def deadline_detail_text(detail: DeadlineDetail, lang: Lang) -> str:
    """One deadline in full: what, basis, recipient, rule, units, offsets, next due dates and
    the reminders of the first."""
    deadline = detail.deadline
    offsets = deadline.offsets
    before = ", ".join(str(days) for days in offsets.before) or label("deadline.no_before", lang)
    lines = [
        text("deadline.heading", lang, title=deadline.title, code=deadline.code,
             paused=label("deadline.paused_mark", lang) if detail.paused else ""),
        text("deadline.legal", lang, basis=deadline.legal_basis.citation()
             or label("deadline_field.none", lang)),
        text("deadline.recipient", lang, name=deadline.recipient.name),
        text("deadline.rule", lang, rule=Html(rule_words_text(detail.rule, lang))),
        text("deadline.units", lang, count=len(deadline.units), selector=deadline.unit_selector),
        text("deadline.offsets", lang, before=before,
             overdue=", ".join(map(str, offsets.overdue)) or "—",
             escalation=", ".join(map(str, offsets.escalation)) or "—"),
        "",
        *_upcoming_lines(detail, lang),
    ]
    return "\n".join(lines)


def _upcoming_lines(detail: DeadlineDetail, lang: Lang) -> list[str]:
    if not detail.upcoming:
        return [text("deadline.no_upcoming", lang)]
    lines = [text("deadline.upcoming", lang)]
    for occurrence in detail.upcoming:
        due = format_vn_date(occurrence.effective_due_date)
        if occurrence.effective_due_date != occurrence.due_date:
            due += label("deadline.moved", lang).format(nominal=format_vn_date(occurrence.due_date))
        lines.append(text("deadline.upcoming_line", lang, due=due,
                          period=occurrence.period.label or "—"))
    if detail.plan:
        first = detail.upcoming[0]
        lines += ["", text("deadline.plan", lang, due=format_vn_date(first.effective_due_date))]
        lines += [text("deadline.plan_line", lang, day=format_vn_date(reminder.at.date()),
                       kind=label(f"deadline.plan.{reminder.kind.value}", lang).format(
                           days=reminder.offset))
                  for reminder in detail.plan]
    return lines


def deadline_change_text(change: DeadlineChange, told: int, lang: Lang) -> str:
    """The answer to a change: what was done, the deadline now, and what moved."""
    deadline = change.detail.deadline
    if change.kind == "edit":
        assert change.field is not None and change.previous is not None
        before = field_text(change.previous, change.field, lang)
        after = field_text(deadline, change.field, lang)
        key = "deadline.edited" if before != after else "deadline.unchanged"
        head = text(key, lang, field=label(f"deadline_field.{change.field}", lang),
                    code=deadline.code, before=Html(before), after=Html(after))
    else:
        key = {"add": "deadline.added", "pause": "deadline.paused_done",
               "resume": "deadline.resumed", "delete": "deadline.deleted"}[change.kind]
        head = text(key, lang, code=deadline.code, title=deadline.title)
    parts = [head, effect_text(change.effect, told, lang)]
    if change.kind in ("add", "edit"):
        parts.append(deadline_detail_text(change.detail, lang))
    return "\n\n".join(parts)


def field_text(deadline: Deadline, field: DeadlineField, lang: Lang) -> str:
    """One field of a deadline as the admin reads it (HTML): the rule in words, the reminder
    offsets as days."""
    if field == "rule":
        return rule_words_text(rule_in_words(deadline.rule), lang)
    if field == "title":
        value = deadline.title
    elif field == "legal":
        value = deadline.legal_basis.citation() or label("deadline_field.none", lang)
    elif field == "recipient":
        value = deadline.recipient.name
    elif field == "units":
        value = f"{deadline.unit_selector} ({len(deadline.units)})"
    else:
        value = ", ".join(map(str, deadline.offsets.before)) or label("deadline.no_before", lang)
    return html.escape(value, quote=False)


def effect_text(effect: ScheduleEffect, told: int, lang: Lang) -> str:
    """How many reminders were rescheduled, due dates moved, and chats and units told."""
    report = effect.reminders
    units = {code for change in effect.changes for code in change.unit_codes}
    return text("deadline.effect", lang, rescheduled=report.added + report.moved
                + report.cancelled, changes=len(effect.changes), told=told, units=len(units))


def delete_confirm_text(detail: DeadlineDetail, lang: Lang) -> str:
    return text("deadline.delete_confirm", lang, code=detail.deadline.code,
                title=detail.deadline.title)
