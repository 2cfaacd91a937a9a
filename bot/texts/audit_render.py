"""Renderer for /audit: one compact line per change, in the bot's time zone."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo

from bot.services.audit import AuditLine, Snapshot
from bot.texts import MESSAGES, Lang, text
from bot.texts.units_render import label, shorten

VALUE_SHOWN = 60  # long names are cut in the log; the stored entry keeps them whole


def audit_text(entries: Sequence[AuditLine], tz: tzinfo, lang: Lang) -> str:
    """The entries newest first; reply() splits the result under Telegram's limit."""
    if not entries:
        return text("audit.none", lang)
    lines = [text("audit.header", lang, count=len(entries))]
    lines += [_entry(entry, tz, lang) for entry in entries]
    return "\n".join(lines)


def _entry(entry: AuditLine, tz: tzinfo, lang: Lang) -> str:
    changes = describe_changes(entry.before, entry.after, lang)
    actor = label("audit.system", lang) if entry.actor == "system" else entry.actor
    return text("audit.line", lang, at=f"{entry.at.astimezone(tz):%d/%m/%Y %H:%M}",
                actor=shorten(actor, VALUE_SHOWN), action=action_label(entry.action, lang),
                subject=shorten(entry.subject, VALUE_SHOWN),
                changes=f": {changes}" if changes else "")


def action_label(action: str, lang: Lang) -> str:
    """A readable name for an audit action code, or the code itself when it has none."""
    key = f"audit.action.{action}"
    return label(key, lang) if key in MESSAGES else action


def describe_changes(before: Snapshot | None, after: Snapshot | None, lang: Lang) -> str:
    """`name: Old → New, active: có → không`; keys only in one snapshot show their one value."""
    before, after = before or {}, after or {}
    parts = []
    for key in [*before, *(key for key in after if key not in before)]:
        old, new = before.get(key), after.get(key)
        if key in before and key in after:
            if old != new:
                parts.append(f"{key}: {_value(old, lang)} → {_value(new, lang)}")
        elif key in after:
            parts.append(f"{key}={_value(new, lang)}")
        else:
            parts.append(f"{key}: {_value(old, lang)} → —")
    return ", ".join(parts)


def _value(value: object, lang: Lang) -> str:
    if isinstance(value, bool):
        return label("audit.yes" if value else "audit.no", lang)
    if value is None:
        return "—"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(item, lang) for item in value) + "]"
    return shorten(str(value), VALUE_SHOWN)
