"""Officers answer about their reports: the four buttons, the follow-up questions, replies to a
reminder, /status and /history."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from functools import partial
from typing import Any

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler, MessageHandler, filters

from bot.context import BotContext
from bot.domain.errors import StaleButton
from bot.domain.roles import require
from bot.services import status_flows, statuses
from bot.services.flows import Flow
from bot.services.status_flows import StatusQuestion, StatusStep
from bot.services.statuses import StatusReceipt
from bot.status_buttons import CALLBACK_PATTERN, parse_status_callback, status_keyboard
from bot.texts import Lang, text
from bot.texts.statuses_render import (
    history_text,
    note_attached_text,
    open_report_text,
    question_text,
    receipt_text,
)
from handlers.flows import FlowRoute, cancel_button, flow_button, flow_owner, in_private_chat
from handlers.identify import caller_of
from handlers.replies import reply
from handlers.status_files import FILE_MESSAGES

TextHandler = Callable[[Update, BotContext], Awaitable[None]]
FileHandler = Callable[[Update, BotContext], Coroutine[Any, Any, None]]
SKIP = "k"
OPEN_REPORTS_SHOWN = 10


def register_status_handlers(application: Application[Any, Any, Any, Any, Any, Any],
                             other_text: TextHandler, on_file: FileHandler) -> None:
    """The answer buttons, replies to reminders and files (`on_file`: /import's document or
    a report's attachment); any other reply goes to `other_text` (the flows' typed-answer
    handler), since one handler per group sees each message."""
    application.add_handler(CallbackQueryHandler(on_status_button, pattern=CALLBACK_PATTERN))
    application.add_handler(MessageHandler(FILE_MESSAGES, on_file))
    application.add_handler(MessageHandler(
        filters.UpdateType.MESSAGE & filters.REPLY & filters.TEXT & ~filters.COMMAND,
        partial(on_reply, other_text=other_text)))


async def on_status_button(update: Update, context: BotContext) -> None:
    """A tap on an answer: record it (or ask the follow-up), tick it on the message, confirm."""
    query = update.callback_query
    assert query is not None
    parsed = parse_status_callback(query.data or "")
    if parsed is None:
        raise StaleButton()
    ref, status = parsed
    caller, now, timing = caller_of(context), context.deps.clock(), context.deps.timing
    owner = flow_owner(update) if in_private_chat(update) else None
    step = await context.deps.database.run(
        lambda s: status_flows.begin(s, caller, owner, ref, status, now, timing))
    await query.answer()
    if step.receipt is not None and query.message is not None:
        await _tick(query.message, step.receipt, context.lang)
    await _say(update, context, step, group_hint=owner is None)


async def on_reply(update: Update, context: BotContext, other_text: TextHandler) -> None:
    """Text sent as a reply to one of the bot's reminders is attached to that report; other
    replies in a private chat are typed answers like any other."""
    message = update.effective_message
    assert message is not None and message.reply_to_message is not None
    target = message.reply_to_message
    ref = None
    if target.from_user is not None and target.from_user.id == context.bot.id:
        ref = await context.deps.database.run(
            lambda s: statuses.report_of_reminder(s, message.chat_id, target.message_id))
    if ref is None:
        if in_private_chat(update):
            await other_text(update, context)
        return
    caller, now, timing, typed = caller_of(context), context.deps.clock(), context.deps.timing, \
        message.text or ""
    receipt = await context.deps.database.run(
        lambda s: statuses.add_details(s, caller, ref, now, timing, note=typed))
    await reply(update, note_attached_text(receipt, context.lang))


async def on_text(update: Update, context: BotContext, flow: Flow, typed: str) -> None:
    caller, now, timing = caller_of(context), context.deps.clock(), context.deps.timing
    step = await context.deps.database.run(
        lambda s: status_flows.answer_text(s, caller, flow, typed, now, timing))
    await _say(update, context, step)


async def on_button(update: Update, context: BotContext, flow: Flow, action: str,
                    _value: str) -> None:
    if action != SKIP:
        raise StaleButton()
    caller, now, timing = caller_of(context), context.deps.clock(), context.deps.timing
    step = await context.deps.database.run(
        lambda s: status_flows.skip(s, caller, flow, now, timing))
    assert update.callback_query is not None
    await update.callback_query.answer()
    await update.callback_query.edit_message_reply_markup(None)
    await _say(update, context, step)


STATUS_FLOW_ROUTES = {status_flows.STATUS_FLOW: FlowRoute(on_text, on_button)}


async def show_open_reports(update: Update, context: BotContext) -> None:
    """/status: each open report of the caller's units with its answer buttons."""
    caller, now, timing = caller_of(context), context.deps.clock(), context.deps.timing
    require(caller.roles, "status")
    views = await context.deps.database.run(
        lambda s: statuses.open_reports(s, caller, now, timing))
    if not views:
        await reply(update, text("status.none_open", context.lang))
        return
    for view in views[:OPEN_REPORTS_SHOWN]:
        await reply(update, open_report_text(view, context.lang),
                    status_keyboard(view.ref, context.lang, view.status))


async def show_history(update: Update, context: BotContext) -> None:
    """/history: the latest updates of the caller's units."""
    caller = caller_of(context)
    require(caller.roles, "history")
    lines = await context.deps.database.run(lambda s: statuses.history(s, caller))
    await reply(update, history_text(lines, context.deps.settings.bot_timezone, context.lang))


async def _say(update: Update, context: BotContext, step: StatusStep,
               group_hint: bool = False) -> None:
    if step.receipt is not None:
        message = receipt_text(step.receipt, context.lang)
        if group_hint and step.receipt.status.value in ("blocked", "extension"):
            message += "\n" + text("status.group_details", context.lang)
        await reply(update, message)
    if step.question is not None:
        await reply(update, question_text(step.question, context.lang),
                    _question_keyboard(step.question, context.lang))


def _question_keyboard(question: StatusQuestion, lang: Lang) -> InlineKeyboardMarkup:
    buttons = [cancel_button(question.flow_ref, lang)]
    if question.skippable:
        buttons.insert(0, flow_button(text("status.button.skip", lang), question.flow_ref, SKIP))
    return InlineKeyboardMarkup([buttons])


async def _tick(message: object, receipt: StatusReceipt, lang: Lang) -> None:
    """Show the recorded answer on the buttons of the message that was tapped."""
    if not isinstance(message, Message):
        return
    keyboard = status_keyboard(receipt.report.ref, lang, receipt.status)
    try:
        await message.edit_reply_markup(keyboard)
    except BadRequest as error:  # tapped the answer already ticked
        if "not modified" not in str(error):
            raise
