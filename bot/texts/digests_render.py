"""The digest as the provincial office reads it on a phone: counts first (in all, then per
group of units), then who to chase, in at most three messages (bot.texts.digest_layout)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from bot.domain.dates import format_vn_date
from bot.domain.delivery import UnreachableChat
from bot.domain.digests import (
    NAMES_SHOWN,
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
from bot.texts import Lang, text
from bot.texts.digest_layout import Block, Listing, MessagePlan, lay_out
from bot.texts.office_actions_render import more_actions_lines
from bot.texts.units_render import HEAD_NAME_SHOWN, HEADS_SHOWN, NAME_SHOWN, group_label, shorten

TITLE_SHOWN = 120
UNREACHABLE_SHOWN = 20
NOTE_SHOWN = 300
LEFT_OUT_SHOWN = 10  # reports named in the line about those that did not fit
LINK_LONGEST = 1000  # a dashboard address longer than this (a misconfiguration) is not given
# Positions of the lists in OccurrenceBlock.listings.
_SILENT, _EXTENSION = 0, 4
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class DigestPart:
    """One message of a digest and the office's buttons under it (at most
    MAX_BUTTONS_PER_MESSAGE, all about the last occurrence of the message)."""

    text: str
    actions: tuple[OfficeAction, ...] = ()


def digest_messages(digest: Digest, lang: Lang, dashboard_url: str | None = None) -> list[str]:
    """The digest in at most three messages, each under Telegram's limit."""
    return [part.text for part in digest_parts(digest, lang, dashboard_url)]


def digest_parts(digest: Digest, lang: Lang, dashboard_url: str | None = None
                 ) -> list[DigestPart]:
    """The digest's messages (at most three) with the office's buttons.

    An occurrence with buttons ends its message, so a message never carries two occurrences'
    buttons and a label such as 'Đôn đốc syt' is never ambiguous; units beyond the buttons
    get a line with the command. Lists are cut to fit ("… và N đơn vị khác"), with the link
    to the report's page on the dashboard (`dashboard_url`: WEB_BASE_URL) when given.
    """
    head = [text("digest.title", lang), text(f"digest.subtitle.{digest.scope.value}", lang,
                                              today=format_vn_date(digest.today))]
    if not digest.occurrences and digest.scope is DigestScope.OPEN:
        head.append(text("digest.none_open", lang))
    blocks = [OccurrenceBlock(occurrence, number, lang, dashboard_url)
              for number, occurrence in enumerate(digest.occurrences, start=1)]
    closing = UnreachableBlock(digest.unreachable, lang) if digest.unreachable else None
    plans = lay_out(head, blocks, closing, lambda left: _left_out_lines(left, lang))
    return [DigestPart(plan.text(), _actions_of(plan)) for plan in plans]


def _actions_of(plan: MessagePlan) -> tuple[OfficeAction, ...]:
    placed = plan.with_buttons
    if placed is None or not isinstance(placed.block, OccurrenceBlock):
        return ()
    return placed.block.buttons(placed.shown)


class OccurrenceBlock:
    """One occurrence: what and when, the counts in all and per group, then the units worth
    naming (the layout decides how many), the dashboard link when a list is cut, and the
    commands for the units beyond the buttons."""

    names_cap = NAMES_SHOWN

    def __init__(self, digest: OccurrenceDigest, number: int, lang: Lang,
                 dashboard_url: str | None) -> None:
        self.digest, self.lang = digest, lang
        self.head = head_lines(digest, number, lang)
        counts = digest.counts
        # In display order: silent, late, blocked units and extension requests are named in
        # turns; units in progress with the room left.
        self.listings = (
            _listing("silent", digest.not_sent, digest.silent, _silent_line, lang),
            _listing("late", counts[Standing.SENT_LATE], digest.late, _late_line, lang),
            _listing("in_progress", counts[Standing.IN_PROGRESS], digest.in_progress,
                     _plain_line, lang, tier=1),
            _listing("blocked", counts[Standing.BLOCKED], digest.blocked, _blocked_lines, lang),
            _listing("extension", counts[Standing.EXTENSION], digest.extensions,
                     _extension_line, lang),
        )
        self.candidates = digest_actions(digest)
        self.link = _dashboard_line(digest, dashboard_url, lang)

    @property
    def has_actions(self) -> bool:
        return bool(self.candidates)

    def lines(self, shown: Sequence[int], buttons: bool) -> list[str]:
        lines = ["", *self.head]
        for listing, count in zip(self.listings, shown, strict=True):
            lines += _section_lines(listing, count, self.lang)
        if self.link and any(n < listing.total for listing, n in zip(self.listings, shown,
                                                                     strict=True)):
            lines.append(self.link)
        named = self.named_actions(shown)
        on_buttons = self.buttons(shown) if buttons else ()
        return lines + more_actions_lines(self.digest, named[len(on_buttons):],
                                          self.digest.not_sent - shown[_SILENT], self.lang,
                                          after_buttons=bool(on_buttons))

    def named_actions(self, shown: Sequence[int]) -> tuple[OfficeAction, ...]:
        """The actions on the units the digest names (silent units, extension requests)."""
        named = ({unit.unit_code for unit in self.digest.silent[:shown[_SILENT]]}
                 | {answer.unit_code for answer in self.digest.extensions[:shown[_EXTENSION]]})
        return tuple(action for action in self.candidates if action.unit_code in named)

    def buttons(self, shown: Sequence[int]) -> tuple[OfficeAction, ...]:
        return self.named_actions(shown)[:MAX_BUTTONS_PER_MESSAGE]


class UnreachableBlock:
    """Who reminders cannot reach, so the office can call them instead."""

    names_cap = UNREACHABLE_SHOWN
    has_actions = False

    def __init__(self, chats: Sequence[UnreachableChat], lang: Lang) -> None:
        self.lang = lang
        items = tuple((_unreachable_line(chat, lang),) for chat in chats[:UNREACHABLE_SHOWN])
        self.listings = (Listing(text("digest.unreachable.heading", lang, count=len(chats)),
                                 len(chats), items),)

    def lines(self, shown: Sequence[int], buttons: bool) -> list[str]:
        return ["", *_section_lines(self.listings[0], shown[0], self.lang)]


def _unreachable_line(chat: UnreachableChat, lang: Lang) -> str:
    kind = "group" if chat.is_group else "person"
    return text(f"digest.unreachable.{kind}", lang, name=shorten(chat.name, 60),
                units=", ".join(chat.units) or "—", since=format_vn_date(chat.since.date()))


def head_lines(digest: OccurrenceDigest, number: int, lang: Lang) -> list[str]:
    """What and when, the counts, and the counts per group of units when there are several."""
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
    if len(digest.groups) > 1:
        lines.append(text("digest.groups.heading", lang))
        for group in digest.groups:
            counts = ", ".join(text(f"digest.group.{standing.value}", lang, count=n)
                               for standing in STANDING_ORDER if (n := group.counts[standing]))
            lines.append(text("digest.group", lang, group=group_label(group.group, lang),
                              expected=group.expected, counts=counts))
    return lines


def _due_line(digest: OccurrenceDigest, lang: Lang) -> str:
    occurrence = digest.occurrence
    line = text(f"digest.due.{digest.state.value}", lang,
                due=format_vn_date(occurrence.effective_due_date),
                days=abs(digest.working_days_left))
    if occurrence.due_date != occurrence.effective_due_date:
        line += " " + text("digest.due.moved", lang, nominal=format_vn_date(occurrence.due_date))
    return line


def _dashboard_line(digest: OccurrenceDigest, dashboard_url: str | None, lang: Lang
                    ) -> str | None:
    """The report's page on the dashboard, every unit on it (the year named, so the link
    still works after New Year)."""
    if not dashboard_url:
        return None
    due = digest.occurrence.due_date
    url = (f"{dashboard_url}/report/{digest.occurrence.deadline_code}/{due.isoformat()}"
           f"?year={due.year}")
    return text("digest.dashboard", lang, url=url) if len(url) <= LINK_LONGEST else None


def _left_out_lines(blocks: Sequence[Block], lang: Lang) -> list[str]:
    """The reports that did not fit, by code and due date, to ask for one by one."""
    occurrences = [b.digest.occurrence for b in blocks if isinstance(b, OccurrenceBlock)]
    if not occurrences:
        return []
    named = [f"{o.deadline_code} {format_vn_date(o.due_date)}"
             for o in occurrences[:LEFT_OUT_SHOWN]]
    more = ["…"] if len(occurrences) > LEFT_OUT_SHOWN else []
    return ["", text("digest.left_out", lang, count=len(occurrences),
                     reports=", ".join(named + more))]


def _listing(name: str, total: int, shown: Sequence[T], render: Callable[[T, Lang], list[str]],
             lang: Lang, tier: int = 0) -> Listing:
    return Listing(text(f"digest.section.{name}", lang, count=total), total,
                   tuple(tuple(render(item, lang)) for item in shown), tier)


def _section_lines(listing: Listing, shown: int, lang: Lang) -> list[str]:
    """A heading with the total, a line (or two) per unit named, and how many more there are;
    nothing for a list of the second tier that names nobody (the counts above give its total)."""
    if not listing.total or (listing.tier and not shown):
        return []
    lines = [listing.heading, *(line for item in listing.items[:shown] for line in item)]
    if listing.total > shown:
        lines.append(text("digest.more" if shown else "digest.more.unnamed", lang,
                          count=listing.total - shown))
    return lines


def _name(unit_name: str) -> str:
    return shorten(unit_name, NAME_SHOWN)


def _escalated(line: str, escalated: bool, lang: Lang) -> str:
    return line + text("digest.escalated", lang) if escalated else line


def _silent_line(unit: SilentUnit, lang: Lang) -> list[str]:
    if unit.heads:
        shown = [shorten(head, HEAD_NAME_SHOWN) for head in unit.heads[:HEADS_SHOWN]]
        extra = len(unit.heads) - len(shown)
        heads = ", ".join(shown) + (f" +{extra}" if extra else "")
        line = text("digest.unit.heads", lang, unit=_name(unit.unit_name), heads=heads)
    else:
        line = text("digest.unit", lang, unit=_name(unit.unit_name))
    return [_escalated(line, unit.escalated, lang)]


def _late_line(unit: LateUnit, lang: Lang) -> list[str]:
    line = (text("digest.late.days", lang, unit=_name(unit.unit_name), days=unit.days_late)
            if unit.days_late else
            text("digest.late.day_off", lang, unit=_name(unit.unit_name),
                 sent=format_vn_date(unit.sent_on)))
    return [_escalated(line, unit.escalated, lang)]


def _plain_line(answer: UnitAnswer, lang: Lang) -> list[str]:
    return [_escalated(text("digest.unit", lang, unit=_name(answer.unit_name)),
                       answer.escalated, lang)]


def _blocked_lines(answer: UnitAnswer, lang: Lang) -> list[str]:
    difficulty = _one_line(answer.note) or text("digest.blocked.no_text", lang)
    lines = [_escalated(text("digest.blocked.unit", lang, unit=_name(answer.unit_name),
                             difficulty=difficulty), answer.escalated, lang)]
    if answer.proposal.strip():
        lines.append(text("digest.blocked.proposal", lang, proposal=_one_line(answer.proposal)))
    return lines


def _extension_line(answer: UnitAnswer, lang: Lang) -> list[str]:
    wanted = (format_vn_date(answer.wanted_date) if answer.wanted_date
              else text("digest.extension.no_date", lang))
    reason = _one_line(answer.note)
    unit = _name(answer.unit_name)
    line = (text("digest.extension.unit_reason", lang, unit=unit, wanted=wanted, reason=reason)
            if reason else text("digest.extension.unit", lang, unit=unit, wanted=wanted))
    if answer.granted_until is not None:
        line += text("office.extension.granted", lang,
                     until=format_vn_date(answer.granted_until))
    return [line]


def _one_line(note: str) -> str:
    """A note on one line (line breaks would cut the digest's layout), shortened."""
    return shorten(" ".join(note.split()), NOTE_SHOWN)
