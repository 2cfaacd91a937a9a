"""Every user-facing string, rendered in the reader's language with its values HTML-escaped."""

from __future__ import annotations

import html
import unicodedata
from datetime import date, datetime
from typing import Literal

from bot.domain.dates import format_vn_date
from bot.domain.errors import DomainError
from bot.texts.audit import AUDIT_MESSAGES
from bot.texts.deadlines import DEADLINE_MESSAGES
from bot.texts.digests import DIGEST_MESSAGES
from bot.texts.directive_import import IMPORT_MESSAGES
from bot.texts.due_rules import DUE_RULE_MESSAGES
from bot.texts.errors import ERROR_MESSAGES
from bot.texts.export import EXPORT_MESSAGES
from bot.texts.flows import FLOW_MESSAGES, UNIT_FLOW_MESSAGES
from bot.texts.groups import GROUP_MESSAGES
from bot.texts.messages import GENERAL_MESSAGES
from bot.texts.office_actions import OFFICE_ACTION_MESSAGES
from bot.texts.onboarding import ONBOARDING_MESSAGES
from bot.texts.people import PEOPLE_MESSAGES
from bot.texts.reminders import REMINDER_MESSAGES
from bot.texts.reorganisation_chat import REORGANISATION_CHAT_MESSAGES
from bot.texts.reorganisations import REORGANISATION_MESSAGES
from bot.texts.statuses import STATUS_MESSAGES
from bot.texts.unit_detail import UNIT_DETAIL_MESSAGES
from bot.texts.units import UNIT_MESSAGES
from bot.texts.web import WEB_MESSAGES
from bot.texts.working_days import WORKING_DAY_MESSAGES

Lang = Literal["vi", "en"]
TELEGRAM_TEXT_LIMIT = 4096
MESSAGES: dict[str, dict[str, str]] = {
    **GENERAL_MESSAGES, **PEOPLE_MESSAGES, **UNIT_MESSAGES, **REMINDER_MESSAGES, **STATUS_MESSAGES,
    **GROUP_MESSAGES, **FLOW_MESSAGES, **UNIT_FLOW_MESSAGES, **DIGEST_MESSAGES,
    **OFFICE_ACTION_MESSAGES, **EXPORT_MESSAGES, **DEADLINE_MESSAGES, **WORKING_DAY_MESSAGES,
    **DUE_RULE_MESSAGES, **AUDIT_MESSAGES, **WEB_MESSAGES, **IMPORT_MESSAGES,
    **REORGANISATION_MESSAGES, **REORGANISATION_CHAT_MESSAGES,
    **UNIT_DETAIL_MESSAGES, **ONBOARDING_MESSAGES,
}


class Html(str):
    """Text already rendered for Telegram's HTML parse mode (by another renderer): text() puts
    it in as it is instead of escaping it again."""

    __slots__ = ()


def text(key: str, lang: Lang, **params: object) -> str:
    """The message `key` in `lang`, with every value escaped for Telegram's HTML parse mode
    (except Html values, already rendered)."""
    template = MESSAGES[key][lang]
    escaped = {name: value if isinstance(value, Html) else html.escape(str(value), quote=False)
               for name, value in params.items()}
    return unicodedata.normalize("NFC", template.format(**escaped))


def error_text(error: DomainError, lang: Lang) -> str:
    """The polite explanation of a domain error: what is wrong and what to do."""
    templates = ERROR_MESSAGES.get(error.code) or ERROR_MESSAGES["invalid_input"]
    params = {**error.params, **_named(error.params, lang)}
    escaped = {name: html.escape(_plain(v), quote=False) for name, v in params.items()}
    try:
        return templates[lang].format(**escaped)
    except (KeyError, IndexError):
        return ERROR_MESSAGES["invalid_input"][lang]


def _named(params: dict[str, object], lang: Lang) -> dict[str, object]:
    """Codes a message names in the reader's words: the `roles` codes become `role`."""
    roles = params.get("roles")
    if not isinstance(roles, tuple | list):
        return {}
    names = [MESSAGES[f"role_name.{code}"][lang] for code in roles]
    if len(names) < 3:
        return {"role": MESSAGES["role_name.or"][lang].join(names)}
    return {"role": ", ".join(names[:-1]) + MESSAGES["role_name.or"][lang] + names[-1]}


def _plain(value: object) -> str:
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(_plain(item) for item in value)
    if isinstance(value, date) and not isinstance(value, datetime):
        return format_vn_date(value)
    return str(value)


def split_message(message: str, limit: int = TELEGRAM_TEXT_LIMIT) -> list[str]:
    """Cut a long message into parts under `limit` characters, at line breaks where possible.

    Lines are kept whole so HTML tags (which never span lines in our texts) stay balanced; a
    single line longer than `limit` is cut at the limit, after any open entity.
    """
    parts: list[str] = []
    current = ""
    for line in message.split("\n"):
        while len(line) > limit:
            cut = _safe_cut(line, limit)
            parts, current = _flush(parts, current), ""
            parts.append(line[:cut])
            line = line[cut:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            parts, current = _flush(parts, current), line
        else:
            current = candidate
    return _flush(parts, current) or [""]


def _safe_cut(line: str, limit: int) -> int:
    """A cut position at most `limit` that does not split an HTML entity or tag."""
    cut = limit
    for opener, closer in (("&", ";"), ("<", ">")):
        start = line.rfind(opener, 0, cut)
        if start != -1 and line.find(closer, start, cut) == -1:
            cut = min(cut, start)
    return cut if cut > 0 else limit


def _flush(parts: list[str], current: str) -> list[str]:
    if current.strip():
        parts.append(current)
    return parts
