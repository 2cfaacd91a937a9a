"""Group chats: /start <token> in a group, /groups, and the bot's membership in groups.

Membership changes and supergroup moves are handled before `identify_caller`: they need no
caller, and may come from an anonymous group admin, whom `identify_caller` stops.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.constants import ChatMemberStatus
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.context import BotContext
from bot.services import group_chats
from bot.services.group_chats import GroupChatInfo
from bot.texts.groups_render import (
    group_registered_text,
    group_status_text,
    groups_text,
    registered_notice,
    removed_notice,
)
from handlers.chat_scope import in_group_chat
from handlers.identify import caller_of
from handlers.replies import notify, reply

GROUP_EVENTS = -2  # before identify_caller (-1)
_BOT_GONE = frozenset({ChatMemberStatus.LEFT, ChatMemberStatus.BANNED})


def register_group_handlers(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add /groups and the handlers following the bot's membership in groups."""
    application.add_handler(ChatMemberHandler(on_bot_membership, ChatMemberHandler.MY_CHAT_MEMBER),
                            group=GROUP_EVENTS)
    application.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, on_migration),
                            group=GROUP_EVENTS)
    application.add_handler(CommandHandler("groups", list_groups))


async def start_in_group(update: Update, context: BotContext) -> None:
    """/start <token> registers the group with a group invite; plain /start says whom it serves."""
    chat = update.effective_chat
    assert chat is not None  # a command in a group
    if not context.args:
        status = await context.deps.database.run(
            lambda s: group_chats.group_status(s, chat.id))
        await reply(update, group_status_text(status, context.lang))
        return
    caller, now, token = caller_of(context), context.deps.clock(), context.args[0]
    info = GroupChatInfo(chat.id, chat.title or "")
    done = await context.deps.database.run(
        lambda s: group_chats.register_group(s, caller, info, token, now))
    context.reminders.replan_soon()
    await reply(update, group_registered_text(done.group, context.lang))
    await notify(context.bot, done.notify_chat_ids, registered_notice(done, context.lang))


async def on_bot_membership(update: Update, context: BotContext) -> None:
    """The bot was removed from a group: stop writing there and tell the admins."""
    change = update.my_chat_member
    if change is None or not in_group_chat(update):
        return
    status = str(change.new_chat_member.status)
    if status not in _BOT_GONE:
        return  # added back: the group comes back when it is registered again
    chat_id, remover, now = change.chat.id, change.from_user.id, context.deps.clock()
    removal = await context.deps.database.run(
        lambda s: group_chats.mark_bot_removed(s, chat_id, remover, status, now))
    context.reminders.replan_soon()
    if removal is not None:
        await notify(context.bot, removal.notify_chat_ids, removed_notice(removal, context.lang))


async def on_migration(update: Update, context: BotContext) -> None:
    """A group became a supergroup: follow it to its new chat id. Nothing is answered."""
    message = update.effective_message
    assert message is not None  # the MIGRATE filter matched a message
    if message.migrate_to_chat_id is not None:
        old, new = message.chat.id, message.migrate_to_chat_id
    else:
        assert message.migrate_from_chat_id is not None
        old, new = message.migrate_from_chat_id, message.chat.id
    now = context.deps.clock()
    await context.deps.database.run(lambda s: group_chats.move_group(s, old, new, now))
    context.reminders.replan_soon()
    raise ApplicationHandlerStop


async def list_groups(update: Update, context: BotContext) -> None:
    """/groups — every registered group, whom it serves, and whether the bot can write there."""
    caller = caller_of(context)
    lines = await context.deps.database.run(lambda s: group_chats.list_groups(s, caller))
    await reply(update, groups_text(lines, context.deps.settings.bot_timezone, context.lang))
