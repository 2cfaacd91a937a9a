"""/web: a single-use link to sign in to the office's dashboard in a browser."""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.domain.errors import WebLinkInGroup
from bot.domain.roles import require
from bot.services import web_access
from bot.texts import text
from handlers.chat_scope import in_group_chat
from handlers.identify import caller_of
from handlers.replies import reply


async def send_login_link(update: Update, context: BotContext) -> None:
    """/web: reply with WEB_BASE_URL/login/<token>, usable once within 10 minutes."""
    caller = caller_of(context)
    require(caller.roles, "web")  # strangers hear the usual refusal, in any chat
    if in_group_chat(update):
        raise WebLinkInGroup()
    now, settings = context.deps.clock(), context.deps.settings
    issued = await context.deps.database.run(
        lambda s: web_access.create_login_link(s, caller, now))
    expires = issued.expires_at.astimezone(settings.bot_timezone)
    message = text("web.link", context.lang, expires=f"{expires:%H:%M %d/%m/%Y}",
                   link=f"{settings.web.base_url}/login/{issued.token}")
    # No preview: Telegram would fetch the link to draw one, and so use it up.
    await reply(update, message, link_preview=False)
