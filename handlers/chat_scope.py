"""Where an update comes from: in groups the bot speaks only when a command is meant for it."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType

GROUP_CHAT_TYPES = frozenset({ChatType.GROUP, ChatType.SUPERGROUP})


def in_group_chat(update: Update) -> bool:
    """True for updates from a group or a supergroup."""
    chat = update.effective_chat
    return chat is not None and chat.type in GROUP_CHAT_TYPES


def addressed_to_bot(update: Update, bot_username: str, *, explicitly: bool = False) -> bool:
    """True outside groups; in a group, only for a command meant for this bot.

    `/cmd@this_bot` is meant for it, `/cmd@other_bot` is not; a bare `/cmd` counts unless
    `explicitly` is set (a bare command the bot does not know is probably another bot's).
    """
    if not in_group_chat(update):
        return True
    message = update.effective_message
    words = (message.text or "").split(maxsplit=1) if message is not None else []
    if not words or not words[0].startswith("/"):
        return False
    _, at, target = words[0].partition("@")
    return target.lower() == bot_username.lower() if at else not explicitly
