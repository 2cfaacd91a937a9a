"""What the process builds once and shares: settings, database, clock and province.

The scheduler and the web server receive these; `bot.context` hands them to handlers. This
module imports neither, so every arrow between them points one way.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock
from bot.domain.province import Province
from bot.services.reminders import ReminderTiming
from config.settings import Settings
from db.session import Database


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


def reminder_timing(settings: Settings) -> ReminderTiming:
    """The reminder time of day, time zone and due-date policy that `settings` choose."""
    return ReminderTiming(policy=settings.bot_due_date_policy, at=settings.bot_reminder_time,
                          tz=settings.bot_timezone)
