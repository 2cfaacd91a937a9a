"""The digest as the provincial office reads it on a phone: counts first, then who to chase."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from bot.domain.dates import format_vn_date
from bot.domain.delivery import UnreachableChat
from bot.domain.digests import (
    STANDING_ORDER,
    Digest,
    DigestScope,
    LateUnit,
    OccurrenceDigest,
    SilentUnit,
    UnitAnswer,
)
from bot.domain.office_actions import MAX_BUTTONS_PER_MESSAGE, OfficeAction, digest_actions
from bot.domain.statuses import Standing
from bot.texts import Lang, split_message, text
from bot.texts.office_actions_render import more_actions_lines
from bot.texts.units_render import shorten

TITLE_SHOWN = 120
UNREACHABLE_SHOWN = 20
NOTE_SHOWN = 300
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class DigestPart:
    """One message of a digest and the office's buttons under it (at most
    MAX_BUTTONS_PER_MESSAGE, all about the last occurrence of the message)."""

    text: str
    actions: tuple[OfficeAction, ...] = ()


def digest_messages(digest: Digest, lang: Lang) -> list[str]:
    """The digest in as many messages as it needs (each under Telegram's limit)."""
    return [part.text for part in digest_parts(digest, lang)]


def digest_parts(digest: Digest, lang: Lang) -> list[DigestPart]:
    """The digest's messages with the office's buttons. An occurrence with buttons ends its
    message, so a message never carries two occurrences' buttons and a label such as
    'Đôn đốc syt' is never ambiguous; units beyond the buttons get a line with the command."""
    today = format_vn_date(digest.today)
    lines = [text("digest.title", lang), text(f"digest.subtitle.{digest.scope.value}", lang,
                                               today=today)]
    if not digest.occurrences and digest.scope is DigestScope.OPEN:
        lines.append(text("digest.none_open", lang))
    parts: list[DigestPart] = []
    actions: tuple[OfficeAction, ...] = ()
    for number, occurrence in enumerate(digest.occurrences, start=1):
        if actions:
            parts += _with_buttons(lines, actions)
            lines = []
        candidates = digest_actions(occurrence)
        actions = candidates[:MAX_BUTTONS_PER_MESSAGE]
        lines += ["", *occurrence_lines(occurrence, number, lang),
                  *more_actions_lines(occurrence, candidates[len(actions):], lang)]
    lines += unreachable_lines(digest.unreachable, lang)
    return parts + _with_buttons(lines, actions)


def _with_buttons(lines: list[str], actions: tuple[OfficeAction, ...]) -> list[DigestPart]:
    """The lines split under Telegram's limit, the buttons under the last message."""
    texts = split_message("\n".join(lines).strip("\n"))
    return [DigestPart(part, actions if index == len(texts) - 1 else ())
            for index, part in enumerate(texts)]


def unreachable_lines(chats: Sequence[UnreachableChat], lang: Lang) -> list[str]:
    """Who reminders cannot reach, so the office can call them instead."""
    if not chats:
        return []
    lines = ["", text("digest.unreachable.heading", lang, count=len(chats))]
    for chat in chats[:UNREACHABLE_SHOWN]:
        kind = "group" if chat.is_group else "person"
        lines.append(text(f"digest.unreachable.{kind}", lang, name=shorten(chat.name, 60),
                          units=", ".join(chat.units) or "—",
                          since=format_vn_date(chat.since.date())))
    if len(chats) > UNREACHABLE_SHOWN:
        lines.append(text("digest.more", lang, count=len(chats) - UNREACHABLE_SHOWN))
    return lines


def occurrence_lines(digest: OccurrenceDigest, number: int, lang: Lang) -> list[str]:
    """One occurrence: what and when, the counts, then the units worth naming."""
    occurrence = digest.occurrence
    lines = [text("digest.occurrence.title", lang, number=number,
                  title=shorten(occurrence.title, TITLE_SHOWN), code=occurrence.deadline_code)]
    if occurrence.period.label:
        lines.append(text("digest.occurrence.period", lang, period=occurrence.period.label))
    lines.append(_due_line(digest, lang))
    lines.append(text("digest.expected", lang, count=digest.expected))
    lines += [text(f"digest.count.{standing.value}", lang, count=digest.counts[standing])
              for standing in STANDING_ORDER if digest.counts[standing]]
    if digest.escalated:
        lines.append(text("digest.count.escalated", lang, count=digest.escalated))
    lines += _section("silent", digest.not_sent, digest.silent, _silent_line, lang)
    lines += _section("late", digest.counts[Standing.SENT_LATE], digest.late, _late_line, lang)
    lines += _section("in_progress", digest.counts[Standing.IN_PROGRESS], digest.in_progress,
                      _plain_line, lang)
    lines += _section("blocked", digest.counts[Standing.BLOCKED], digest.blocked,
                      _blocked_lines, lang)
    lines += _section("extension", digest.counts[Standing.EXTENSION], digest.extensions,
                      _extension_line, lang)
    return lines


def _due_line(digest: OccurrenceDigest, lang: Lang) -> str:
    occurrence = digest.occurrence
    line = text(f"digest.due.{digest.state.value}", lang,
                due=format_vn_date(occurrence.effective_due_date),
                days=abs(digest.working_days_left))
    if occurrence.due_date != occurrence.effective_due_date:
        line += " " + text("digest.due.moved", lang, nominal=format_vn_date(occurrence.due_date))
    return line


def _section(name: str, total: int, shown: Sequence[T], render: Callable[[T, Lang], list[str]],
             lang: Lang) -> list[str]:
    """A heading with the total, a line (or two) per unit shown, and how many more there are."""
    if not total:
        return []
    lines = [text(f"digest.section.{name}", lang, count=total)]
    for item in shown:
        lines += render(item, lang)
    if total > len(shown):
        lines.append(text("digest.more", lang, count=total - len(shown)))
    return lines


def _escalated(line: str, escalated: bool, lang: Lang) -> str:
    return line + text("digest.escalated", lang) if escalated else line


def _silent_line(unit: SilentUnit, lang: Lang) -> list[str]:
    line = (text("digest.unit.heads", lang, unit=unit.unit_name, heads=", ".join(unit.heads))
            if unit.heads else text("digest.unit", lang, unit=unit.unit_name))
    return [_escalated(line, unit.escalated, lang)]


def _late_line(unit: LateUnit, lang: Lang) -> list[str]:
    line = (text("digest.late.days", lang, unit=unit.unit_name, days=unit.days_late)
            if unit.days_late else
            text("digest.late.day_off", lang, unit=unit.unit_name,
                 sent=format_vn_date(unit.sent_on)))
    return [_escalated(line, unit.escalated, lang)]


def _plain_line(answer: UnitAnswer, lang: Lang) -> list[str]:
    return [_escalated(text("digest.unit", lang, unit=answer.unit_name), answer.escalated, lang)]


def _blocked_lines(answer: UnitAnswer, lang: Lang) -> list[str]:
    difficulty = _one_line(answer.note) or text("digest.blocked.no_text", lang)
    lines = [_escalated(text("digest.blocked.unit", lang, unit=answer.unit_name,
                             difficulty=difficulty), answer.escalated, lang)]
    if answer.proposal.strip():
        lines.append(text("digest.blocked.proposal", lang, proposal=_one_line(answer.proposal)))
    return lines


def _extension_line(answer: UnitAnswer, lang: Lang) -> list[str]:
    wanted = (format_vn_date(answer.wanted_date) if answer.wanted_date
              else text("digest.extension.no_date", lang))
    reason = _one_line(answer.note)
    line = (text("digest.extension.unit_reason", lang, unit=answer.unit_name, wanted=wanted,
                 reason=reason) if reason else
            text("digest.extension.unit", lang, unit=answer.unit_name, wanted=wanted))
    if answer.granted_until is not None:
        line += text("office.extension.granted", lang,
                     until=format_vn_date(answer.granted_until))
    return [line]


def _one_line(note: str) -> str:
    """A note on one line (line breaks would cut the digest's layout), shortened."""
    return shorten(" ".join(note.split()), NOTE_SHOWN)
