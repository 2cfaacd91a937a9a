"""Sending answers: HTML, split under Telegram's length limit."""

from __future__ import annotations

from telegram import Update

from bot.texts import split_message


async def reply(update: Update, message: str) -> None:
    """Answer in the chat the update came from, in as many messages as the text needs."""
    chat = update.effective_chat
    if chat is None:
        return
    for part in split_message(message):
        await chat.send_message(part)
