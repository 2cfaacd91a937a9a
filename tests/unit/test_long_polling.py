"""The bot's own long polling against the fake Bot API: updates reach the queue, failures are
retried with a growing wait, a stop is immediate, and the updates fetched are confirmed to
Telegram unless it cannot be reached within a second."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator

from loguru import logger
from telegram import Bot, Update

from bot.long_polling import CONFIRM_TIMEOUT_SECONDS, LongPoller
from tests.fake_telegram import FakeTelegram, inprocess_bot


@contextlib.contextmanager
def logged(level: str = "DEBUG") -> Iterator[list[str]]:
    lines: list[str] = []
    sink = logger.add(lambda message: lines.append(str(message).strip()), level=level,
                      format="{level} {message}")
    try:
        yield lines
    finally:
        logger.remove(sink)


@contextlib.asynccontextmanager
async def polling(fake: FakeTelegram, first_retry_delay: float = 1.0
                  ) -> AsyncIterator[tuple[LongPoller, asyncio.Queue[Update], asyncio.Task[None]]]:
    bot: Bot = inprocess_bot(fake, read_timeout=2)
    await bot.initialize()
    queue: asyncio.Queue[Update] = asyncio.Queue()
    poller = LongPoller(bot, queue, timeout=1, first_retry_delay=first_retry_delay)
    task = asyncio.create_task(poller.poll())
    try:
        yield poller, queue, task
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await bot.shutdown()


async def test_updates_reach_the_queue_and_are_confirmed_when_polling_stops() -> None:
    fake = FakeTelegram()
    lan = fake.add_user("Lan")
    async with polling(fake) as (poller, queue, task):
        fake.send_command(lan, "help")
        update = await asyncio.wait_for(queue.get(), timeout=10)
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await poller.confirm_fetched()
    assert update.message is not None and update.message.text == "/help"
    assert fake.pending_updates == []  # Telegram will not send it again


async def test_a_failed_poll_is_one_warning_and_the_wait_grows() -> None:
    fake = FakeTelegram()
    fake.inject_failure("getUpdates", 502, times=3)
    lan = fake.add_user("Lan")
    with logged() as lines:
        async with polling(fake, first_retry_delay=0.01) as (_poller, queue, _task):
            fake.send_command(lan, "help")
            await asyncio.wait_for(queue.get(), timeout=10)
    failures = [line for line in lines if "Polling Telegram failed" in line]
    assert failures == [
        f"WARNING Polling Telegram failed (NetworkError: Bad Gateway); retrying in {wait} s"
        for wait in ("0.0", "0.0", "0.0")]  # 0.01, 0.02, 0.04 s
    assert "INFO Polling Telegram works again" in lines
    assert not any("Traceback" in line for line in lines)


async def test_a_stop_ends_the_wait_between_failed_polls_at_once() -> None:
    fake = FakeTelegram()
    fake.inject_failure("getUpdates", 502, times=1000)
    async with polling(fake, first_retry_delay=30) as (poller, _queue, task):
        await fake.wait_for_calls("getUpdates", count=1)
        loop = asyncio.get_running_loop()
        started = loop.time()
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await poller.confirm_fetched()  # nothing fetched: no call
        stopped_in = loop.time() - started
    assert stopped_in < 0.5
    assert len(fake.calls("getUpdates")) == 1


async def test_updates_telegram_cannot_confirm_are_given_up_after_a_second_with_a_warning(
) -> None:
    fake = FakeTelegram()
    lan = fake.add_user("Lan")
    with logged("WARNING") as lines:
        async with polling(fake) as (poller, queue, task):
            await fake.wait_for_calls("getUpdates", count=1)
            # The poll waiting now brings the update; then Telegram stops answering, so the
            # next poll (which would have confirmed it) and the last call hang.
            fake.inject_failure("getUpdates", "timeout", times=1000, delay=3600)
            fake.send_command(lan, "help")
            await asyncio.wait_for(queue.get(), timeout=10)
            await fake.wait_for(lambda: [c for c in fake.calls("getUpdates") if c.fault])
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
            loop = asyncio.get_running_loop()
            started = loop.time()
            await poller.confirm_fetched()
            confirmed_in = loop.time() - started
    assert CONFIRM_TIMEOUT_SECONDS <= confirmed_in < CONFIRM_TIMEOUT_SECONDS + 0.5
    assert lines == [f"WARNING Could not confirm the updates before {poller.offset} to "
                     "Telegram (no answer within 1 s); it will send them again at the next start"]
