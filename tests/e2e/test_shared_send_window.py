"""Three webhook workers on one PostgreSQL database answer sixty people at once, under
Telegram's limit read strictly: together they never put more than 30 messages into one second,
and Telegram never answers 429 (issue 22). Each worker once paced its replies at a third of the
limit with a bucket of its own, and the three together put 57 into their busiest second."""

from __future__ import annotations

import asyncio
from contextlib import AsyncExitStack

from tests.e2e.test_scheduler_leader import postgresql_url  # noqa: F401  (fixture)
from tests.e2e.webhook_harness import WebhookBot, running_webhook_bot
from tests.fake_telegram import FakeTelegram, RateLimits

WORKERS = 3
PEOPLE_PER_WORKER = 20
TELEGRAM_LIMIT = 30  # messages in any one second


async def test_three_workers_answering_together_stay_within_one_window(
    postgresql_url: str,  # noqa: F811
) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.strict())
    people = [fake.add_user(f"Người hỏi {i}") for i in range(WORKERS * PEOPLE_PER_WORKER)]
    async with AsyncExitStack() as stack:
        workers: list[WebhookBot] = [
            await stack.enter_async_context(running_webhook_bot(fake, postgresql_url,
                                                                bot_leader_period=0.5))
            for _ in range(WORKERS)]
        updates = []
        for person in people:
            fake.send_command(person, "help")
            updates.append(fake.pending_updates[-1])
        await asyncio.gather(*(workers[number % WORKERS].post(update)
                               for number, update in enumerate(updates)))
        answers = [await fake.wait_for_bot_messages(person, timeout=20) for person in people]
    assert fake.rate_limited_count == 0, fake.rate_limit_hits[:3]
    assert fake.busiest_second <= TELEGRAM_LIMIT
    assert all(answer.text.startswith("Các lệnh") for [answer] in answers)
