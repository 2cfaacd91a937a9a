"""Telling units that one of their due dates moved (after a calendar or deadline change)."""

from __future__ import annotations

from bot.context import BotContext
from bot.notices import deliver_notice
from bot.services import schedule_changes
from bot.services.schedule_changes import ScheduleEffect
from bot.texts.schedule_changes_render import due_date_change_notice


async def announce_changes(context: BotContext, effect: ScheduleEffect) -> int:
    """After the commit: each notice goes to its chats; chats Telegram refuses are recorded as
    unreachable (as for office notices); the runner's wake-ups follow the replanned reminders.
    Returns how many chats got at least one notice."""
    told: set[int] = set()
    refused: dict[int, str] = {}
    for notice in effect.notices:
        message = due_date_change_notice(notice.change, context.lang)
        for chat_id in notice.chat_ids:
            if chat_id in refused:
                continue
            sent = await deliver_notice(context.bot, [chat_id], message)
            refused.update(sent.refused)
            if sent.delivered:
                told.add(chat_id)
    if refused:
        now = context.deps.clock()
        await context.deps.database.run(
            lambda s: schedule_changes.record_refused_chats(s, refused, now))
    context.reminders.replan_soon()
    return len(told)
