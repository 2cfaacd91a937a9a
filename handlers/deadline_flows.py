"""Guided /deadline_add and /deadline_edit (the commands alone, in a private chat).

The steps and their checks are in bot.services.deadline_flows; handlers.flows brings typed
answers and taps here. A typed answer gets the next question as a new message; a tap turns the
message it was on into the next question, or into the result.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.context import BotContext
from bot.domain.deadline_drafts import DEADLINE_FIELDS
from bot.services import deadline_flows
from bot.services.deadline_flows import DeadlineFlowQuestion
from bot.services.deadlines import DeadlineChange
from bot.services.flows import Flow
from bot.services.people import Caller
from bot.texts import Lang, text
from bot.texts.deadline_flows_render import choice_label, deadline_flow_text
from bot.texts.deadlines_render import deadline_change_text
from handlers.flows import FlowRoute, cancel_button, flow_button, flow_owner, show_step
from handlers.identify import caller_of
from handlers.replies import reply
from handlers.schedule_changes import announce_changes

CHOICES_PER_ROW = 2


async def start_add(update: Update, context: BotContext, caller: Caller) -> None:
    """/deadline_add alone: the one-line form explained, then the first question."""
    owner, now = flow_owner(update), context.deps.clock()
    timing = context.deps.timing
    question = await context.deps.database.run(
        lambda s: deadline_flows.start_add(s, caller, owner, now, timing))
    await reply(update, deadline_flow_text(question, context.lang, intro=True),
                keyboard(question, context.lang))


async def start_edit(update: Update, context: BotContext, caller: Caller) -> None:
    """/deadline_edit alone: the quick form in brief, then the choice of the deadline."""
    owner, now = flow_owner(update), context.deps.clock()
    timing = context.deps.timing
    question = await context.deps.database.run(
        lambda s: deadline_flows.start_edit(s, caller, owner, now, timing))
    await reply(update, deadline_flow_text(question, context.lang, intro=True),
                keyboard(question, context.lang))


async def on_text(update: Update, context: BotContext, flow: Flow, typed: str) -> None:
    caller, now = caller_of(context), context.deps.clock()
    timing = context.deps.timing
    question = await context.deps.database.run(
        lambda s: deadline_flows.answer_text(s, caller, flow, typed, now, timing))
    await reply(update, deadline_flow_text(question, context.lang),
                keyboard(question, context.lang))


async def on_button(update: Update, context: BotContext, flow: Flow, action: str,
                    value: str) -> None:
    caller, now = caller_of(context), context.deps.clock()
    timing = context.deps.timing
    outcome = await context.deps.database.run(
        lambda s: deadline_flows.press(s, caller, flow, action, value, now, timing))
    assert update.callback_query is not None
    await update.callback_query.answer()
    if isinstance(outcome, DeadlineChange):
        told = await announce_changes(context, outcome.effect)
        await show_step(update, deadline_change_text(outcome, told, context.lang))
    else:
        await show_step(update, deadline_flow_text(outcome, context.lang),
                        keyboard(outcome, context.lang))


DEADLINE_FLOW_ROUTES = {
    deadline_flows.DEADLINE_ADD: FlowRoute(on_text, on_button),
    deadline_flows.DEADLINE_EDIT: FlowRoute(on_text, on_button),
}


def keyboard(question: DeadlineFlowQuestion, lang: Lang) -> InlineKeyboardMarkup:
    """The buttons that answer the question, and Cancel (beside Confirm on the preview)."""
    flow_ref, cancel = question.flow_ref, cancel_button(question.flow_ref, lang)
    if question.asks == "confirm":
        confirm = flow_button(text("flow.button_confirm", lang), flow_ref,
                              deadline_flows.CONFIRM)
        return InlineKeyboardMarkup([[confirm, cancel]])
    buttons: list[InlineKeyboardButton] = []
    if question.asks == "legal":
        buttons = [flow_button(text("deadline_flow.button_skip", lang), flow_ref,
                               deadline_flows.SKIP)]
    elif question.asks == "field":
        buttons = [flow_button(text(f"deadline_field.{field}", lang), flow_ref,
                               deadline_flows.CHOOSE, field) for field in DEADLINE_FIELDS]
    else:
        buttons = [flow_button(choice_label(question.asks, choice, lang), flow_ref,
                               deadline_flows.CHOOSE, choice.value)
                   for choice in question.choices]
    rows = [buttons[i:i + CHOICES_PER_ROW] for i in range(0, len(buttons), CHOICES_PER_ROW)]
    return InlineKeyboardMarkup([*rows, [cancel]])
