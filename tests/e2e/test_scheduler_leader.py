"""Leader election on a real PostgreSQL server: one leader, taken over when it goes away."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable, Iterator

import psycopg
import pytest

from db.advisory_lock import SessionAdvisoryLock, advisory_key
from scheduler.leader import LOCK_NAME, LeaderElection
from tests.support.postgres_server import PostgresServer

PERIOD = 0.2


@pytest.fixture
def postgresql_url(postgres_server: PostgresServer) -> Iterator[str]:
    name = f"test_{uuid.uuid4().hex[:12]}"
    postgres_server.execute(f"CREATE DATABASE {name}")
    yield postgres_server.url(name)
    postgres_server.execute(f"DROP DATABASE {name} WITH (FORCE)")


def admin_connection(url: str) -> psycopg.Connection[tuple[object, ...]]:
    return psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"),
                           autocommit=True)


def lock_holder_pid(url: str) -> int | None:
    key = advisory_key(LOCK_NAME)
    with admin_connection(url) as connection:
        row = connection.execute(
            "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted"
            " AND classid::bigint = %s AND objid::bigint = %s",
            (key >> 32, key & 0xFFFFFFFF)).fetchone()
    return None if row is None else int(str(row[0]))


async def terminate_backend(url: str, pid: int) -> None:
    """pg_terminate_backend, then wait until the session (and its lock) is gone."""
    with admin_connection(url) as connection:
        connection.execute("SELECT pg_terminate_backend(%s)", (pid,))
        for _ in range(100):
            if connection.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s",
                                  (pid,)).fetchone() is None:
                return
            await asyncio.sleep(0.02)
    raise AssertionError(f"backend {pid} still alive")


async def until(condition: Callable[[], bool], within: float) -> float:
    """Poll `condition` (every 20 ms) until true; return the seconds it took, fail after
    `within`."""
    loop = asyncio.get_running_loop()
    started = loop.time()
    while not condition():
        if loop.time() - started > within:
            raise AssertionError(f"not within {within} s")
        await asyncio.sleep(0.02)
    return loop.time() - started


@pytest.fixture
async def two_elections(postgresql_url: str) -> AsyncIterator[tuple[LeaderElection, ...]]:
    elections = tuple(LeaderElection(SessionAdvisoryLock(postgresql_url, LOCK_NAME), PERIOD)
                      for _ in range(2))
    yield elections
    for election in elections:
        await election.stop()


async def test_of_two_workers_exactly_one_leads_and_the_other_takes_over_when_it_stops(
    postgresql_url: str, two_elections: tuple[LeaderElection, ...]
) -> None:
    first, second = two_elections
    await first.start()
    await second.start()
    await asyncio.sleep(3 * PERIOD)  # several rounds: the follower keeps trying, in vain
    assert (first.is_leader, second.is_leader) == (True, False)
    await first.stop()
    took = await until(lambda: second.is_leader, within=2 * PERIOD)
    print(f"taken over in {took:.2f} s")
    assert not first.is_leader
    assert lock_holder_pid(postgresql_url) is not None


async def test_a_leader_whose_session_is_terminated_notices_and_the_follower_takes_over(
    postgresql_url: str, two_elections: tuple[LeaderElection, ...]
) -> None:
    first, second = two_elections
    assert await first.check() and not await second.check()
    leader_pid = lock_holder_pid(postgresql_url)
    assert leader_pid is not None
    await terminate_backend(postgresql_url, leader_pid)

    assert await second.check() is True  # the server freed the lock with the session
    assert await first.check() is False  # the dead connection: leadership dropped at once
    assert await first.check() is False  # reconnected, but the lock is the follower's now
    assert (first.is_leader, second.is_leader) == (False, True)
    assert lock_holder_pid(postgresql_url) not in (None, leader_pid)


async def test_after_termination_the_running_elections_converge_within_two_periods(
    postgresql_url: str, two_elections: tuple[LeaderElection, ...]
) -> None:
    first, second = two_elections
    await first.start()
    await second.start()
    leader_pid = lock_holder_pid(postgresql_url)
    assert leader_pid is not None and first.is_leader
    await terminate_backend(postgresql_url, leader_pid)
    took = await until(lambda: second.is_leader and not first.is_leader, within=2 * PERIOD)
    print(f"taken over in {took:.2f} s")
    await asyncio.sleep(3 * PERIOD)
    assert (first.is_leader, second.is_leader) == (False, True)
    assert first.term == 1 and second.term == 1


async def test_every_election_counts_the_live_workers(
    postgresql_url: str, two_elections: tuple[LeaderElection, ...]
) -> None:
    first, second = two_elections
    await first.start()
    alone = first.workers
    await second.start()
    await until(lambda: first.workers == 2, within=3 * PERIOD)
    together = (first.workers, second.workers)
    await second.stop()
    await until(lambda: first.workers == 1, within=3 * PERIOD)
    assert (alone, together) == (1, (2, 2))
