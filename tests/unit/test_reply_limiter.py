"""The replies' bot-wide budget is shared by the processes answering for the bot."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.reply_limiter import BOT_MESSAGES_PER_SECOND, SharedReplyLimiter


async def answered(*_args: Any, **_kwargs: Any) -> bool:
    return True


async def send(limiter: SharedReplyLimiter, messages: int, chat_id: int | None = 7) -> None:
    data = {} if chat_id is None else {"chat_id": chat_id}
    for _ in range(messages):
        assert await limiter.process_request(answered, (), {}, "sendMessage", data, None)


async def sent_at_once(limiter: SharedReplyLimiter) -> bool:
    """Whether one more message goes out now (not after waiting for the budget)."""
    try:
        await asyncio.wait_for(send(limiter, 1), 0.05)
    except TimeoutError:
        return False
    return True


async def test_one_process_has_the_whole_budget() -> None:
    limiter = SharedReplyLimiter(max_retries=0)
    await send(limiter, 10)
    assert limiter.messages_per_second == BOT_MESSAGES_PER_SECOND
    assert await sent_at_once(limiter)


async def test_three_processes_take_a_third_each() -> None:
    limiter = SharedReplyLimiter(max_retries=0)
    limiter.count_workers = lambda: 3
    await send(limiter, 10)  # the whole share of this second
    assert limiter.messages_per_second == BOT_MESSAGES_PER_SECOND / 3
    assert not await sent_at_once(limiter)


async def test_calls_to_no_chat_do_not_spend_the_budget() -> None:
    limiter = SharedReplyLimiter(max_retries=0)
    limiter.count_workers = lambda: 3
    await send(limiter, 20, chat_id=None)
    await send(limiter, 1)
    assert await sent_at_once(limiter)


async def test_forty_processes_share_under_one_message_per_second_each() -> None:
    limiter = SharedReplyLimiter(max_retries=0)
    limiter.count_workers = lambda: 40
    await send(limiter, 1)
    assert limiter.messages_per_second == BOT_MESSAGES_PER_SECOND / 40
    assert not await sent_at_once(limiter)
