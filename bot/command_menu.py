"""The command menu Telegram shows beside the text field (setMyCommands), per role."""

from __future__ import annotations

from loguru import logger
from telegram import Bot, BotCommand, BotCommandScopeChat, BotCommandScopeDefault
from telegram.error import TelegramError

from bot.domain.roles import Role, commands_for
from bot.texts import Lang, text


def menu_for(roles: frozenset[Role], lang: Lang) -> list[BotCommand]:
    return [BotCommand(c.name, text(f"command.{c.name}", lang)) for c in commands_for(roles)]


async def publish_command_menu(bot: Bot, lang: Lang) -> None:
    """Publish everyone's commands as the default menu."""
    await bot.set_my_commands(menu_for(frozenset({Role.EVERYONE}), lang),
                              scope=BotCommandScopeDefault())


async def publish_personal_menu(bot: Bot, chat_id: int, roles: frozenset[Role],
                                lang: Lang) -> None:
    """Show this person (in their private chat) exactly the commands their roles allow."""
    try:
        await bot.set_my_commands(menu_for(roles, lang), scope=BotCommandScopeChat(chat_id))
    except TelegramError as error:  # e.g. an admin who never opened the bot
        logger.warning("Could not set the command menu of chat {}: {}", chat_id, error)
