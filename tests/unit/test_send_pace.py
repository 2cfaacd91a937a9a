"""The send window as processes use it: in memory, shared through PostgreSQL, and in memory
again (at the process's share) when the database is out of reach; a 429 to a reply pauses it."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from telegram.error import RetryAfter

from bot.domain.send_window import WindowRule
from bot.reply_limiter import SharedReplyLimiter
from bot.send_pace import DatabaseSendPace, LocalSendPace, SendPace
from db.session import Database
from tests.support.postgres_server import PostgresServer
from tests.unit.test_send_window import most_within

RULE = WindowRule()
UNREACHABLE = "postgresql+psycopg://nobody@127.0.0.1:1/nothing?connect_timeout=2"


@pytest.fixture
def postgresql_url(postgres_server: PostgresServer, migrated_postgres_template: str
                   ) -> Iterator[str]:
    name = f"test_{uuid.uuid4().hex[:12]}"
    postgres_server.execute(f"CREATE DATABASE {name} TEMPLATE {migrated_postgres_template}")
    yield postgres_server.url(name)
    postgres_server.execute(f"DROP DATABASE {name} WITH (FORCE)")


async def turns_at_once(pace: SendPace, count: int) -> bool:
    """Whether `count` more turns are given without waiting for the window."""
    try:
        await asyncio.wait_for(turns(pace, count), 0.05 + 0.01 * count)
    except TimeoutError:
        return False
    return True


async def turns(pace: SendPace, count: int) -> list[float]:
    """Take `count` turns one after the other; when each was given (monotonic clock)."""
    given = []
    for _ in range(count):
        async with pace.sending():
            given.append(time.monotonic())
    return given


async def test_a_process_alone_sends_thirty_at_once_and_the_31st_a_window_later() -> None:
    pace = LocalSendPace(RULE)
    started = time.monotonic()
    assert await turns_at_once(pace, 30)
    assert not await turns_at_once(pace, 1)
    await turns(pace, 1)
    assert time.monotonic() - started >= RULE.span


async def test_processes_sharing_the_database_window_never_exceed_it_together(
    postgresql_url: str
) -> None:
    databases = [Database(postgresql_url) for _ in range(3)]  # as three processes would
    try:
        paces = [DatabaseSendPace(database, RULE) for database in databases]
        started = time.monotonic()
        given = await asyncio.gather(*(turns(pace, 40) for pace in paces))
    finally:
        for database in databases:
            database.dispose()
    times = sorted(at for process in given for at in process)
    # 120 messages: 30 per window, so the last 30 start three windows after the first 30.
    assert times[-1] - started >= 3 * RULE.span
    assert most_within(times, 1.0) <= RULE.limit


async def test_a_429_seen_by_one_process_pauses_the_others(postgresql_url: str) -> None:
    first, second = Database(postgresql_url), Database(postgresql_url)
    try:
        await DatabaseSendPace(first, RULE).rate_limited(1.0)
        started = time.monotonic()
        await turns(DatabaseSendPace(second, RULE), 1)
    finally:
        first.dispose()
        second.dispose()
    assert time.monotonic() - started >= 0.9


async def test_without_the_database_a_process_keeps_to_its_share_in_memory() -> None:
    database = Database(UNREACHABLE)
    try:
        pace = DatabaseSendPace(database, RULE)
        pace.count_workers = lambda: 3
        assert await turns_at_once(pace, 10)
        assert not await turns_at_once(pace, 1)
    finally:
        database.dispose()


async def test_a_429_answered_to_a_reply_pauses_every_message_of_the_window() -> None:
    limiter = SharedReplyLimiter(max_retries=1)
    answers: list[str] = []
    refused = asyncio.Event()

    async def telegram(*_args: Any, **_kwargs: Any) -> bool:
        if not answers:
            answers.append("429")
            refused.set()
            raise RetryAfter(1)
        answers.append("sent")
        return True

    reply = asyncio.create_task(limiter.process_request(
        telegram, (), {}, "sendMessage", {"chat_id": 7}, None))
    await refused.wait()
    paused_at = time.monotonic()
    await turns(limiter.pace, 1)  # a reminder, say, asking for its turn after the 429
    assert time.monotonic() - paused_at >= 0.9
    assert await reply is True
    assert answers == ["429", "sent"]
