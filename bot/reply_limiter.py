"""The pace of the bot's replies, shared by every process that answers for the bot.

Telegram allows a bot about 30 messages per second in all. PTB's AIORateLimiter keeps one
process under that, but two webhook workers with one each could send twice as much. Here each
process takes an equal share of the budget: 30 / the number of live workers (counted by the
leader election, db.advisory_lock), and PTB's limiter still paces groups and waits out 429s.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from aiolimiter import AsyncLimiter
from loguru import logger
from telegram._utils.types import JSONDict
from telegram.ext import AIORateLimiter, BaseRateLimiter

BOT_MESSAGES_PER_SECOND = 30.0

ApiResult = bool | JSONDict | list[JSONDict]


class SharedReplyLimiter(BaseRateLimiter[int]):
    """AIORateLimiter without its bot-wide limit, under this process's share of it."""

    def __init__(self, max_retries: int,
                 messages_per_second: float = BOT_MESSAGES_PER_SECOND) -> None:
        self._per_chat = AIORateLimiter(overall_max_rate=0, max_retries=max_retries)
        self._budget = messages_per_second
        self._workers = 1
        self._overall = _limiter(messages_per_second)
        # How many processes answer for the bot now; set by whoever knows (the election).
        self.count_workers: Callable[[], int] = lambda: 1

    @property
    def messages_per_second(self) -> float:
        """This process's share of the bot-wide budget, as of the last request."""
        return self._budget / self._workers

    async def initialize(self) -> None:
        await self._per_chat.initialize()

    async def shutdown(self) -> None:
        await self._per_chat.shutdown()

    async def process_request(
        self, callback: Callable[..., Coroutine[Any, Any, ApiResult]], args: Any,
        kwargs: dict[str, Any], endpoint: str, data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> ApiResult:
        if data.get("chat_id") is None:  # not a message to a chat (getUpdates, answers…)
            return await self._per_chat.process_request(callback, args, kwargs, endpoint, data,
                                                        rate_limit_args)
        async with self._share():
            return await self._per_chat.process_request(callback, args, kwargs, endpoint, data,
                                                        rate_limit_args)

    def _share(self) -> AsyncLimiter:
        workers = max(1, self.count_workers())
        if workers != self._workers:
            self._workers = workers
            self._overall = _limiter(self.messages_per_second)
            logger.info("Replies paced at {:.1f} messages/s here: {} of the bot's budget "
                        "(processes answering for the bot: {})", self.messages_per_second,
                        f"1/{workers}", workers)
        return self._overall


def _limiter(messages_per_second: float) -> AsyncLimiter:
    if messages_per_second >= 1:
        return AsyncLimiter(messages_per_second, 1)
    return AsyncLimiter(1, 1 / messages_per_second)  # under one per second: one at a time
