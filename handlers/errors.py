"""The one error handler: domain errors become polite explanations, anything else an apology."""

from __future__ import annotations

from loguru import logger
from telegram import Update
from telegram.error import Forbidden, NetworkError, TelegramError
from telegram.ext import ApplicationHandlerStop

from bot.context import BotContext
from bot.domain.errors import DomainError, FlowButtonRefused
from bot.texts import error_text, text
from handlers.replies import reply


async def on_error(update: object, context: BotContext) -> None:
    """Answer the user once, then stop: no later handler runs for an update that failed."""
    await _explain(update, context)
    if isinstance(update, Update):
        raise ApplicationHandlerStop


async def _explain(update: object, context: BotContext) -> None:
    error = context.error
    if not isinstance(update, Update):
        logger.opt(exception=error).warning("Error outside an update: {}", error)
        return
    if isinstance(error, FlowButtonRefused) and update.callback_query is not None:
        await _answer_on_button(update, error_text(error, context.lang))
        return
    if isinstance(error, DomainError):
        await _answer(update, error_text(error, context.lang))
        return
    if isinstance(error, Forbidden | NetworkError):
        logger.warning("Telegram refused or failed an answer: {}", error)
        return
    logger.opt(exception=error).error("Unexpected error while handling update {}", update.update_id)
    await _answer(update, text("error.unexpected", context.lang))


async def _answer(update: Update, message: str) -> None:
    try:
        if update.callback_query is not None:
            await update.callback_query.answer()
        await reply(update, message)
    except TelegramError as error:
        logger.warning("Could not send the error answer: {}", error)


async def _answer_on_button(update: Update, message: str) -> None:
    """A short notice on the tapped button itself: its message is out of date, not the chat."""
    assert update.callback_query is not None
    try:
        await update.callback_query.answer(message, show_alert=True)
    except TelegramError as error:
        logger.warning("Could not answer the button: {}", error)
