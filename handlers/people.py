"""/whoami, /leave, /people, /remove, /grant_admin, /revoke_admin."""

from __future__ import annotations

from telegram import Update

from bot.command_menu import publish_personal_menu
from bot.context import BotContext
from bot.domain.errors import WrongUsage
from bot.services import membership
from bot.services.membership import RoleChange
from bot.texts import text
from bot.texts.people_render import people_text, whoami_text
from handlers.identify import caller_of
from handlers.replies import notify, reply


async def whoami(update: Update, context: BotContext) -> None:
    await reply(update, whoami_text(caller_of(context), context.lang))


async def leave(update: Update, context: BotContext) -> None:
    """/leave [unit code] — needed only when the person serves several units."""
    args = context.args or []
    if len(args) > 1:
        raise WrongUsage(usage="/leave [mã đơn vị]", example="/leave skhdt")
    caller, now = caller_of(context), context.deps.clock()
    change = await context.deps.database.run(
        lambda s: membership.leave_unit(s, caller, args[0] if args else None, now))
    context.reminders.replan_soon()
    await reply(update, text("leave.done", context.lang, unit=change.units_left[0]))
    await _refresh_menu(context, change)


async def list_people(update: Update, context: BotContext) -> None:
    """/people [unit code]."""
    args = context.args or []
    if len(args) > 1:
        raise WrongUsage(usage="/people [mã đơn vị]", example="/people skhdt")
    caller = caller_of(context)
    lines = await context.deps.database.run(
        lambda s: membership.list_people(s, caller, args[0] if args else None))
    await reply(update, people_text(lines, context.lang))


async def remove(update: Update, context: BotContext) -> None:
    """/remove <@username | Telegram id>."""
    ref = _single_person(context, "/remove")
    caller, now = caller_of(context), context.deps.clock()
    change = await context.deps.database.run(
        lambda s: membership.remove_person(s, caller, ref, now))
    context.reminders.replan_soon()
    await reply(update, text("person.removed", context.lang, name=change.person.full_name))
    await notify(context.bot, [change.person.telegram_user_id],
                 text("person.removed_notice", context.lang))
    await _refresh_menu(context, change)


async def grant_admin(update: Update, context: BotContext) -> None:
    await _set_admin(update, context, grant=True)


async def revoke_admin(update: Update, context: BotContext) -> None:
    await _set_admin(update, context, grant=False)


async def _set_admin(update: Update, context: BotContext, grant: bool) -> None:
    ref = _single_person(context, "/grant_admin" if grant else "/revoke_admin")
    caller, now = caller_of(context), context.deps.clock()
    change = await context.deps.database.run(
        lambda s: membership.set_admin(s, caller, ref, grant, now))
    key = "admin.granted" if grant else "admin.revoked"
    await reply(update, text(key, context.lang, name=change.person.full_name))
    await _refresh_menu(context, change)


def _single_person(context: BotContext, command: str) -> str:
    args = context.args or []
    if len(args) != 1:
        raise WrongUsage(usage=f"{command} <@tên_người_dùng | Telegram id>",
                         example=f"{command} @nguyenvana")
    return args[0]


async def _refresh_menu(context: BotContext, change: RoleChange) -> None:
    await publish_personal_menu(context.bot, change.person.telegram_user_id,
                                change.person.roles, context.lang, context.deps.settings.web)
