"""Send the notices use cases left (bot.services.notices): after each reminder pass, in the
process that sends reminders, one at a time and paced under Telegram's bot-wide limit, so they
never add to a reminder fan-out in flight.

A notice Telegram refuses for good (blocked bot, unknown chat) is given up at once; network
failures and 429s are retried on the next pass, up to MAX_NOTICE_ATTEMPTS.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

from loguru import logger
from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from bot.clock import Clock
from bot.services import notices
from bot.services.notices import PendingNotice
from bot.texts import Lang
from bot.texts.reorganisations_render import notice_message
from bot.unit_head_buttons import head_keyboard
from db.session import Database

NOTICE_INTERVAL_SECONDS = 1 / 25  # under Telegram's 30 messages/s, whatever the round trip


@dataclass
class NoticeSender:
    bot: Bot
    database: Database
    clock: Clock
    lang: Lang
    may_send: Callable[[], bool] = lambda: True

    async def send_pending(self) -> int:
        """Send every pending notice (while this process may send); return how many were
        handled (sent, or given up for good)."""
        handled = 0
        while self.may_send():
            batch = await self.database.run(notices.pending_notices)
            if not batch:
                return handled
            for notice in batch:
                if not self.may_send():
                    return handled
                if not await self._send(notice):
                    return handled  # Telegram asked to wait or is unreachable: next pass
                handled += 1
                await asyncio.sleep(NOTICE_INTERVAL_SECONDS)
        return handled

    async def _send(self, notice: PendingNotice) -> bool:
        html, head = notice_message(notice.kind, notice.payload, self.lang)
        keyboard = (head_keyboard(head.person_id, head.person_name, head.unit_code, self.lang)
                    if head else None)
        try:
            await self.bot.send_message(notice.chat_id, html, parse_mode=ParseMode.HTML,
                                        reply_markup=keyboard)
        except (Forbidden, BadRequest) as error:
            await self._failed(notice, str(error), final=True)
            return True
        except (RetryAfter, NetworkError) as error:
            await self._failed(notice, str(error), final=False)
            return False
        now = self.clock()
        await self.database.run(lambda s: notices.record_sent(s, notice.notice_id, now))
        return True

    async def _failed(self, notice: PendingNotice, error: str, *, final: bool) -> None:
        logger.warning("Notice {} to chat {} not sent: {}", notice.notice_id, notice.chat_id,
                       error)
        now = self.clock()
        await self.database.run(
            lambda s: notices.record_failure(s, notice, now, error, final=final))
