"""The reorganisation plan and its notices, in the officials' words: "Sáp nhập Sở Kế hoạch và
Đầu tư (skhdt) vào Sở Tài chính (stc) từ 01/03/2025". HTML for chat; `plain` for a terminal."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.domain.dates import format_vn_date
from bot.domain.reorganisations import Reorganisation
from bot.services.reorganisations import EventPlan, PersonMove, ReorganisationPlan
from bot.texts import Html, Lang, text

_TAG = re.compile(r"</?[a-z]+>")


def event_in_words(event: Reorganisation, names: Mapping[str, str], lang: Lang) -> str:
    """One line: the kind in the officials' word, the units by name and code, the date."""
    return text(f"reorg.kind.{event.kind.value}", lang,
                before=_named(event.predecessors, names), after=_named(event.successors, names),
                day=format_vn_date(event.effective_on))


def plan_text(plan: ReorganisationPlan, lang: Lang) -> str:
    """The whole plan (HTML): per event, what closes and opens, who moves, which deadlines
    change units, which open reports are carried or closed and which invites are revoked."""
    if plan.changes_nothing:
        return text("reorg.plan.nothing", lang)
    lines = [text("reorg.plan.title", lang, count=len(plan.events))]
    if plan.already_applied:
        lines.append(text("reorg.plan.skipped", lang, count=len(plan.already_applied)))
    for number, event_plan in enumerate(plan.events, start=1):
        lines += _event_lines(number, event_plan, plan.names, lang)
    return "\n".join(lines)


def plain(rendered: str) -> str:
    """Chat HTML as terminal text."""
    return html.unescape(_TAG.sub("", rendered))


def _event_lines(number: int, plan: EventPlan, names: Mapping[str, str], lang: Lang
                 ) -> list[str]:
    event = plan.event
    none = text("reorg.plan.none", lang)
    lines = [text("reorg.plan.event", lang, number=number,
                  what=event_in_words(event, names, lang))]
    if event.basis.citation():  # /reorganize may leave it out
        lines.append(text("reorg.plan.basis", lang, basis=event.basis.citation()))
    if event.note:
        lines.append(text("reorg.plan.note", lang, note=event.note))
    lines.append(text("reorg.plan.closed", lang, units=_codes(event.predecessors) or none))
    if plan.created:
        lines.append(text("reorg.plan.created", lang, units="; ".join(
            f"{unit.code} — {unit.name}" for unit in plan.created)))
    lines += [_person_line(move, lang) for move in plan.people] or [
        text("reorg.plan.people_none", lang)]
    lines += [text("reorg.plan.selector", lang, code=change.deadline_code,
                   selector=change.selector, removed=_codes(change.removed) or none,
                   added=_codes(change.added) or none) for change in plan.selectors]
    lines += [text("reorg.plan.recipient", lang, code=change.deadline_code, before=change.before,
                   after=change.after) for change in plan.recipients]
    for report in plan.open_reports:
        key = "reorg.plan.report_carried" if report.to_units else "reorg.plan.report_closed"
        lines.append(text(key, lang, code=report.deadline_code,
                          due=format_vn_date(report.due_date), unit=report.unit_code,
                          to_units=_codes(report.to_units)))
    lines += [text("reorg.plan.invite", lang, number=invite.invite_id, unit=invite.unit_code,
                   role=text(f"audit.role.{invite.role}", lang)) for invite in plan.invites]
    return lines


@dataclass(frozen=True, slots=True)
class HeadRequest:
    """The person the office is asked to confirm as the head of a unit."""

    person_id: int
    person_name: str
    unit_code: str


def notice_message(kind: str, payload: Mapping[str, Any], lang: Lang
                   ) -> tuple[str, HeadRequest | None]:
    """A reorganisation notice (bot.services.reorganisations) as HTML, and the head to confirm
    when the office must confirm one."""
    day = format_vn_date(date.fromisoformat(str(payload["day"])))
    old = {"old_code": payload["old_code"], "old_name": payload["old_name"]}
    if kind == "reorg_released":
        successors = ", ".join(payload.get("successors") or []) or text(
            "reorg.successors.none", lang)
        return text("reorg.notice.released", lang, day=day, successors=successors, **old), None
    new = {"new_code": payload["new_code"], "new_name": payload["new_name"]}
    what = text(f"reorg.notice.what.{payload['kind']}", lang, new_name=payload["new_name"])
    if kind == "reorg_head":
        head = HeadRequest(int(payload["person_id"]), str(payload["person_name"]),
                           str(payload["new_code"]))
        return text("reorg.notice.head", lang, day=day, name=payload["person_name"], **old,
                    **new), head
    return text("reorg.notice.moved", lang, day=day, what=Html(what), **old, **new), None


def _person_line(move: PersonMove, lang: Lang) -> str:
    if move.to_code is None:
        return text("reorg.plan.person_released", lang, name=move.full_name,
                    from_code=move.from_code)
    line = text("reorg.plan.person_moved", lang, name=move.full_name, from_code=move.from_code,
                to_code=move.to_code)
    return line + (text("reorg.plan.person_head", lang) if move.was_head else "")


def _named(codes: Sequence[str], names: Mapping[str, str]) -> str:
    return ", ".join(f"{names.get(code, code)} ({code})" for code in codes)


def _codes(codes: Sequence[str]) -> str:
    return ", ".join(codes)
