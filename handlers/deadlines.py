"""/deadlines, /deadline, /deadline_add, /deadline_edit, /deadline_pause, /deadline_resume,
/deadline_delete (confirmed with buttons).

Every change is made in one unit of work by bot.services.deadlines; once it is committed, the
units whose due date moved are told, the runner's wake-ups are refreshed, and the admin gets one
answer saying what changed and how many reminders moved.
"""

from __future__ import annotations

import re
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

import handlers.deadline_flows as deadline_flows
from bot.context import BotContext
from bot.domain.deadline_drafts import parse_deadline_field, split_one_line
from bot.domain.errors import InvalidDeadlineField, StaleButton, WrongUsage
from bot.services import deadlines
from bot.services.deadlines import DeadlineChange, DeadlineFields
from bot.texts import text
from bot.texts.deadlines_render import (
    deadline_change_text,
    deadline_detail_text,
    deadlines_text,
    delete_confirm_text,
)
from handlers.flows import in_private_chat
from handlers.replies import reply
from handlers.schedule_changes import announce_changes
from handlers.units import allowed_caller, command_words

CALLBACK_PATTERN = r"^dl:"
# dl:d:<code> (delete, confirmed) | dl:k:<code> (keep)
_CALLBACK = re.compile(r"dl:([dk]):([a-z][a-z0-9_]{1,31})")
DEADLINE_USAGE = WrongUsage(usage="/deadline <mã>", example="/deadline quy")
EDIT_USAGE = WrongUsage(usage="/deadline_edit <mã> <mục> <giá trị mới>",
                        example="/deadline_edit quy han ngày 15 tháng cuối quý")


def register_deadline_handlers(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add the deadline commands and the delete confirmation buttons to the application."""
    commands = {"deadlines": list_deadlines, "deadline": show_deadline,
                "deadline_add": add_deadline, "deadline_edit": edit_deadline,
                "deadline_pause": pause_deadline, "deadline_resume": resume_deadline,
                "deadline_delete": delete_deadline}
    for name, callback in commands.items():
        application.add_handler(CommandHandler(name, callback))
    application.add_handler(CallbackQueryHandler(on_delete_button, pattern=CALLBACK_PATTERN))


async def list_deadlines(update: Update, context: BotContext) -> None:
    caller = allowed_caller(context, "deadlines")
    now, timing = context.deps.clock(), context.deps.timing
    summaries = await context.deps.database.run(
        lambda s: deadlines.list_deadlines(s, caller, now, timing))
    await reply(update, deadlines_text(summaries, context.lang))


async def show_deadline(update: Update, context: BotContext) -> None:
    """/deadline <code>: the deadline in full, its next due dates and reminders."""
    caller = allowed_caller(context, "deadline")
    args = context.args or []
    if len(args) != 1:
        raise DEADLINE_USAGE
    now, timing = context.deps.clock(), context.deps.timing
    detail = await context.deps.database.run(
        lambda s: deadlines.deadline_detail(s, caller, args[0], now, timing))
    await reply(update, deadline_detail_text(detail, context.lang))


async def add_deadline(update: Update, context: BotContext) -> None:
    """/deadline_add <rule> | <title> | <units> | <offsets>; alone, it asks step by step."""
    caller = allowed_caller(context, "deadline_add")
    words = command_words(update, 0)
    if not words and in_private_chat(update):
        await deadline_flows.start_add(update, context, caller)
        return
    if not words:
        await reply(update, text("deadline_add.usage", context.lang))
        return
    typed = split_one_line(words[0])
    fields = DeadlineFields(rule=typed.rule, title=typed.title, units=typed.units,
                            offsets=typed.offsets)
    now, timing = context.deps.clock(), context.deps.timing
    change = await context.deps.database.run(
        lambda s: deadlines.add_deadline(s, caller, fields, now, timing))
    await after_change(update, context, change)


async def edit_deadline(update: Update, context: BotContext) -> None:
    """/deadline_edit <code> <field> <value…>; alone, it asks step by step."""
    caller = allowed_caller(context, "deadline_edit")
    words = command_words(update, 2)
    if not words and in_private_chat(update):
        await deadline_flows.start_edit(update, context, caller)
        return
    if len(words) != 3:
        raise EDIT_USAGE
    code, field_word, value = words
    field = parse_deadline_field(field_word)
    if field is None:
        raise InvalidDeadlineField(value=field_word[:32])
    now, timing = context.deps.clock(), context.deps.timing
    change = await context.deps.database.run(
        lambda s: deadlines.edit_deadline(s, caller, code, field, value, now, timing))
    await after_change(update, context, change)


async def pause_deadline(update: Update, context: BotContext) -> None:
    await _switch(update, context, "deadline_pause", paused=True)


async def resume_deadline(update: Update, context: BotContext) -> None:
    await _switch(update, context, "deadline_resume", paused=False)


async def _switch(update: Update, context: BotContext, command: str, *, paused: bool) -> None:
    caller = allowed_caller(context, command)
    args = context.args or []
    if len(args) != 1:
        raise WrongUsage(usage=f"/{command} <mã>", example=f"/{command} quy")
    now, timing = context.deps.clock(), context.deps.timing
    change = await context.deps.database.run(
        lambda s: deadlines.set_paused(s, caller, args[0], paused, now, timing))
    await after_change(update, context, change)


async def delete_deadline(update: Update, context: BotContext) -> None:
    """/deadline_delete <code>: asks for confirmation with Delete / Keep buttons."""
    caller = allowed_caller(context, "deadline_delete")
    args = context.args or []
    if len(args) != 1:
        raise WrongUsage(usage="/deadline_delete <mã>", example="/deadline_delete quy")
    now, timing = context.deps.clock(), context.deps.timing
    detail = await context.deps.database.run(
        lambda s: deadlines.deadline_to_delete(s, caller, args[0], now, timing))
    code = detail.deadline.code
    keyboard = InlineKeyboardMarkup([[
        InlineKeyboardButton(text("deadline.button_delete", context.lang),
                             callback_data=f"dl:d:{code}"),
        InlineKeyboardButton(text("deadline.button_keep", context.lang),
                             callback_data=f"dl:k:{code}"),
    ]])
    await reply(update, delete_confirm_text(detail, context.lang), keyboard)


async def on_delete_button(update: Update, context: BotContext) -> None:
    """Delete (role checked again, deadline looked up again) or keep; the query is answered
    only after the work succeeded, so that a refusal can still be shown on the button."""
    query = update.callback_query
    assert query is not None
    caller = allowed_caller(context, "deadline_delete")
    match = _CALLBACK.fullmatch(query.data or "")
    if match is None:
        raise StaleButton()
    if match[1] == "k":
        await query.answer()
        await query.edit_message_text(text("deadline.delete_cancelled", context.lang))
        return
    now, timing = context.deps.clock(), context.deps.timing
    change = await context.deps.database.run(
        lambda s: deadlines.delete_deadline(s, caller, match[2], now, timing))
    await query.answer()
    told = await announce_changes(context, change.effect)
    await query.edit_message_text(deadline_change_text(change, told, context.lang))


async def after_change(update: Update, context: BotContext, change: DeadlineChange) -> None:
    """After the commit: tell the units whose due date moved (the runner follows), answer."""
    told = await announce_changes(context, change.effect)
    await reply(update, deadline_change_text(change, told, context.lang))
