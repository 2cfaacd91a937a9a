"""What every handler can reach: the typed callback context (the caller, the process's
dependencies, the reminder scheduler)."""

from __future__ import annotations

from typing import Any, cast

from telegram.ext import Application, CallbackContext, ExtBot

from bot.dependencies import Dependencies
from bot.services.people import Caller
from bot.texts import Lang
from scheduler.runner import ReminderRunner

DEPENDENCIES_KEY = "dependencies"
REMINDERS_KEY = "reminders"


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """PTB's context plus the caller (set by the identify handler) and the dependencies."""

    __slots__ = ("caller",)

    def __init__(self, application: Application[Any, Any, Any, Any, Any, Any],
                 chat_id: int | None = None, user_id: int | None = None) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)
        self.caller: Caller | None = None

    @property
    def deps(self) -> Dependencies:
        return cast(Dependencies, self.application.bot_data[DEPENDENCIES_KEY])

    @property
    def reminders(self) -> ReminderRunner:
        """The reminder scheduler (set once the application has started)."""
        return cast(ReminderRunner, self.application.bot_data[REMINDERS_KEY])

    @property
    def lang(self) -> Lang:
        return self.deps.settings.bot_language
