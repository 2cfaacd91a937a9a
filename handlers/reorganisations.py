"""/reorganize (one event: its plan, then Apply / Cancel) and /unit (one unit and its lineage).

The previewed event is kept as the admin's chat flow (bot.services.reorganisation_commands), so
its buttons are flow buttons: handlers.flows checks that the tap belongs to the presser's open
flow (a stale or forged one is refused on the button), Cancel ends the flow, and Apply comes
here. Every step checks the admin role again.
"""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import Application, CommandHandler

from bot.context import BotContext
from bot.domain.errors import AnswerWithButtons, WrongUsage
from bot.services import reorganisation_commands, unit_detail
from bot.services.flows import Flow
from bot.services.reorganisation_commands import ReorganisationPreview
from bot.texts import Lang, text
from bot.texts.reorganisation_chat_render import (
    reorganisation_applied_text,
    reorganisation_preview_text,
)
from bot.texts.unit_detail_render import unit_detail_text
from handlers.flows import FlowRoute, cancel_button, flow_button, flow_owner, show_step
from handlers.identify import caller_of
from handlers.replies import reply
from handlers.units import allowed_caller, command_words

UNIT_USAGE = WrongUsage(usage="/unit <mã đơn vị>", example="/unit stc")


def register_reorganisation_handlers(
        application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add /reorganize and /unit (the Apply button is a flow button: REORGANIZE_FLOW_ROUTES)."""
    application.add_handler(CommandHandler("reorganize", reorganize))
    application.add_handler(CommandHandler("unit", show_unit))


async def reorganize(update: Update, context: BotContext) -> None:
    """/reorganize <kind> …: the plan with Apply / Cancel; alone, the forms with examples."""
    caller = allowed_caller(context, "reorganize")
    words = command_words(update, 0)
    if not words:
        await reply(update, text("reorganize.usage", context.lang))
        return
    owner, now, tz = flow_owner(update), context.deps.clock(), context.deps.settings.bot_timezone
    preview = await context.deps.database.run(
        lambda s: reorganisation_commands.preview_reorganisation(s, caller, owner, words[0], now,
                                                                 tz))
    await reply(update, reorganisation_preview_text(preview, context.lang),
                _apply_or_cancel(preview, context.lang))


async def on_apply(update: Update, context: BotContext, flow: Flow, action: str,
                   _value: str) -> None:
    """Apply: the event in one unit of work; then the reminders follow the new units."""
    caller, now = caller_of(context), context.deps.clock()
    tz = context.deps.settings.bot_timezone
    plan = await context.deps.database.run(
        lambda s: reorganisation_commands.apply_previewed(s, caller, flow, action, now, tz))
    if not plan.changes_nothing:
        context.reminders.replan_soon()
    assert update.callback_query is not None
    await update.callback_query.answer()
    await show_step(update, reorganisation_applied_text(plan, context.lang))


async def on_typed(_update: Update, _context: BotContext, _flow: Flow, _typed: str) -> None:
    """Typed text while the plan waits for its buttons."""
    raise AnswerWithButtons()


REORGANIZE_FLOW_ROUTES = {reorganisation_commands.REORGANIZE: FlowRoute(on_typed, on_apply)}


def _apply_or_cancel(preview: ReorganisationPreview,
                     lang: Lang) -> InlineKeyboardMarkup | None:
    if not preview.flow_ref:
        return None
    return InlineKeyboardMarkup([[
        flow_button(text("reorganize.button_apply", lang), preview.flow_ref,
                    reorganisation_commands.APPLY),
        cancel_button(preview.flow_ref, lang)]])


async def show_unit(update: Update, context: BotContext) -> None:
    """/unit <code>: the unit in full, with the units it took over and those that took it over."""
    caller = allowed_caller(context, "unit")
    args = context.args or []
    if len(args) != 1:
        raise UNIT_USAGE
    today = context.deps.clock().astimezone(context.deps.settings.bot_timezone).date()
    detail = await context.deps.database.run(
        lambda s: unit_detail.unit_detail(s, caller, args[0], today))
    await reply(update, unit_detail_text(detail, context.lang))
