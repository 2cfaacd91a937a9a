"""Telling a unit what the provincial office did about its report, after the commit: the same
for the digest's buttons, the /giahan and /dondoc commands and the dashboard's forms."""

from __future__ import annotations

from telegram import Bot

from bot.dependencies import Dependencies
from bot.domain.office_actions import OfficeActionKind
from bot.notices import NoticeDelivery, deliver_notice
from bot.services import office_actions
from bot.services.office_actions import OfficeNotice
from bot.status_buttons import status_keyboard
from bot.texts.office_actions_render import unit_message
from scheduler.runner import ReminderRunner


async def tell_unit(bot: Bot, deps: Dependencies, reminders: ReminderRunner,
                    notice: OfficeNotice) -> NoticeDelivery:
    """The unit's chats get the office's message in the bot's language (a follow-up with the
    four answer buttons); chats Telegram refuses are recorded as unreachable; an approval
    replans the unit's reminders (in the background, after its notice)."""
    lang = deps.settings.bot_language
    keyboard = (status_keyboard(notice.ref, lang, notice.current)
                if notice.kind is OfficeActionKind.FOLLOW_UP else None)
    sent = await deliver_notice(bot, notice.chat_ids, unit_message(notice, lang), keyboard)
    if sent.refused:
        now = deps.clock()
        await deps.database.run(
            lambda s: office_actions.record_refused_chats(s, sent.refused, now))
    if notice.kind is OfficeActionKind.APPROVE_EXTENSION:
        reminders.replan_soon()
    return sent
