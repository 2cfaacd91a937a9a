"""Processes updates concurrently, each with its update, user and chat ids in the log context."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

from loguru import logger
from telegram import Update
from telegram.ext import BaseUpdateProcessor

UpdateListener = Callable[[Update, float], None]
AfterHandling = Callable[[Update], Awaitable[None]]


class LoggingUpdateProcessor(BaseUpdateProcessor):
    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        # Told of every handled update and the seconds its handlers took (the service's
        # metrics): one hook here times every handler without touching any of them.
        self.listeners: list[UpdateListener] = []
        # Awaited once an update's handlers have run to the end (not if they were cut short).
        self.after_handling: list[AfterHandling] = []

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        if not isinstance(update, Update):
            await coroutine
            return
        with logger.contextualize(
            update_id=update.update_id,
            user_id=update.effective_user.id if update.effective_user else None,
            chat_id=update.effective_chat.id if update.effective_chat else None,
        ):
            started = time.perf_counter()
            try:
                await coroutine
            finally:
                elapsed = time.perf_counter() - started
                for listener in self.listeners:
                    listener(update, elapsed)
            for hook in self.after_handling:
                await hook(update)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""
