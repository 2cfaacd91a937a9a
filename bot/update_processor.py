"""Processes updates concurrently, each with its update, user and chat ids in the log context."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any

from loguru import logger
from telegram import Update
from telegram.ext import BaseUpdateProcessor


class LoggingUpdateProcessor(BaseUpdateProcessor):
    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        if not isinstance(update, Update):
            await coroutine
            return
        with logger.contextualize(
            update_id=update.update_id,
            user_id=update.effective_user.id if update.effective_user else None,
            chat_id=update.effective_chat.id if update.effective_chat else None,
        ):
            await coroutine

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""
