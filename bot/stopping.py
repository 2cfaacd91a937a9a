"""Give up a start-up step (connecting, retrying, registering) as soon as the process is asked
to stop, instead of after it succeeds: Telegram may be unreachable for minutes."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable
from typing import TypeVar

T = TypeVar("T")


class StoppedWhileStarting(Exception):
    """The stop signal came before the bot was taking updates."""


async def unless_stopped(step: Awaitable[T], stop: asyncio.Event) -> T:
    """Await `step`; if `stop` is set first, cancel it and raise StoppedWhileStarting."""
    if stop.is_set():
        if asyncio.iscoroutine(step):
            step.close()
        raise StoppedWhileStarting
    work = asyncio.ensure_future(step)
    stopped = asyncio.ensure_future(stop.wait())
    try:
        await asyncio.wait({work, stopped}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in (work, stopped):
            if not task.done():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
    if work.cancelled():
        raise StoppedWhileStarting
    return work.result()
