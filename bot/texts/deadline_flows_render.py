"""Renderers for the guided /deadline_add and /deadline_edit: each question and its buttons'
labels; the end is the one-line forms' answer (bot.texts.deadlines_render)."""

from __future__ import annotations

from bot.services.deadline_flows import (
    ADD_STEPS,
    DEADLINE_ADD,
    Choice,
    DeadlineFlowQuestion,
)
from bot.texts import Lang, error_text, text
from bot.texts.deadlines_render import deadline_detail_text
from bot.texts.units_render import label, shorten

CHOICE_LABEL_SHOWN = 40


def deadline_flow_text(question: DeadlineFlowQuestion, lang: Lang, *,
                       intro: bool = False) -> str:
    """The question, after what was wrong with the last answer; `intro` adds the quick form."""
    parts = [_intro(question.flow, lang)] if intro else []
    if question.error is not None:
        parts.append(error_text(question.error, lang))
    parts.append(_question_text(question, lang))
    if question.preview is not None:
        parts.append(deadline_detail_text(question.preview, lang))
    return "\n\n".join(parts)


def _intro(flow: str, lang: Lang) -> str:
    quick = text("deadline_add.usage" if flow == DEADLINE_ADD else "deadline_flow.edit_intro",
                 lang)
    return f"{quick}\n\n{text('deadline_flow.guided', lang)}"


def _question_text(question: DeadlineFlowQuestion, lang: Lang) -> str:
    values = question.values
    if question.asks == "confirm":
        if question.flow == DEADLINE_ADD:
            return text("deadline_flow.confirm_add", lang)
        return text("deadline_flow.confirm_edit", lang,
                    field=label(f"deadline_field.{values.get('field', 'title')}", lang),
                    value=values.get("value") or label("deadline_field.none", lang))
    if question.flow == DEADLINE_ADD:
        number = ADD_STEPS.index(question.step) + 1
        return (text("deadline_flow.step", lang, number=number)
                + text(f"deadline_flow.ask.{question.step}", lang))
    if question.step in ("deadline", "field"):
        return text(f"deadline_flow.ask.{question.step}", lang, code=values.get("code", ""))
    return text(f"deadline_flow.ask.{values.get('field', 'title')}", lang)


def choice_label(asks: str, choice: Choice, lang: Lang) -> str:
    """A button's label: the preset in words, or `code · name` cut short."""
    if asks == "offsets":
        if choice.label == "0":
            return label("deadline_flow.offsets_none", lang)
        return label("deadline_flow.offsets_days", lang).format(days=choice.label)
    if asks == "units":
        return label(f"deadline_flow.units.{choice.value}", lang)
    return shorten(f"{choice.value} · {choice.label}", CHOICE_LABEL_SHOWN)
