"""Scheduled work logs in a context of its own.

asyncio copies the log context (a context variable) into every task and timer callback, so a
job whose timer was first set while an update was handled would log that update's ids for as long
as the scheduler runs. Jobs and background work start from an empty context instead.
"""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Coroutine
from typing import Any, TypeVar

from loguru import logger
from telegram.ext import Job, JobQueue

T = TypeVar("T")


async def in_own_log_context(work: Coroutine[Any, Any, T], **context: object) -> T:
    """Await `work` in a task whose log context holds only `context`."""

    async def contextualized() -> T:
        with logger.contextualize(**context):
            return await work

    return await asyncio.get_running_loop().create_task(contextualized(),
                                                        context=contextvars.Context())


class OwnContextJobQueue(JobQueue[Any]):
    """A JobQueue whose jobs log as `job=<name>`, whatever scheduled them."""

    @staticmethod
    async def job_callback(job_queue: JobQueue[Any], job: Job[Any]) -> None:
        await in_own_log_context(JobQueue.job_callback(job_queue, job), job=job.name)
