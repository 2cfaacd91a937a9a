"""Which process runs the scheduler: the holder of a PostgreSQL advisory lock.

Every worker tries the lock every `period` on a connection of its own (db.advisory_lock); the
one that holds it leads. When the leader dies its session ends, the server frees the lock and a
follower takes it at its next try, within one period.

Leadership is a lease on the process's own monotonic clock: it counts only while the lock was
confirmed less than `lease` ago. A leader cut off from the server (its check fails or hangs)
stops leading by itself once the lease runs out, even before it learns why; a new leader waits
the same `lease` (`handover_delay`) before taking over the sends its predecessor had claimed, so
by then the predecessor has stopped sending. On SQLite one process does everything (enforced by
db.process_lock): it is always the leader.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Protocol

from loguru import logger

from db.advisory_lock import LockConnectionLost, SessionAdvisoryLock, supports_advisory_locks

LOCK_NAME = "deadline-bot:scheduler"
DEFAULT_PERIOD_SECONDS = 2.0
LEASE_PERIODS = 3  # a leader survives two failed or slow checks in a row


class Leadership(Protocol):
    """What the reminder runner asks of an election."""

    @property
    def is_leader(self) -> bool: ...

    @property
    def term(self) -> int:
        """Goes up each time this process becomes leader (0: never led)."""
        ...

    @property
    def handover_delay(self) -> float:
        """Seconds a new leader waits before taking over its predecessor's claimed sends."""
        ...

    @property
    def watch_interval(self) -> float | None:
        """How often leadership may change (seconds); None when it never does."""
        ...

    @property
    def workers(self) -> int:
        """The live processes taking part in the election, this one included."""
        ...


class AlwaysLeader:
    """The only process (SQLite, tests): it leads from start to end."""

    is_leader = True
    term = 1
    handover_delay = 0.0
    watch_interval = None
    workers = 1


class AdvisoryLock(Protocol):
    """The blocking calls the election makes (db.advisory_lock.SessionAdvisoryLock)."""

    def try_acquire(self) -> bool: ...

    def count_sessions(self) -> int: ...

    def close(self) -> None: ...


@dataclass
class Lease:
    """Pure bookkeeping: when the lock was last confirmed, and which term of leadership."""

    duration: float
    confirmed_at: float | None = None
    term: int = 0

    def confirm(self, checked_at: float) -> bool:
        """The lock was held when a check started at `checked_at`; True if a new term began.

        A lease that ran out (a slow check) while the lock was held all along keeps its term:
        no other process can have led meanwhile. Only a lost lock (`lose`) ends a term.
        """
        new_term = self.confirmed_at is None
        if new_term:
            self.term += 1
        self.confirmed_at = checked_at
        return new_term

    def lose(self) -> bool:
        """The lock is not (or may not be) held; True if a term just ended."""
        was_held = self.confirmed_at is not None
        self.confirmed_at = None
        return was_held

    def is_valid(self, now: float) -> bool:
        return self.confirmed_at is not None and now - self.confirmed_at < self.duration


class LeaderElection:
    """Tries (or re-checks) the lock every `period` seconds in a worker thread."""

    def __init__(self, lock: AdvisoryLock, period: float = DEFAULT_PERIOD_SECONDS, *,
                 lease_periods: int = LEASE_PERIODS,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.period = period
        self._lock = lock
        self._lease = Lease(duration=period * lease_periods)
        self._monotonic = monotonic
        self._stop = asyncio.Event()
        self._loop_task: asyncio.Task[None] | None = None
        self._workers = 1

    @property
    def is_leader(self) -> bool:
        return self._lease.is_valid(self._monotonic())

    @property
    def term(self) -> int:
        return self._lease.term

    @property
    def handover_delay(self) -> float:
        return self._lease.duration

    @property
    def watch_interval(self) -> float:
        return self.period

    @property
    def workers(self) -> int:
        return self._workers

    async def check(self) -> bool:
        """One round: take or confirm the lock; on a connection error, stop leading (the next
        round reconnects). Return whether this process leads."""
        checked_at = self._monotonic()
        try:
            held, self._workers = await asyncio.to_thread(self._try_and_count)
        except LockConnectionLost as error:
            if self._lease.lose():
                logger.warning("Scheduler leadership lost: {}", error)
            else:
                logger.debug("Leader election: database unreachable ({})", error)
            return False
        if held:
            if self._lease.confirm(checked_at):
                logger.info("This process now runs the scheduler (leadership term {})",
                            self._lease.term)
        elif self._lease.lose():
            logger.warning("Scheduler leadership lost: another process holds the lock")
        return self.is_leader

    def _try_and_count(self) -> tuple[bool, int]:
        return self._lock.try_acquire(), max(1, self._lock.count_sessions())

    async def start(self) -> None:
        """Check once (a first process knows at once that it leads), then keep checking."""
        await self.check()
        self._loop_task = asyncio.get_running_loop().create_task(self._keep_checking())

    async def stop(self) -> None:
        """Stop checking and give up the lock, so a follower takes over at its next try."""
        self._stop.set()
        if self._loop_task is not None:
            await self._loop_task
        self._lease.lose()
        await asyncio.to_thread(self._lock.close)

    async def __aenter__(self) -> LeaderElection:
        await self.start()
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, traceback: TracebackType | None) -> None:
        await self.stop()

    async def _keep_checking(self) -> None:
        while not self._stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), self.period)
                return
            try:
                await self.check()
            except Exception:  # a bug here must not end the election for good
                logger.exception("Leader election round failed")
                self._lease.lose()


@contextlib.asynccontextmanager
async def leader_election(database_url: str, period: float = DEFAULT_PERIOD_SECONDS
                          ) -> AsyncIterator[Leadership]:
    """The election for this database: an advisory lock on PostgreSQL, AlwaysLeader otherwise."""
    if not supports_advisory_locks(database_url):
        yield AlwaysLeader()
        return
    async with LeaderElection(SessionAdvisoryLock(database_url, LOCK_NAME), period) as election:
        yield election
