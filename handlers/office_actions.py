"""The provincial office acts on a unit's report from the digest's buttons, or with
/giahan <deadline code> <due date> <unit code> [date] and /dondoc <deadline code> <due date>
<unit code>: the unit's officers, heads and groups get the office's message."""

from __future__ import annotations

from datetime import date

from telegram import Message, Update
from telegram.error import BadRequest

from bot.context import BotContext
from bot.domain.dates import format_vn_date, parse_vn_date
from bot.domain.errors import StaleButton, WrongUsage
from bot.domain.office_actions import OfficeActionKind
from bot.office_buttons import CALLBACK_PATTERN as CALLBACK_PATTERN
from bot.office_buttons import mark_done, parse_office_callback
from bot.office_notices import tell_unit
from bot.services import office_actions
from bot.services.office_actions import OfficeNotice, ReportTarget
from bot.texts import text
from bot.texts.office_actions_render import office_confirmation
from handlers.identify import caller_of
from handlers.replies import reply


async def on_office_button(update: Update, context: BotContext) -> None:
    """A tap on "Duyệt gia hạn …" or "Đôn đốc …": act, tick the button, tell unit and office."""
    query = update.callback_query
    assert query is not None
    action = parse_office_callback(query.data or "")
    if action is None:
        raise StaleButton()
    target = ReportTarget(action.deadline_code, format_vn_date(action.due_date),
                          action.unit_code, from_button=True)
    notice = await _act(context, action.kind, target)
    await query.answer()
    if isinstance(query.message, Message):
        await _tick(query.message, query.data or "")
    await _deliver(update, context, notice)


async def approve_command(update: Update, context: BotContext) -> None:
    """/giahan <deadline code> <due date> <unit code> [date granted]."""
    args = context.args or []
    if len(args) not in (3, 4):
        raise _usage(OfficeActionKind.APPROVE_EXTENSION, context)
    now = context.deps.clock()
    until = parse_vn_date(args[3], default_year=now.year) if len(args) == 4 else None
    notice = await _act(context, OfficeActionKind.APPROVE_EXTENSION,
                        ReportTarget(args[0], args[1], args[2]), until=until)
    await _deliver(update, context, notice)


async def follow_up_command(update: Update, context: BotContext) -> None:
    """/dondoc <deadline code> <due date> <unit code>."""
    args = context.args or []
    if len(args) != 3:
        raise _usage(OfficeActionKind.FOLLOW_UP, context)
    notice = await _act(context, OfficeActionKind.FOLLOW_UP,
                        ReportTarget(args[0], args[1], args[2]))
    await _deliver(update, context, notice)


async def _act(context: BotContext, kind: OfficeActionKind, target: ReportTarget,
               until: date | None = None) -> OfficeNotice:
    caller, now = caller_of(context), context.deps.clock()
    timing = context.deps.timing
    return await context.deps.database.run(lambda s: office_actions.perform(
        s, caller, kind, target, now, timing, until=until))


async def _deliver(update: Update, context: BotContext, notice: OfficeNotice) -> None:
    """After the commit: tell the unit (bot.office_notices), then the office how many of the
    unit's chats got it."""
    sent = await tell_unit(context.bot, context.deps, context.reminders, notice)
    await reply(update, office_confirmation(notice, sent.delivered, context.lang,
                                            refused=len(sent.refused), failed=sent.failed))


async def _tick(message: Message, data: str) -> None:
    """Tick the tapped button on the digest, so the office sees what was done."""
    if message.reply_markup is None:
        return
    keyboard = mark_done(message.reply_markup, data)
    if keyboard is None:
        return
    try:
        await message.edit_reply_markup(keyboard)
    except BadRequest as error:
        if "not modified" not in str(error):
            raise


def _usage(kind: OfficeActionKind, context: BotContext) -> WrongUsage:
    return WrongUsage(usage=text(f"office.usage.{kind.value}", context.lang),
                      example=text(f"office.example.{kind.value}", context.lang))
