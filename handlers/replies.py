"""Sending answers: HTML, split under Telegram's length limit; notices to other chats."""

from __future__ import annotations

from collections.abc import Iterable

from telegram import Bot, InlineKeyboardMarkup, LinkPreviewOptions, Update

from bot.notices import deliver_notice
from bot.texts import split_message


async def reply(update: Update, message: str,
                keyboard: InlineKeyboardMarkup | None = None, *,
                link_preview: bool = True) -> None:
    """Answer in the chat the update came from, in as many messages as the text needs.

    The keyboard, if any, goes under the last part.
    """
    chat = update.effective_chat
    if chat is None:
        return
    parts = split_message(message)
    for index, part in enumerate(parts):
        markup = keyboard if index == len(parts) - 1 else None
        await chat.send_message(part, reply_markup=markup, link_preview_options=(
            None if link_preview else LinkPreviewOptions(is_disabled=True)))


async def notify(bot: Bot, chat_ids: Iterable[int], message: str,
                 keyboard: InlineKeyboardMarkup | None = None) -> int:
    """Tell other people something; a chat that cannot be reached is logged, not fatal.

    Returns how many chats got the whole message.
    """
    return (await deliver_notice(bot, chat_ids, message, keyboard)).delivered
