"""Renderers for the guided /unit_add and /unit_edit: each question, its buttons' labels, the end."""

from __future__ import annotations

from bot.services.unit_flows import UNIT_ADD, UNIT_EDIT, UnitChoice, UnitFlowDone, UnitFlowQuestion
from bot.texts import Lang, error_text, text
from bot.texts.units_render import group_label, label, shorten, unit_added_text, unit_edit_text

CHOICE_LABEL_SHOWN = 40  # characters of "code · name" on a unit button


def unit_flow_text(question: UnitFlowQuestion, lang: Lang, *, intro: bool = False) -> str:
    """The question, after what was wrong with the last answer; `intro` adds the one-line form."""
    parts = [_intro(question.flow, lang)] if intro else []
    if question.error is not None:
        parts.append(error_text(question.error, lang))
    parts.append(_question_text(question, lang))
    return "\n\n".join(parts)


def _intro(flow: str, lang: Lang) -> str:
    one_line = text("unit_add.usage" if flow == UNIT_ADD else "unit_flow.unit_edit.intro", lang)
    return f"{one_line}\n\n{text('unit_flow.guided', lang)}"


def _question_text(question: UnitFlowQuestion, lang: Lang) -> str:
    values = question.values
    key = f"unit_flow.{question.flow}.{question.step}"
    if (question.flow, question.step) == (UNIT_EDIT, "value"):
        key += f"_{values.get('field', 'name')}"
    group = values.get("group")
    params: dict[str, object] = {
        "code": values.get("code", ""), "name": values.get("name", ""),
        "group": group_label(group, lang) if group else "",
        "page": question.page, "pages": question.pages,
    }
    if (question.flow, question.step) == (UNIT_EDIT, "confirm"):
        params.update(_edit_preview(question, lang))
    return text(key, lang, **params)


def _edit_preview(question: UnitFlowQuestion, lang: Lang) -> dict[str, object]:
    """The field's label, and its value before and after (groups by their label)."""
    values, field = question.values, question.values.get("field", "name")
    before, after = values.get(field, ""), values.get("value", "")
    if field == "group":
        before, after = group_label(before, lang), group_label(after, lang)
    return {"field": label(f"unit_field.{field}", lang), "before": before, "after": after}


def choice_label(choice: UnitChoice) -> str:
    """A unit picker button: code and name, cut short; ⏸ marks a disabled unit."""
    shown = shorten(f"{choice.code} · {choice.name}", CHOICE_LABEL_SHOWN)
    return shown if choice.active else f"⏸ {shown}"


def unit_flow_done_text(done: UnitFlowDone, lang: Lang) -> str:
    """The same answer the one-line /unit_add or /unit_edit gives."""
    if done.added is not None:
        return unit_added_text(done.added, lang)
    assert done.edit is not None
    return unit_edit_text(done.edit, lang)
