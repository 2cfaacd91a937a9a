"""Long polling of the bot's own, in place of python-telegram-bot's Updater, so that a stop is
prompt whatever Telegram is doing.

The Updater sleeps out its back-off between failed polls (up to 30 s) before it looks at a
stop, then confirms the fetched updates with one more call that logs an ERROR with a traceback
when Telegram cannot be reached. Here the polling task is simply cancelled, and the last call
is made only when updates were fetched since Telegram last acknowledged them, for at most
CONFIRM_TIMEOUT_SECONDS.
"""

from __future__ import annotations

import asyncio
from typing import Any

from loguru import logger
from telegram import Bot, Update
from telegram.error import Conflict, Forbidden, InvalidToken, RetryAfter, TelegramError, TimedOut

LONG_POLL_TIMEOUT_SECONDS = 30
MAX_RETRY_DELAY_SECONDS = 30.0
# The stop must not wait on an unreachable Telegram; an update it could not confirm is
# delivered again at the next start, as after a crash.
CONFIRM_TIMEOUT_SECONDS = 1.0
# Errors an operator must act on (a second process polling, a revoked token), logged as such.
_NEEDS_THE_OPERATOR = (Conflict, Forbidden, InvalidToken)


class LongPoller:
    """Fetches updates with getUpdates and puts them on `queue` (the application's update
    queue), one poll after another, waiting longer after each failure."""

    def __init__(self, bot: Bot, queue: asyncio.Queue[Any], *,
                 timeout: int = LONG_POLL_TIMEOUT_SECONDS, first_retry_delay: float = 1.0,
                 max_retry_delay: float = MAX_RETRY_DELAY_SECONDS) -> None:
        self._bot = bot
        self._queue = queue
        self._timeout = timeout
        self._first_retry_delay = first_retry_delay
        self._max_retry_delay = max_retry_delay
        self.offset = 0  # the id of the next update wanted (0: whatever Telegram has)
        self._acknowledged = 0  # the offset of the last poll Telegram answered

    async def poll(self) -> None:
        """Poll until cancelled; failures are logged and retried, never raised."""
        delay, failing = self._first_retry_delay, False
        while True:
            try:
                updates = await self._bot.get_updates(
                    offset=self.offset, timeout=self._timeout, allowed_updates=Update.ALL_TYPES)
            except RetryAfter as error:
                wait = _seconds(error.retry_after)
                logger.warning("Polling Telegram: Telegram asks to wait {} s", wait)
                await asyncio.sleep(wait)
            except TimedOut as error:  # no answer within the long poll: ask again at once
                logger.warning("Polling Telegram timed out ({}); polling again", error)
                failing = True
            except TelegramError as error:
                log = logger.error if isinstance(error, _NEEDS_THE_OPERATOR) else logger.warning
                log("Polling Telegram failed ({}: {}); retrying in {:.1f} s",
                    type(error).__name__, error, delay)
                failing = True
                await asyncio.sleep(delay)
                delay = min(delay * 2, self._max_retry_delay)
            except Exception:  # a bug, or an answer PTB could not read: keep the bot polling
                logger.exception("Polling Telegram failed unexpectedly; retrying in {:.1f} s",
                                 delay)
                failing = True
                await asyncio.sleep(delay)
                delay = min(delay * 2, self._max_retry_delay)
            else:
                if failing:
                    logger.info("Polling Telegram works again")
                delay, failing = self._first_retry_delay, False
                self._acknowledged = self.offset
                for update in updates:
                    await self._queue.put(update)
                    self.offset = update.update_id + 1

    async def confirm_fetched(self) -> None:
        """Tell Telegram the updates fetched so far were received, unless it already knows;
        gives up (with a warning) after CONFIRM_TIMEOUT_SECONDS."""
        if self.offset <= self._acknowledged:
            return
        try:
            async with asyncio.timeout(CONFIRM_TIMEOUT_SECONDS):
                await self._bot.get_updates(offset=self.offset, timeout=0,
                                            allowed_updates=Update.ALL_TYPES)
        except (TelegramError, TimeoutError) as error:
            reason = str(error) or f"no answer within {CONFIRM_TIMEOUT_SECONDS:g} s"
            logger.warning("Could not confirm the updates before {} to Telegram ({}); it will "
                           "send them again at the next start", self.offset, reason)


def _seconds(retry_after: object) -> float:
    """RetryAfter.retry_after in seconds (PTB 22 gives an int, later a timedelta)."""
    if isinstance(retry_after, int | float):
        return float(retry_after)
    total_seconds = getattr(retry_after, "total_seconds", None)
    return float(total_seconds()) if callable(total_seconds) else 1.0
