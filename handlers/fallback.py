"""Last resort: unknown commands and text the bot has no use for get a short, helpful answer."""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.domain.errors import StaleButton
from bot.texts import text
from handlers.chat_scope import addressed_to_bot
from handlers.replies import reply


async def unknown_command(update: Update, context: BotContext) -> None:
    """Explain an unknown command; in a group only `/cmd@this_bot` (a bare one may be another
    bot's)."""
    if not addressed_to_bot(update, context.bot.username, explicitly=True):
        return
    message_text = update.effective_message.text if update.effective_message else ""
    command = (message_text or "/").split()[0][1:].split("@")[0]
    await reply(update, text("fallback.unknown_command", context.lang, command=command[:64]))


async def stray_text(update: Update, context: BotContext) -> None:
    await reply(update, text("fallback.stray_text", context.lang))


async def unknown_button(update: Update, context: BotContext) -> None:
    """A button whose data no handler knows (forged, or left by an older version): refused on
    the button and in the chat like any stale button, so the client does not spin forever."""
    raise StaleButton()
