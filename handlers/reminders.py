"""/reminders: the next planned reminder sends, for admins."""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.domain.delivery import SendOutcome
from bot.domain.roles import require
from bot.services import reminders
from bot.texts.reminders_render import upcoming_text
from handlers.identify import caller_of
from handlers.replies import reply

UPCOMING_SHOWN = 20


async def show_upcoming(update: Update, context: BotContext) -> None:
    """The next UPCOMING_SHOWN sends planned in the outbox, soonest first."""
    require(caller_of(context).roles, "reminders")
    lines, counts = await context.deps.database.run(lambda s: (
        reminders.outbox_lines(s, SendOutcome.PENDING, UPCOMING_SHOWN),
        reminders.outbox_counts(s)))
    await reply(update, upcoming_text(lines, counts.get(SendOutcome.PENDING.value, 0),
                                      context.deps.settings.bot_timezone, context.lang))
