"""/unit's page: one unit in full, with its lineage in the officials' words (HTML)."""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.dates import format_vn_date
from bot.domain.reorganisations import Reorganisation
from bot.services.unit_detail import UnitDetail
from bot.texts import Html, Lang, text
from bot.texts.reorganisations_render import event_in_words
from bot.texts.units_render import group_label


def unit_detail_text(detail: UnitDetail, lang: Lang) -> str:
    """The unit's name, code, group, dates, state, people, and its lineage both ways."""
    unit = detail.unit
    lines = [text("unit_detail.title", lang, name=unit.name, code=unit.code),
             text("unit_detail.group", lang, group=group_label(unit.group, lang)),
             _validity(detail, lang), _state(detail, lang),
             text("unit_detail.people", lang, officers=detail.officers,
                  heads=", ".join(detail.heads) or text("unit_detail.heads_none", lang))]
    if detail.took_over:
        lines += ["", text("unit_detail.predecessors", lang)]
        lines += [_event_line(event, detail, lang) for event in detail.took_over]
    if detail.closed_by is not None:
        lines += ["", text("unit_detail.successors", lang),
                  _event_line(detail.closed_by, detail, lang)]
    if detail.carried_by:
        lines.append(text("unit_detail.carried_now", lang,
                          units=_named(detail.carried_by, detail)))
    if not detail.took_over and detail.closed_by is None:
        lines += ["", text("unit_detail.no_lineage", lang)]
    return "\n".join(lines)


def _validity(detail: UnitDetail, lang: Lang) -> str:
    start, end = detail.unit.active_from, detail.unit.active_until
    if start is not None and end is not None:
        return text("unit_detail.valid_between", lang, start=format_vn_date(start),
                    end=format_vn_date(end))
    if start is not None:
        return text("unit_detail.valid_from", lang, start=format_vn_date(start))
    if end is not None:
        return text("unit_detail.valid_until", lang, end=format_vn_date(end))
    return text("unit_detail.valid_always", lang)


def _state(detail: UnitDetail, lang: Lang) -> str:
    unit, closing = detail.unit, detail.closed_by
    if closing is not None and detail.closed:
        return text("unit_detail.state_reorganised", lang,
                    day=format_vn_date(closing.effective_on))
    if not unit.active:
        return text("unit_detail.state_disabled", lang)
    if unit.active_from is not None and unit.active_from > detail.today:
        return text("unit_detail.state_starting", lang, day=format_vn_date(unit.active_from))
    if closing is not None:
        return text("unit_detail.state_closing", lang, day=format_vn_date(closing.effective_on))
    return text("unit_detail.state_active", lang)


def _event_line(event: Reorganisation, detail: UnitDetail, lang: Lang) -> str:
    basis = event.basis.citation()
    line = text("unit_detail.event", lang, what=Html(event_in_words(event, detail.names, lang)))
    return line + (text("unit_detail.event_basis", lang, basis=basis) if basis else "")


def _named(codes: Sequence[str], detail: UnitDetail) -> str:
    return ", ".join(f"{detail.names.get(code, code)} ({code})" for code in codes)
