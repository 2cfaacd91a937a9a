"""Send the notices use cases left (bot.services.notices): after each reminder pass, in the
process that sends reminders, one at a time, each taking its turn in the bot's one send window
(bot.send_pace) as reminders and replies do.

A notice Telegram refuses for good (blocked bot, unknown chat) is given up at once; network
failures and 429s are retried on the next pass, up to MAX_NOTICE_ATTEMPTS.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import timedelta

from loguru import logger
from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from bot.clock import Clock
from bot.send_pace import SendPace
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
    pace: SendPace | None = None  # the bot's send window; None: one message per 1/25 s

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
                if self.pace is None:
                    await asyncio.sleep(NOTICE_INTERVAL_SECONDS)
        return handled

    async def _send(self, notice: PendingNotice) -> bool:
        html, head = notice_message(notice.kind, notice.payload, self.lang)
        keyboard = (head_keyboard(head.person_id, head.person_name, head.unit_code, self.lang)
                    if head else None)
        try:
            async with self._turn():
                await self.bot.send_message(notice.chat_id, html, parse_mode=ParseMode.HTML,
                                            reply_markup=keyboard)
        except (Forbidden, BadRequest) as error:
            await self._failed(notice, str(error), final=True)
            return True
        except RetryAfter as error:
            if self.pace is not None:
                await self.pace.rate_limited(_seconds(error.retry_after))
            await self._failed(notice, str(error), final=False)
            return False
        except NetworkError as error:
            await self._failed(notice, str(error), final=False)
            return False
        now = self.clock()
        await self.database.run(lambda s: notices.record_sent(s, notice.notice_id, now))
        return True

    def _turn(self) -> AbstractAsyncContextManager[None]:
        return self.pace.sending() if self.pace is not None else contextlib.nullcontext()

    async def _failed(self, notice: PendingNotice, error: str, *, final: bool) -> None:
        logger.warning("Notice {} to chat {} not sent: {}", notice.notice_id, notice.chat_id,
                       error)
        now = self.clock()
        await self.database.run(
            lambda s: notices.record_failure(s, notice, now, error, final=final))


def _seconds(retry_after: float | timedelta) -> float:
    return retry_after.total_seconds() if isinstance(retry_after, timedelta) else retry_after
