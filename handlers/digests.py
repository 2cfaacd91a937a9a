"""/digest: where every report stands, for the provincial office and admins."""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.domain.roles import require
from bot.office_buttons import office_keyboard
from bot.services import digests
from bot.texts.digests_render import digest_parts
from handlers.identify import caller_of
from handlers.replies import reply


async def show_digest(update: Update, context: BotContext) -> None:
    """/digest: every open report; /digest <code> [period]: one report's occurrence(s).

    The period is a due date (10/03/2020), a year (2020) or a period's name (Quý I/2020);
    without it, the latest occurrence.
    """
    require(caller_of(context).roles, "digest")
    args = context.args or []
    now, timing = context.deps.clock(), context.deps.timing
    if args:
        code, period = args[0], " ".join(args[1:]) or None
        digest = await context.deps.database.run(
            lambda s: digests.occurrence_digest(s, code, period, now, timing))
    else:
        digest = await context.deps.database.run(lambda s: digests.open_digest(s, now, timing))
    # No link preview: the digest may link the dashboard, whose page needs a sign-in.
    for part in digest_parts(digest, context.lang, context.deps.settings.web.base_url):
        await reply(update, part.text, office_keyboard(part.actions, context.lang),
                    link_preview=False)
