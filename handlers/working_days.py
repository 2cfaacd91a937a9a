"""/holidays [year] (admins and the office), /dayoff and /workday <date> [reason], /day_remove
<date> (admins). A change moves due dates and reminders at once; the units whose due date moved
are told, and the admin learns how many reminders, due dates and chats it touched."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import Application, CommandHandler

from bot.context import BotContext
from bot.domain.errors import WrongUsage
from bot.domain.working_days import DayKind
from bot.services import working_days
from bot.services.working_days import DayChange
from bot.texts.working_days_render import day_change_text, year_calendar_text
from handlers.replies import reply
from handlers.schedule_changes import announce_changes
from handlers.units import allowed_caller, command_words

_EXAMPLES = {"dayoff": "/dayoff 29/04/2024 Nghỉ hoán đổi dịp 30/4",
             "workday": "/workday 04/05/2024 Làm bù cho ngày 29/4"}


def register_working_day_handlers(application: Application[Any, Any, Any, Any, Any, Any]
                                  ) -> None:
    """Add /holidays, /dayoff, /workday and /day_remove to the application."""
    commands = {"holidays": show_holidays, "dayoff": add_day_off, "workday": add_working_day,
                "day_remove": remove_day}
    for name, callback in commands.items():
        application.add_handler(CommandHandler(name, callback))


async def show_holidays(update: Update, context: BotContext) -> None:
    """/holidays [year]: this year's when no year is typed."""
    caller = allowed_caller(context, "holidays")
    typed = " ".join(context.args or [])
    today = context.deps.clock().astimezone(context.deps.settings.bot_timezone).date()
    calendar = await context.deps.database.run(
        lambda s: working_days.year_calendar(s, caller, typed, today))
    await reply(update, year_calendar_text(calendar, context.lang))


async def add_day_off(update: Update, context: BotContext) -> None:
    """/dayoff <dd/mm/yyyy> [reason]."""
    await _add(update, context, DayKind.DAY_OFF, "dayoff")


async def add_working_day(update: Update, context: BotContext) -> None:
    """/workday <dd/mm/yyyy> [reason]."""
    await _add(update, context, DayKind.WORKING_DAY, "workday")


async def _add(update: Update, context: BotContext, kind: DayKind, command: str) -> None:
    caller = allowed_caller(context, command)
    words = command_words(update, 1)
    if not words:
        raise WrongUsage(usage=f"/{command} <ngày/tháng/năm> [lý do]",
                         example=_EXAMPLES[command])
    typed_day, reason = words[0], words[1] if len(words) > 1 else ""
    now, timing = context.deps.clock(), context.deps.timing
    change = await context.deps.database.run(lambda s: working_days.add_day(
        s, caller, kind, typed_day, reason, now, timing))
    await _after_change(update, context, change)


async def remove_day(update: Update, context: BotContext) -> None:
    """/day_remove <dd/mm/yyyy>."""
    caller = allowed_caller(context, "day_remove")
    args = context.args or []
    if len(args) != 1:
        raise WrongUsage(usage="/day_remove <ngày/tháng/năm>", example="/day_remove 29/04/2024")
    now, timing = context.deps.clock(), context.deps.timing
    change = await context.deps.database.run(
        lambda s: working_days.remove_day(s, caller, args[0], now, timing))
    await _after_change(update, context, change)


async def _after_change(update: Update, context: BotContext, change: DayChange) -> None:
    """After the commit: tell the units whose due date moved, wake the reminder runner, answer."""
    told = await announce_changes(context, change.effect)
    await reply(update, day_change_text(change, told, context.lang))
