"""/audit [n]: the latest changes of configuration and membership, for admins."""

from __future__ import annotations

import re

from telegram import Update

from bot.context import BotContext
from bot.domain.errors import WrongUsage
from bot.domain.roles import require
from bot.services import audit
from bot.texts.audit_render import audit_text
from handlers.identify import caller_of
from handlers.replies import reply

AUDIT_USAGE = WrongUsage(usage=f"/audit [số mục, 1–{audit.MAX_AUDIT_LINES}]", example="/audit 50")


async def show_audit(update: Update, context: BotContext) -> None:
    """/audit [n], n from 1 to MAX_AUDIT_LINES (default DEFAULT_AUDIT_LINES), newest first."""
    caller = caller_of(context)
    require(caller.roles, "audit")
    args = context.args or []
    if len(args) > 1 or (args and not re.fullmatch(r"[0-9]{1,3}", args[0])):
        raise AUDIT_USAGE
    limit = int(args[0]) if args else audit.DEFAULT_AUDIT_LINES
    if not 1 <= limit <= audit.MAX_AUDIT_LINES:
        raise AUDIT_USAGE
    entries = await context.deps.database.run(lambda s: audit.audit_log(s, caller, limit))
    await reply(update, audit_text(entries, context.deps.settings.bot_timezone, context.lang))
