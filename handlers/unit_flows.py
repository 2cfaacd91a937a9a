"""Guided /unit_add and /unit_edit (the commands alone, in a private chat): questions and buttons.

The steps and their checks are in bot.services.unit_flows; handlers.flows brings typed answers
and taps here. A typed answer gets the next question as a new message; a tap turns the message
it was on into the next question, or into the result.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.context import BotContext
from bot.domain.units import UnitGroup
from bot.services import unit_flows
from bot.services.flows import Flow
from bot.services.people import Caller
from bot.services.unit_flows import UnitFlowDone, UnitFlowQuestion
from bot.texts import Lang, text
from bot.texts.unit_flows_render import (
    choice_label,
    unit_flow_done_text,
    unit_flow_text,
)
from bot.texts.units_render import group_label
from handlers.flows import FlowRoute, cancel_button, flow_button, flow_owner, show_step
from handlers.identify import caller_of
from handlers.replies import reply


async def start_add(update: Update, context: BotContext, caller: Caller) -> None:
    """/unit_add alone: the one-line form explained, then the first question."""
    owner, now = flow_owner(update), context.deps.clock()
    question = await context.deps.database.run(
        lambda s: unit_flows.start_add(s, caller, owner, now))
    await reply(update, unit_flow_text(question, context.lang, intro=True),
                keyboard(question, context.lang))


async def start_edit(update: Update, context: BotContext, caller: Caller) -> None:
    """/unit_edit alone: the one-line form in brief, then the unit picker."""
    owner, now = flow_owner(update), context.deps.clock()
    question = await context.deps.database.run(
        lambda s: unit_flows.start_edit(s, caller, owner, now))
    await reply(update, unit_flow_text(question, context.lang, intro=True),
                keyboard(question, context.lang))


async def on_text(update: Update, context: BotContext, flow: Flow, typed: str) -> None:
    caller, now = caller_of(context), context.deps.clock()
    question = await context.deps.database.run(
        lambda s: unit_flows.answer_text(s, caller, flow, typed, now))
    await reply(update, unit_flow_text(question, context.lang), keyboard(question, context.lang))


async def on_button(update: Update, context: BotContext, flow: Flow, action: str,
                    value: str) -> None:
    caller, now = caller_of(context), context.deps.clock()
    outcome = await context.deps.database.run(
        lambda s: unit_flows.press(s, caller, flow, action, value, now))
    assert update.callback_query is not None
    await update.callback_query.answer()
    if isinstance(outcome, UnitFlowDone):
        await show_step(update, unit_flow_done_text(outcome, context.lang))
    else:
        await show_step(update, unit_flow_text(outcome, context.lang),
                        keyboard(outcome, context.lang))


UNIT_FLOW_ROUTES = {
    unit_flows.UNIT_ADD: FlowRoute(on_text, on_button),
    unit_flows.UNIT_EDIT: FlowRoute(on_text, on_button),
}


def keyboard(question: UnitFlowQuestion, lang: Lang) -> InlineKeyboardMarkup:
    """The buttons that answer the question, and Cancel (beside Confirm on the preview)."""
    flow_ref, cancel = question.flow_ref, cancel_button(question.flow_ref, lang)
    rows: list[list[InlineKeyboardButton]] = []
    if question.asks == "confirm":
        confirm = flow_button(text("flow.button_confirm", lang), flow_ref, unit_flows.CONFIRM)
        return InlineKeyboardMarkup([[confirm, cancel]])
    if question.asks == "group":
        rows = [[flow_button(group_label(group, lang), flow_ref, unit_flows.CHOOSE_GROUP,
                                 group.value)]
                for group in UnitGroup]
    elif question.asks == "field":
        rows = [[flow_button(text(f"unit_flow.button_{field}", lang), flow_ref,
                             unit_flows.CHOOSE_FIELD, field)
                 for field in ("name", "group")]]
    elif question.asks == "unit":
        rows = _unit_picker(question, lang)
    return InlineKeyboardMarkup([*rows, [cancel]])


def _unit_picker(question: UnitFlowQuestion, lang: Lang) -> list[list[InlineKeyboardButton]]:
    """Two columns of units, then ◀ / ▶ when there are other pages."""
    buttons = [flow_button(choice_label(choice), question.flow_ref, unit_flows.CHOOSE_UNIT,
                           choice.code)
               for choice in question.choices]
    rows = [buttons[i:i + 2] for i in range(0, len(buttons), 2)]
    pager = []
    if question.page > 1:
        pager.append(flow_button(text("pager.previous", lang), question.flow_ref,
                                 unit_flows.PAGE, str(question.page - 1)))
    if question.page < question.pages:
        pager.append(flow_button(text("pager.next", lang), question.flow_ref,
                                 unit_flows.PAGE, str(question.page + 1)))
    return [*rows, pager] if pager else rows
