"""Renderer for /audit: one compact line per change, every field and value in the reader's
language and times in the bot's time zone."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from datetime import date, datetime, tzinfo

from bot.domain.audit_actions import AuditAction
from bot.domain.dates import format_vn_date
from bot.domain.errors import DomainError
from bot.domain.recurrence import parse_rule
from bot.domain.units import UnitGroup
from bot.services.audit import AuditLine, Snapshot
from bot.services.bulk_invites import FILES_NOT_DELIVERED
from bot.services.group_chats import BOT_REMOVED
from bot.texts import MESSAGES, Html, Lang, text
from bot.texts.due_rules_render import due_rule_text
from bot.texts.units_render import group_label, label, shorten

VALUE_SHOWN = 60  # long names are cut in the log; the stored entry keeps them whole
DATE_KEYS = frozenset({"due_date", "granted_until", "day"})  # ISO dates in snapshots
TIME_KEYS = frozenset({"expires_at"})  # ISO date-times with their UTC offset
DAY_KINDS = frozenset({"day_off", "working_day"})
ROLE_KEYS = frozenset({"role", "roles"})
UNIT_GROUPS = frozenset(group.value for group in UnitGroup)
# Codes stored as values: why a group was marked unreachable, and Telegram's member statuses.
VALUE_CODES = {"reason": frozenset({BOT_REMOVED, FILES_NOT_DELIVERED}),
               "status": frozenset({"left", "kicked"})}
_INVITE_SUBJECT = re.compile(r"invite #(\d+)")


def audit_text(entries: Sequence[AuditLine], tz: tzinfo, lang: Lang) -> str:
    """The entries newest first; reply() splits the result under Telegram's limit."""
    if not entries:
        return text("audit.none", lang)
    lines = [text("audit.header", lang, count=len(entries))]
    lines += [_entry(entry, tz, lang) for entry in entries]
    return "\n".join(lines)


def _entry(entry: AuditLine, tz: tzinfo, lang: Lang) -> str:
    changes = describe_changes(entry.before, entry.after, lang, tz)
    actor = label("audit.system", lang) if entry.actor == "system" else entry.actor
    return text("audit.line", lang, at=f"{entry.at.astimezone(tz):%d/%m/%Y %H:%M}",
                actor=shorten(actor, VALUE_SHOWN), action=action_label(entry.action, lang),
                subject=_subject(entry, lang),
                changes=Html(f": {changes}") if changes else "")


def action_label(action: str, lang: Lang) -> str:
    """The reader's name for an audit action code; a code no longer written (from an older
    version) shows as stored."""
    try:
        return label(f"audit.action.{AuditAction(action).value}", lang)
    except ValueError:
        return action


def _subject(entry: AuditLine, lang: Lang) -> str:
    if entry.action.startswith("calendar."):
        return _date_or_text(entry.subject)
    if invite := _INVITE_SUBJECT.fullmatch(entry.subject):  # stored as 'invite #12'
        return text("audit.subject.invite", lang, id=invite.group(1))
    if entry.action.startswith("invite.bulk_") and f"selection.{entry.subject}" in MESSAGES:
        return label(f"selection.{entry.subject}", lang)  # stored as the group word typed
    return shorten(entry.subject, VALUE_SHOWN)


def describe_changes(before: Snapshot | None, after: Snapshot | None, lang: Lang,
                     tz: tzinfo | None = None) -> Html:
    """`tên: Old → New, đang theo dõi: có → không` (HTML), each key named in the reader's
    language; keys only in one snapshot show their one value; a due rule in words, a day kind,
    a role, a unit group, stored codes in words, lists as 'a, b', dates as officials write
    them and times in `tz` (the reader's; None: as stored, in UTC)."""
    before, after = before or {}, after or {}
    parts = []
    for key in [*before, *(key for key in after if key not in before)]:
        old, new = before.get(key), after.get(key)
        name = html.escape(field_label(key, lang), quote=False)
        if key in before and key in after:
            if old != new:
                parts.append(f"{name}: {_value(key, old, lang, tz)} → "
                             f"{_value(key, new, lang, tz)}")
        elif key in after:
            parts.append(f"{name}: {_value(key, new, lang, tz)}")
        else:
            parts.append(f"{name}: {_value(key, old, lang, tz)} → —")
    return Html(", ".join(parts))


def _value(key: str, value: object, lang: Lang, tz: tzinfo | None) -> str:
    """One snapshot value as HTML."""
    if isinstance(value, bool):
        return label("audit.yes" if value else "audit.no", lang)
    if value is None or value == [] or value == ():
        return "—"
    if isinstance(value, list | tuple):
        return ", ".join(_value(key, item, lang, tz) for item in value)
    if key == "offsets" and isinstance(value, str):  # an edit stores '7,3,1'
        return html.escape(", ".join(part.strip() for part in value.split(",")), quote=False)
    if key in TIME_KEYS and isinstance(value, str):
        return html.escape(_local_time(value, tz), quote=False)
    if isinstance(value, str) and value in VALUE_CODES.get(key, ()):
        return label(f"audit.{key}.{value}", lang)
    if key == "rule" and isinstance(value, str):
        return _rule_words(value, lang)
    if key == "kind" and value in DAY_KINDS:
        return label(f"day_kind.{value}", lang)
    if key in ROLE_KEYS and f"audit.role.{value}" in MESSAGES:
        return label(f"audit.role.{value}", lang)
    if key == "group" and value in UNIT_GROUPS:
        return group_label(str(value), lang)
    shown = _date_or_text(str(value)) if key in DATE_KEYS else shorten(str(value), VALUE_SHOWN)
    return html.escape(shown, quote=False)


def field_label(key: str, lang: Lang) -> str:
    """The reader's name for a snapshot key; a key no longer written shows as stored."""
    found = MESSAGES.get(f"audit.field.{key}")
    return found[lang] if found else key


def _rule_words(stored: str, lang: Lang) -> str:
    """A stored RRULE in words ('ngày 15 hằng tháng'); one that no longer parses as stored."""
    try:
        return due_rule_text(parse_rule(stored), lang)
    except DomainError:
        return html.escape(shorten(" ".join(stored.split()), VALUE_SHOWN), quote=False)


def _local_time(value: str, tz: tzinfo | None) -> str:
    """'2020-01-23T02:00:03.5+00:00' as '23/01/2020 09:00' in `tz`; anything else as it is."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return shorten(value, VALUE_SHOWN)
    if tz is not None and moment.tzinfo is not None:
        moment = moment.astimezone(tz)
    return f"{moment:%d/%m/%Y %H:%M}"


def _date_or_text(value: str) -> str:
    """'2020-03-10' as '10/03/2020'; anything else (shortened) as it is."""
    try:
        return format_vn_date(date.fromisoformat(value))
    except ValueError:
        return shorten(value, VALUE_SHOWN)
