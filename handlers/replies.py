"""Sending answers: HTML, split under Telegram's length limit; notices to other chats."""

from __future__ import annotations

from collections.abc import Iterable

from loguru import logger
from telegram import Bot, InlineKeyboardMarkup, Update
from telegram.error import TelegramError

from bot.texts import split_message


async def reply(update: Update, message: str,
                keyboard: InlineKeyboardMarkup | None = None) -> None:
    """Answer in the chat the update came from, in as many messages as the text needs.

    The keyboard, if any, goes under the last part.
    """
    chat = update.effective_chat
    if chat is None:
        return
    parts = split_message(message)
    for index, part in enumerate(parts):
        markup = keyboard if index == len(parts) - 1 else None
        await chat.send_message(part, reply_markup=markup)


async def notify(bot: Bot, chat_ids: Iterable[int], message: str,
                 keyboard: InlineKeyboardMarkup | None = None) -> int:
    """Tell other people something; a chat that cannot be reached is logged, not fatal.

    Returns how many chats got the whole message.
    """
    delivered = 0
    for chat_id in chat_ids:
        try:
            for part in split_message(message):
                await bot.send_message(chat_id, part, reply_markup=keyboard)
        except TelegramError as error:
            logger.warning("Could not notify chat {}: {}", chat_id, error)
        else:
            delivered += 1
    return delivered
