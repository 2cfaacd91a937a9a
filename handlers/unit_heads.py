"""The office confirms a unit's head after a reorganisation, from the notice's button."""

from __future__ import annotations

from telegram import Update

from bot.context import BotContext
from bot.domain.errors import StaleButton
from bot.services.membership import confirm_head
from bot.texts import text
from bot.unit_head_buttons import CALLBACK_PATTERN as CALLBACK_PATTERN
from bot.unit_head_buttons import parse_head_callback
from handlers.identify import caller_of
from handlers.replies import reply


async def on_head_button(update: Update, context: BotContext) -> None:
    """A tap on "Xác nhận <person> là lãnh đạo <unit>": make them its head and say so."""
    query = update.callback_query
    assert query is not None
    named = parse_head_callback(query.data or "")
    if named is None:
        raise StaleButton()
    person_id, unit_code = named
    actor, now = caller_of(context), context.deps.clock()
    confirmed = await context.deps.database.run(
        lambda session: confirm_head(session, actor, person_id, unit_code, now))
    await query.answer()
    await reply(update, text("reorg.head.confirmed", context.lang, name=confirmed.full_name,
                             unit=confirmed.unit_name, code=confirmed.unit_code))
