"""Onboarding a whole group of units: `/invite <group word> [--role officer|head]` (two files
of links) and `/revoke_invite <group word>` (confirmed with Yes / No buttons).

The Yes button carries the group word and the highest invite number counted in the question,
so it revokes what the admin was shown, never an invite created after; the service checks the
role and looks everything up again, so a forged button revokes nothing the admin could not.
"""

from __future__ import annotations

import asyncio
import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import TelegramError

from bot.context import BotContext
from bot.domain.errors import BulkInviteInGroup, StaleButton
from bot.domain.onboarding import BulkInviteRequest, selection_word
from bot.domain.roles import require
from bot.services import bulk_invites
from bot.services.bulk_invites import BulkInvites
from bot.texts import text
from bot.texts.invite_pdf import invite_pdf
from bot.texts.invite_workbook import invite_workbook
from bot.texts.onboarding_render import (
    InviteFile,
    bulk_invite_summary,
    bulk_revoke_done,
    bulk_revoke_question,
)
from handlers.chat_scope import in_group_chat
from handlers.identify import caller_of
from handlers.replies import reply

CALLBACK_PATTERN = r"^invrev:"
# invrev:y:<group word>:<highest invite number> | invrev:n
_CALLBACK = re.compile(r"invrev:(?:y:([a-z]{3,11}):([0-9]{1,12})|n)")


async def invite_group(update: Update, context: BotContext, request: BulkInviteRequest) -> None:
    """Create one invite per unit of the group, then send the workbook, the PDF and a summary.

    The invites are committed first; if their files cannot be made or sent, the batch is
    revoked again (nobody holds its links) and the admin is told. Private chats only: the
    files hold every unit's link.
    """
    caller, now = caller_of(context), context.deps.clock()
    require(caller.roles, "invite")  # a non-admin hears that they may not, before where
    if in_group_chat(update):
        raise BulkInviteInGroup()
    tz = context.deps.settings.bot_timezone
    batch = await context.deps.database.run(
        lambda s: bulk_invites.create_bulk_invites(s, caller, request, now, tz))
    message = update.effective_message
    assert message is not None  # a command always comes in a message
    try:
        await _send_files(message, context, batch)
    except Exception as error:
        await _withdraw(update, context, batch, error)
        raise
    await reply(update, bulk_invite_summary(batch, tz, context.lang))


async def _withdraw(update: Update, context: BotContext, batch: BulkInvites,
                    error: Exception) -> None:
    """Revoke a batch whose files did not reach the admin. Telegram refused a file: say so
    here (the error handler stays silent on Telegram's errors); a bug: it apologises."""
    caller, now = caller_of(context), context.deps.clock()
    await context.deps.database.run(
        lambda s: bulk_invites.withdraw_bulk_invites(s, caller, batch, now))
    if isinstance(error, TelegramError):
        await reply(update, text("bulk_invite.not_sent", context.lang, count=len(batch.invites)))


async def _send_files(message: Message, context: BotContext, batch: BulkInvites) -> None:
    username, tz, lang = context.bot.username, context.deps.settings.bot_timezone, context.lang

    def render() -> tuple[InviteFile, ...]:  # a second or two for 124 QR codes
        return (invite_workbook(batch, username, tz, lang), invite_pdf(batch, username, tz, lang))

    for made in await asyncio.to_thread(render):
        await message.reply_document(made.content, filename=made.file_name, caption=made.caption)


async def ask_revoke_group(update: Update, context: BotContext, selection: str) -> None:
    """`/revoke_invite <group word>`: name how many invites are open, ask Yes / No."""
    caller, now = caller_of(context), context.deps.clock()
    found = await context.deps.database.run(
        lambda s: bulk_invites.open_invites_of(s, caller, selection, now))
    keyboard = InlineKeyboardMarkup([[
        InlineKeyboardButton(text("bulk_revoke.button_yes", context.lang, count=found.count),
                             callback_data=f"invrev:y:{selection}:{found.last_id}"),
        InlineKeyboardButton(text("bulk_revoke.button_no", context.lang),
                             callback_data="invrev:n"),
    ]])
    await reply(update, bulk_revoke_question(found, context.lang), keyboard)


async def on_revoke_button(update: Update, context: BotContext) -> None:
    """Yes: revoke the group's invites counted in the question; No: change nothing. The query
    is answered after the work, so a refusal can still be explained on it."""
    query = update.callback_query
    assert query is not None
    caller = caller_of(context)
    match = _CALLBACK.fullmatch(query.data or "")
    selection = selection_word(match[1]) if match is not None and match[1] else None
    if match is None or (match[1] and selection is None):
        raise StaleButton()
    if selection is None:
        await query.answer()
        await query.edit_message_text(text("bulk_revoke.cancelled", context.lang))
        return
    last_id, now = int(match[2]), context.deps.clock()
    revoked = await context.deps.database.run(
        lambda s: bulk_invites.revoke_invites_of(s, caller, selection, last_id, now))
    await query.answer()
    await query.edit_message_text(bulk_revoke_done(revoked, selection, context.lang))
