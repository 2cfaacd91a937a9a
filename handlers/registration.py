"""/start (with or without an invite), /invite, /invites, /revoke_invite, access requests."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.command_menu import publish_personal_menu
from bot.context import BotContext
from bot.domain.errors import WrongUsage
from bot.domain.roles import Role
from bot.services import registration
from bot.texts import text
from bot.texts.people_render import invites_text, role_label
from handlers.identify import caller_of
from handlers.replies import notify, reply
from handlers.start import greet

INVITE_USAGE = WrongUsage(usage="/invite <mã đơn vị> [head] hoặc /invite office",
                          example="/invite skhdt")


async def start(update: Update, context: BotContext) -> None:
    """/start <token> registers with an invite; plain /start greets and asks for access."""
    if context.args:
        await _redeem(update, context, context.args[0])
        return
    await greet(update, context)
    caller = caller_of(context)
    if caller.roles != frozenset({Role.EVERYONE}):
        return
    now = context.deps.clock()
    request = await context.deps.database.run(
        lambda s: registration.request_access(s, caller, now))
    if request is None:
        await reply(update, text("start.request_pending", context.lang))
        return
    await reply(update, text("start.no_role", context.lang))
    handle = f"@{request.username} " if request.username else ""
    keyboard = InlineKeyboardMarkup([[
        InlineKeyboardButton(text("access.button_pick", context.lang),
                             callback_data=f"acc:{request.request_id}:p:1"),
        InlineKeyboardButton(text("access.button_reject", context.lang),
                             callback_data=f"acc:{request.request_id}:x"),
    ]])
    await notify(context.bot, request.notify_chat_ids,
                 text("access.admin_notice", context.lang, name=request.person_name,
                      handle=handle, user_id=request.telegram_user_id,
                      request_id=request.request_id), keyboard)


async def _redeem(update: Update, context: BotContext, token: str) -> None:
    caller, now = caller_of(context), context.deps.clock()
    done = await context.deps.database.run(
        lambda s: registration.redeem_invite(s, caller, token, now))
    await announce_registration(context, done, caller.telegram_user_id)


async def announce_registration(context: BotContext, done: registration.Registration,
                                chat_id: int) -> None:
    """Confirm to the person, refresh their menu, and tell the admins."""
    role = role_label(done.role, done.unit_name, context.lang)
    await context.bot.send_message(chat_id, text("registration.done", context.lang, role=role))
    await publish_personal_menu(context.bot, chat_id, done.person.roles, context.lang)
    admins = [admin for admin in done.notify_chat_ids if admin != chat_id]
    await notify(context.bot, admins, text("registration.admin_notice", context.lang,
                                           name=done.person.full_name, role=role))


async def invite(update: Update, context: BotContext) -> None:
    """/invite <unit code> [head] or /invite office."""
    args = [arg.lower() for arg in context.args or []]
    if not args or len(args) > 2 or (len(args) == 2 and args[1] != "head"):
        raise INVITE_USAGE
    role: registration.InviteRole = ("office" if args == ["office"]
                                     else "head" if len(args) == 2 else "officer")
    unit_code = None if role == "office" else args[0]
    caller, now = caller_of(context), context.deps.clock()
    created = await context.deps.database.run(
        lambda s: registration.create_invite(s, caller, unit_code, role, now))
    view = created.invite
    await reply(update, text(
        "invite.created", context.lang, invite_id=view.invite_id,
        role=role_label(view.role, view.unit_name, context.lang),
        expires=f"{view.expires_at.astimezone(context.deps.settings.bot_timezone):%H:%M %d/%m/%Y}",
        link=f"https://t.me/{context.bot.username}?start={created.token}", token=created.token))


async def list_invites(update: Update, context: BotContext) -> None:
    caller, now = caller_of(context), context.deps.clock()
    views = await context.deps.database.run(
        lambda s: registration.list_open_invites(s, caller, now))
    await reply(update, invites_text(views, context.deps.settings.bot_timezone, context.lang))


async def revoke_invite(update: Update, context: BotContext) -> None:
    """/revoke_invite <number>, the number shown by /invites."""
    args = context.args or []
    if len(args) != 1 or not args[0].lstrip("#").isdigit():
        raise WrongUsage(usage="/revoke_invite <số>", example="/revoke_invite 3")
    invite_id, caller, now = int(args[0].lstrip("#")), caller_of(context), context.deps.clock()
    view = await context.deps.database.run(
        lambda s: registration.revoke_invite(s, caller, invite_id, now))
    await reply(update, text("invite.revoked", context.lang, invite_id=view.invite_id,
                             role=role_label(view.role, view.unit_name, context.lang)))
