"""What the runners share: work started without waiting for it (logged if it fails, awaitable
when needed), and one-off wake-ups at times of the injected clock."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from datetime import datetime
from typing import Any

from loguru import logger
from telegram.ext import JobQueue

from bot.log_context import in_own_log_context


class BackgroundTasks:
    """Tasks started by one runner; `idle()` waits for all of them (tests, shutdown)."""

    def __init__(self, what: str) -> None:
        self._what = what
        self._tasks: set[asyncio.Task[None]] = set()

    def start(self, work: Coroutine[Any, Any, object]) -> None:
        async def logged() -> None:
            try:
                await work
            except Exception:
                logger.exception("{} failed; the next pass will retry", self._what)

        task = asyncio.get_running_loop().create_task(in_own_log_context(logged(),
                                                                         job=self._what))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def idle(self) -> None:
        while self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)


WakeCallback = Callable[[Any], Coroutine[Any, Any, None]]


def wake_at(job_queue: JobQueue[Any], callback: WakeCallback, at: datetime, now: datetime,
            name_prefix: str) -> None:
    """A one-off job at `at`, unless one is already scheduled for that time.

    The delay is counted from `now` of the injected clock, so a simulated clock in tests and the
    real one in production behave alike; a late job still runs (no misfire grace limit).
    """
    name = f"{name_prefix}{at.isoformat()}"
    if not job_queue.get_jobs_by_name(name):
        job_queue.run_once(callback, when=max((at - now).total_seconds(), 0.0), name=name,
                           job_kwargs={"misfire_grace_time": None})
