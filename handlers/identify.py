"""Runs first for every update: records who is writing so later handlers know their roles."""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.services.people import TelegramUser, record_contact


async def identify_caller(update: Update, context: BotContext) -> None:
    user = update.effective_user
    if user is None or user.is_bot:
        return
    telegram_user = TelegramUser(user.id, user.full_name, user.username, user.language_code)
    now = context.deps.clock()
    context.caller = await context.deps.database.run(
        lambda session: record_contact(session, telegram_user, now)
    )
