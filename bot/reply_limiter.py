"""The pace of the bot's replies (every call of the application's bot that names a chat).

Each message waits for its turn in the bot's send window (bot.send_pace), which reminders share,
so that replies and reminders together, from every process, stay within Telegram's limit.
python-telegram-bot's AIORateLimiter still paces each group (20 messages a minute) and, after a
429, waits `retry_after` and tries again: every attempt takes a turn of its own, and the 429
pauses the whole window.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram._utils.types import JSONDict
from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter, BaseRateLimiter

from bot.send_pace import LocalSendPace, SendPace

BOT_MESSAGES_PER_SECOND = 30.0

ApiResult = bool | JSONDict | list[JSONDict]
ApiCall = Callable[..., Coroutine[Any, Any, ApiResult]]


class SharedReplyLimiter(BaseRateLimiter[int]):
    """AIORateLimiter without its bot-wide limit, under the bot's send window instead."""

    def __init__(self, max_retries: int, pace: SendPace | None = None) -> None:
        self._per_chat = AIORateLimiter(overall_max_rate=0, max_retries=max_retries)
        self.pace = pace or LocalSendPace()

    @property
    def count_workers(self) -> Callable[[], int]:
        """How many processes answer for the bot (a window in memory takes a share)."""
        return self.pace.count_workers

    @count_workers.setter
    def count_workers(self, count: Callable[[], int]) -> None:
        self.pace.count_workers = count

    @property
    def messages_per_second(self) -> float:
        """This process's limit: the bot's whole limit, or its share of a window in memory."""
        return self.pace.messages_per_second

    async def initialize(self) -> None:
        await self._per_chat.initialize()

    async def shutdown(self) -> None:
        await self._per_chat.shutdown()

    async def process_request(
        self, callback: ApiCall, args: Any, kwargs: dict[str, Any], endpoint: str,
        data: dict[str, Any], rate_limit_args: int | None,
    ) -> ApiResult:
        if data.get("chat_id") is not None:  # a message to a chat, not getUpdates or answers
            callback = self._in_turn(callback)
        return await self._per_chat.process_request(callback, args, kwargs, endpoint, data,
                                                    rate_limit_args)

    def _in_turn(self, callback: ApiCall) -> ApiCall:
        """`callback`, each call of it (a retry too) waiting for its turn in the window."""
        async def paced(*args: Any, **kwargs: Any) -> ApiResult:
            try:
                async with self.pace.sending():
                    return await callback(*args, **kwargs)
            except RetryAfter as error:
                await self.pace.rate_limited(retry_after_seconds(error))
                raise
        return paced


def retry_after_seconds(error: RetryAfter) -> float:
    """The wait Telegram asked for, in seconds (PTB 22 gives an int or a timedelta)."""
    wait = error.retry_after
    return float(wait if isinstance(wait, int | float) else wait.total_seconds())
