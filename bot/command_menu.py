"""The command menu Telegram shows beside the text field (setMyCommands)."""

from __future__ import annotations

from telegram import Bot, BotCommand, BotCommandScopeDefault

from bot.domain.roles import Role, commands_for
from bot.texts import Lang, text


def menu_for(roles: frozenset[Role], lang: Lang) -> list[BotCommand]:
    return [BotCommand(c.name, text(f"command.{c.name}", lang)) for c in commands_for(roles)]


async def publish_command_menu(bot: Bot, lang: Lang) -> None:
    """Publish everyone's commands as the default menu."""
    await bot.set_my_commands(menu_for(frozenset({Role.EVERYONE}), lang),
                              scope=BotCommandScopeDefault())
