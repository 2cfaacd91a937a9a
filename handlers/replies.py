"""Sending answers: HTML, split under Telegram's length limit; notices to other chats."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from loguru import logger
from telegram import Bot, InlineKeyboardMarkup, LinkPreviewOptions, Update
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.texts import split_message
from scheduler.sender import is_unreachable


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


@dataclass(frozen=True, slots=True)
class NoticeDelivery:
    """How a notice to several chats went: how many got the whole of it, which chats Telegram
    refused for good (chat id → its reason: blocked, removed…), how many failed otherwise."""

    delivered: int = 0
    refused: dict[int, str] = field(default_factory=dict)
    failed: int = 0


async def notify(bot: Bot, chat_ids: Iterable[int], message: str,
                 keyboard: InlineKeyboardMarkup | None = None) -> int:
    """Tell other people something; a chat that cannot be reached is logged, not fatal.

    Returns how many chats got the whole message.
    """
    return (await deliver_notice(bot, chat_ids, message, keyboard)).delivered


async def deliver_notice(bot: Bot, chat_ids: Iterable[int], message: str,
                         keyboard: InlineKeyboardMarkup | None = None) -> NoticeDelivery:
    """Send `message` to each chat; failures are logged and counted, not fatal."""
    delivered, failed, refused = 0, 0, {}
    for chat_id in chat_ids:
        try:
            for part in split_message(message):
                await bot.send_message(chat_id, part, reply_markup=keyboard)
        except (Forbidden, BadRequest) as error:
            logger.warning("Could not notify chat {}: {}", chat_id, error)
            if is_unreachable(error):
                refused[chat_id] = error.message
            else:
                failed += 1
        except TelegramError as error:
            logger.warning("Could not notify chat {}: {}", chat_id, error)
            failed += 1
        else:
            delivered += 1
    return NoticeDelivery(delivered, refused, failed)
