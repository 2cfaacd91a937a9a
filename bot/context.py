"""What every handler can reach: the typed callback context and the process's dependencies."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from telegram.ext import Application, CallbackContext, ExtBot

from bot.clock import Clock
from bot.domain.province import Province
from bot.services.people import Caller
from bot.services.reminders import ReminderTiming
from bot.texts import Lang
from config.settings import Settings
from db.session import Database
from scheduler.runner import ReminderRunner, reminder_timing


@dataclass(frozen=True, slots=True)
class Dependencies:
    """Built once per process and shared by handlers and jobs."""

    settings: Settings
    database: Database
    clock: Clock
    province: Province

    @property
    def timing(self) -> ReminderTiming:
        """When reminders go out and how due dates move, from the settings."""
        return reminder_timing(self.settings)


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
