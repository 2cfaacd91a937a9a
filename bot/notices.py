"""Telling other chats something (a unit's officers, an admin): each chat on its own, so one
that cannot be reached does not stop the others."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from loguru import logger
from telegram import Bot, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.texts import split_message
from scheduler.sender import is_unreachable


@dataclass(frozen=True, slots=True)
class NoticeDelivery:
    """How a notice to several chats went: how many got the whole of it, which chats Telegram
    refused for good (chat id → its reason: blocked, removed…), how many failed otherwise."""

    delivered: int = 0
    refused: dict[int, str] = field(default_factory=dict)
    failed: int = 0


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
