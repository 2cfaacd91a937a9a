"""Renderers for units: the paged /units list and the answers to add, edit, disable."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.dates import format_vn_date
from bot.domain.onboarding import RegistrationGaps
from bot.domain.units import UnitGroup
from bot.services.units import UnitEdit, UnitLine
from bot.texts import MESSAGES, Html, Lang, text

UNITS_PER_PAGE = 15
# Shortened in the list so that a page of the longest names still fits one message (4096).
NAME_SHOWN = 100
HEAD_NAME_SHOWN = 40
HEADS_SHOWN = 2


@dataclass(frozen=True, slots=True)
class UnitsPage:
    """One page of /units: its text, its number (clamped into range) and how many there are."""

    text: str
    page: int
    pages: int


def shorten(value: str, limit: int) -> str:
    """`value` cut to `limit` characters, marked with an ellipsis when cut."""
    return value if len(value) <= limit else value[:limit - 1].rstrip() + "…"


def label(key: str, lang: Lang) -> str:
    """A fixed word or phrase, unescaped: it is interpolated (and escaped) by text() later."""
    return MESSAGES[key][lang]


def group_label(group: UnitGroup | str, lang: Lang) -> str:
    return label(f"unit_group.{UnitGroup(group).value}", lang)


def page_count(total: int, per_page: int = UNITS_PER_PAGE) -> int:
    return max(1, -(-total // per_page))


def units_page(units: Sequence[UnitLine], page: int, lang: Lang,
               per_page: int = UNITS_PER_PAGE, gaps: RegistrationGaps | None = None
               ) -> UnitsPage:
    """Page `page` (1-based, clamped) of the units, grouped under headings, with a summary
    (and, given the `gaps`, how many units still lack an officer or a head)."""
    if not units:
        return UnitsPage(text("units.none", lang), 1, 1)
    pages = page_count(len(units), per_page)
    page = min(max(page, 1), pages)
    lines = [text("units.header", lang, page=page, pages=pages, total=len(units),
                  active=sum(unit.follows for unit in units),
                  never=sum(unit.never_registered for unit in units if unit.follows))]
    if gaps is not None:
        lines.append(registration_line(gaps, lang))
    if pages > 1:
        lines.append(_group_pages(units, per_page, lang))
    current_group: UnitGroup | None = None
    for unit in units[(page - 1) * per_page: page * per_page]:
        if unit.group is not current_group:
            current_group = unit.group
            lines.append(text("units.group_heading", lang, group=group_label(unit.group, lang)))
        lines.append(_unit_line(unit, lang))
    return UnitsPage("\n".join(lines), page, pages)


def _group_pages(units: Sequence[UnitLine], per_page: int, lang: Lang) -> str:
    """How many units each group has and on which pages, to jump there with /units N."""
    spans: dict[UnitGroup, tuple[int, int, int]] = {}  # count, first page, last page
    for index, unit in enumerate(units):
        page = index // per_page + 1
        count, first, _last = spans.get(unit.group, (0, page, page))
        spans[unit.group] = (count + 1, first, page)
    groups = [text("units.group_pages", lang, group=group_label(group, lang), count=count,
                   pages=str(first) if first == last else f"{first}–{last}")
              for group, (count, first, last) in spans.items()]
    return text("units.groups", lang, groups=Html(" · ".join(groups)))


def registration_line(gaps: RegistrationGaps, lang: Lang) -> str:
    """/units' line counting the units without an officer and without a head."""
    return text("units.registration", lang, no_officer=len(gaps.without_officer),
                no_head=len(gaps.without_head))


def _unit_line(unit: UnitLine, lang: Lang) -> str:
    """One unit: code, name, officers and heads (or the never-registered mark), disabled mark."""
    name = shorten(unit.name, NAME_SHOWN)
    if unit.never_registered:
        line = text("units.line_never", lang, code=unit.code, name=name)
    else:
        line = text("units.line", lang, code=unit.code, name=name, officers=unit.officers)
    if unit.heads:
        shown = [shorten(head, HEAD_NAME_SHOWN) for head in unit.heads[:HEADS_SHOWN]]
        extra = len(unit.heads) - len(shown)
        line += text("units.heads", lang, names=", ".join(shown) + (f" +{extra}" if extra else ""))
    if unit.until is not None:
        return line + text("units.closed", lang, day=format_vn_date(unit.until))
    return line if unit.active else line + text("units.disabled", lang)


def unit_added_text(unit: UnitLine, lang: Lang) -> str:
    return text("unit.added", lang, name=unit.name, code=unit.code,
                group=group_label(unit.group, lang))


def unit_edit_text(edit: UnitEdit, lang: Lang) -> str:
    """What an edit changed, groups by their label; or that the value was already so."""
    def shown(value: str) -> str:
        return group_label(value, lang) if edit.field == "group" else value

    key = "unit.edited" if edit.changed else "unit.unchanged"
    return text(key, lang, field=label(f"unit_field.{edit.field}", lang), code=edit.code,
                before=shown(edit.before), after=shown(edit.after))


def unit_state_text(key: str, unit: UnitLine, lang: Lang) -> str:
    """Messages about one unit: the disable question, disabled, enabled."""
    return text(key, lang, name=unit.name, code=unit.code, officers=unit.officers)
