"""/start and /help: what the bot is, and the commands this person may use."""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.domain.roles import Role, commands_for
from bot.texts import text
from handlers.replies import reply


async def greet(update: Update, context: BotContext) -> None:
    name = update.effective_user.full_name if update.effective_user else ""
    await reply(update, text("start.greeting", context.lang, name=name,
                             province=context.deps.province.name))


async def help_command(update: Update, context: BotContext) -> None:
    roles = context.caller.roles if context.caller else frozenset({Role.EVERYONE})
    lines = [text("help.header", context.lang)]
    lines += [f"/{c.name} — {text(f'command.{c.name}', context.lang)}" for c in commands_for(roles)]
    lines += ["", text("help.footer", context.lang)]
    await reply(update, "\n".join(lines))
