"""Runs first for every update: records who is writing so later handlers know their roles."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.context import BotContext
from bot.domain.errors import TextWithNul
from bot.services.people import Caller, TelegramUser, record_contact
from bot.texts import text
from handlers.chat_scope import addressed_to_bot
from handlers.replies import reply


async def identify_caller(update: Update, context: BotContext) -> None:
    """Set `context.caller`; stop for channels and anonymous group admins.

    They are told why in private chats and channels, and in groups only when they sent a command
    meant for the bot: service messages and chatter in a group get no answer.
    """
    user = update.effective_user
    if user is None or user.is_bot:
        if (update.effective_message is not None and update.effective_chat is not None
                and addressed_to_bot(update, context.bot.username)):
            await reply(update, text("identify.anonymous", context.lang))
        raise ApplicationHandlerStop
    telegram_user = TelegramUser(user.id, user.full_name, user.username, user.language_code)
    now = context.deps.clock()
    context.caller = await context.deps.database.run(
        lambda session: record_contact(session, telegram_user, now)
    )
    if _carries_nul(update):
        raise TextWithNul()


def caller_of(context: BotContext) -> Caller:
    """The caller set by identify_caller (always set for handlers after it)."""
    assert context.caller is not None, "identify_caller runs before every handler"
    return context.caller


def _carries_nul(update: Update) -> bool:
    """Whether what the person typed or tapped contains a NUL: any lookup or write of it would
    fail on PostgreSQL, so it is refused here, once, before any handler sees it."""
    message, query = update.effective_message, update.callback_query
    typed = [query.data] if query is not None else []
    if message is not None and query is None:
        document = message.document
        typed += [message.text, message.caption, document.file_name if document else None]
    return any("\x00" in value for value in typed if value)
