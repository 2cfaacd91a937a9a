"""A person blocks or restarts the bot in their private chat: stop or resume their reminders."""

from __future__ import annotations

from telegram import ChatMember, Update
from telegram.constants import ChatType

from bot.context import BotContext
from bot.services.people import set_reachable

GONE = (ChatMember.BANNED, ChatMember.LEFT)  # Telegram says "kicked" when a user blocks a bot


async def on_private_membership(update: Update, context: BotContext) -> None:
    """my_chat_member in a private chat: flag the person, then replan their reminders."""
    change = update.my_chat_member
    if change is None or change.chat.type != ChatType.PRIVATE:
        return
    reachable = change.new_chat_member.status not in GONE
    user_id, now = change.chat.id, context.deps.clock()
    await context.deps.database.run(lambda s: set_reachable(
        s, user_id, reachable, now, reason="the person blocked the bot"))
    context.reminders.replan_soon()
