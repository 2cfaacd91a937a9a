"""Work a runner starts without waiting for it: logged if it fails, awaitable when needed."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

from loguru import logger


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

        task = asyncio.get_running_loop().create_task(logged())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def idle(self) -> None:
        while self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
