"""The command menu Telegram shows beside the text field (setMyCommands), per role, and the
menu button that opens the dashboard as a Mini App for the office and admins."""

from __future__ import annotations

from loguru import logger
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    BotCommandScopeDefault,
    MenuButton,
    MenuButtonDefault,
    MenuButtonWebApp,
    WebAppInfo,
)
from telegram.error import TelegramError

from bot.domain.roles import Role, commands_for
from bot.texts import Lang, text
from config.settings import WebEndpoint

MINI_APP_ROLES = frozenset({Role.OFFICE, Role.ADMIN})


def menu_for(roles: frozenset[Role], lang: Lang) -> list[BotCommand]:
    return [BotCommand(c.name, text(f"command.{c.name}", lang)) for c in commands_for(roles)]


def menu_button_for(roles: frozenset[Role], lang: Lang, web: WebEndpoint) -> MenuButton:
    """The dashboard as a Mini App for the office and admins; Telegram's own button for the
    others (so someone who leaves the office loses it)."""
    if not roles & MINI_APP_ROLES:
        return MenuButtonDefault()
    return MenuButtonWebApp(text("web.mini_app.button", lang),
                            WebAppInfo(url=f"{web.base_url.rstrip('/')}/"))


async def publish_command_menu(bot: Bot, lang: Lang) -> None:
    """Publish everyone's commands as the default menu."""
    await bot.set_my_commands(menu_for(frozenset({Role.EVERYONE}), lang),
                              scope=BotCommandScopeDefault())


async def publish_personal_menu(bot: Bot, chat_id: int, roles: frozenset[Role],
                                lang: Lang, web: WebEndpoint) -> None:
    """Show this person (in their private chat) exactly the commands their roles allow, and
    their menu button when WEB_BASE_URL is https (Telegram opens no other Web App address)."""
    try:
        await bot.set_my_commands(menu_for(roles, lang), scope=BotCommandScopeChat(chat_id))
        if web.secure:
            await bot.set_chat_menu_button(chat_id, menu_button_for(roles, lang, web))
    except TelegramError as error:  # e.g. an admin who never opened the bot
        logger.warning("Could not set the command menu of chat {}: {}", chat_id, error)
