"""Several worker processes on one PostgreSQL: one sends, a follower takes over when it dies.

Each worker is `tests.support.scheduler_worker` (the reminder runner under the leader election,
real time, sending to the fake Bot API over HTTP). A fan-out is due when they start, as in
test_reminder_kills. The leader is SIGKILLed mid-fan-out, twice; in another test the PostgreSQL
server itself is restarted mid-fan-out. In the end every officer has the reminder, each kill or
restart costs at most one duplicate (the message whose answer was never recorded), and only one
process ever sent at a time. Worker logs are in the test's tmp_path.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sys
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import OutboxMessage
from db.session import Database
from tests.e2e.test_reminder_kills import (
    bot_environment,
    chats_reached,
    kill_seed,
    seed_database,
    sent_at_least,
    until_all_recorded,
)
from tests.e2e.test_scheduler_leader import postgresql_url  # noqa: F401  (fixture)
from tests.fake_telegram import FakeTelegram, FakeUser, serve_with_uvicorn
from tests.support.postgres_server import (
    PostgresServer,
    find_postgres_bindir,
    start_postgres_server,
)

RECIPIENTS = 120
PERIOD = 0.5  # election period: a takeover needs at most PERIOD + 3 * PERIOD (the lease)
SEND_RATE = "20"  # messages/s: the fan-out lasts about 6 s, long enough to kill it twice
TIMEOUT = 40.0
REPO = Path(__file__).parents[2]


async def start_worker(env: dict[str, str], log: Path) -> asyncio.subprocess.Process:
    with log.open("ab") as output:
        return await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tests.support.scheduler_worker", cwd=log.parent, env=env,
            stdout=output, stderr=asyncio.subprocess.STDOUT)


def worker_environment(fake: FakeTelegram, base_url: str, database_url: str) -> dict[str, str]:
    env = bot_environment(fake, base_url, database_url)
    env.update(BOT_SEND_RATE=SEND_RATE, WORKER_ELECTION_PERIOD=str(PERIOD),
               PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")])))
    return env


async def sends_in_order(database_url: str) -> list[str]:
    """The worker (host:pid) that recorded each sent row, in the order they were sent."""
    database = Database(database_url)
    try:
        return await database.run(lambda s: [str(worker) for worker in s.scalars(
            select(OutboxMessage.claimed_by).where(OutboxMessage.state == "sent")
            .order_by(OutboxMessage.sent_at, OutboxMessage.id))])
    finally:
        database.dispose()


async def current_sender(database_url: str, killed: list[int]) -> int:
    """The pid of the worker that claimed rows last, once it is not one already killed (a
    threshold may be reached before the new leader has claimed): the leader, the only one
    claiming. Polls the database, at most 10 s."""
    database = Database(database_url)
    try:
        for _ in range(200):
            worker = await database.run(lambda s: s.scalar(
                select(OutboxMessage.claimed_by).where(OutboxMessage.claimed_by.is_not(None))
                .order_by(OutboxMessage.claimed_at.desc(), OutboxMessage.updated_at.desc())
                .limit(1)))
            if worker is not None and int(worker.rpartition(":")[2]) not in killed:
                return int(worker.rpartition(":")[2])
            await asyncio.sleep(0.05)
    finally:
        database.dispose()
    raise AssertionError("no live worker is sending")


def stretches(senders: list[str]) -> list[str]:
    """Consecutive runs of one sender, e.g. [a, a, b, b, b] → [a, b]."""
    return [sender for i, sender in enumerate(senders) if i == 0 or senders[i - 1] != sender]


def duplicates(fake: FakeTelegram, officers: list[FakeUser]) -> tuple[list[int], int]:
    counts = [len(fake.bot_messages(officer)) for officer in officers]
    return counts, sum(count - 1 for count in counts if count > 1)


async def stop_all(workers: list[asyncio.subprocess.Process]) -> None:
    for worker in workers:
        if worker.returncode is None:
            worker.send_signal(signal.SIGTERM)
    for worker in workers:
        await asyncio.wait_for(worker.wait(), timeout=20)


async def test_killing_the_leader_mid_fan_out_hands_the_sends_to_a_follower_without_loss(
    tmp_path: Path, postgresql_url: str  # noqa: F811
) -> None:
    rng = random.Random(seed := kill_seed())
    thresholds = sorted(rng.sample(range(15, RECIPIENTS - 30), 2))
    print(f"\nkill seed {seed}: kill the leader after messages {thresholds}")
    fake = FakeTelegram()
    officers = [fake.add_user(f"Cán bộ {i}") for i in range(RECIPIENTS)]
    await asyncio.to_thread(seed_database, postgresql_url, officers)
    async with serve_with_uvicorn(fake) as base_url:
        env = worker_environment(fake, base_url, postgresql_url)
        workers = [await start_worker(env, tmp_path / f"worker-{i}.log") for i in range(3)]
        by_pid = {worker.pid: worker for worker in workers}
        killed: list[int] = []
        try:
            for threshold in thresholds:
                await fake.wait_for(partial(sent_at_least, fake, threshold), timeout=TIMEOUT,
                                    what=f"{threshold} reminders sent")
                await asyncio.sleep(rng.uniform(0, 1 / float(SEND_RATE)))
                leader = by_pid[await current_sender(postgresql_url, killed)]
                leader.send_signal(signal.SIGKILL)
                await leader.wait()
                killed.append(leader.pid)
                print(f"killed leader {leader.pid} after {fake.bot_message_count} messages")
            await fake.wait_for(lambda: chats_reached(fake, officers) == RECIPIENTS,
                                timeout=TIMEOUT, what="every recipient reached")
            states = await until_all_recorded(postgresql_url)
        finally:
            await stop_all(workers)
    senders = await sends_in_order(postgresql_url)
    counts, duplicated = duplicates(fake, officers)
    runs = [int(sender.rpartition(":")[2]) for sender in stretches(senders)]
    print(f"senders in turn {runs}, {duplicated} duplicate(s), outbox {states}")
    assert min(counts) == 1 and max(counts) <= 2
    assert duplicated <= len(killed)
    assert states == {"sent": RECIPIENTS}
    assert len(runs) == len(set(runs)) <= len(killed) + 1  # one sender at a time, never back
    assert set(runs[:-1]) <= set(killed) and runs[-1] not in killed
    assert all(worker.returncode == 0 for worker in workers if worker.pid not in killed)


@pytest.fixture
def own_postgres_server() -> Iterator[PostgresServer]:
    """A server of this test's own, since it is shut down and started again mid-test."""
    bindir = find_postgres_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL is not installed on this machine")
    server = start_postgres_server(bindir)
    try:
        server.execute("CREATE DATABASE failover")
        yield server
    finally:
        server.stop()


async def test_a_postgresql_restart_mid_fan_out_loses_nothing_and_the_workers_carry_on(
    tmp_path: Path, own_postgres_server: PostgresServer
) -> None:
    database_url = own_postgres_server.url("failover")
    fake = FakeTelegram()
    officers = [fake.add_user(f"Cán bộ {i}") for i in range(RECIPIENTS)]
    await asyncio.to_thread(seed_database, database_url, officers)
    async with serve_with_uvicorn(fake) as base_url:
        env = worker_environment(fake, base_url, database_url)
        workers = [await start_worker(env, tmp_path / f"worker-{i}.log") for i in range(2)]
        try:
            await fake.wait_for(partial(sent_at_least, fake, 40), timeout=TIMEOUT,
                                what="40 reminders sent")
            await asyncio.to_thread(own_postgres_server.shut_down)
            stopped_at = fake.bot_message_count
            await asyncio.sleep(2.0)  # down for a while: both workers' checks and sends fail
            sent_while_down = fake.bot_message_count - stopped_at
            await asyncio.to_thread(own_postgres_server.start_again)
            print(f"\nPostgreSQL restarted after {stopped_at} messages "
                  f"({sent_while_down} sent while it was down)")
            await fake.wait_for(lambda: chats_reached(fake, officers) == RECIPIENTS,
                                timeout=TIMEOUT, what="every recipient reached")
            states = await until_all_recorded(database_url)
        finally:
            await stop_all(workers)
    counts, duplicated = duplicates(fake, officers)
    print(f"{duplicated} duplicate(s), outbox {states}")
    assert sent_while_down <= 1  # the message in flight when the server went away
    assert min(counts) == 1 and duplicated <= 1
    assert states == {"sent": RECIPIENTS}
    assert len(stretches(await sends_in_order(database_url))) <= 2
    assert all(worker.returncode == 0 for worker in workers)
