"""/start (with or without an invite), /invite, /invites, /revoke_invite, access requests."""

from __future__ import annotations

import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.command_menu import publish_personal_menu
from bot.context import BotContext
from bot.domain.errors import WrongUsage
from bot.domain.onboarding import parse_bulk_invite, selection_word
from bot.domain.roles import Role
from bot.services import registration
from bot.texts import text
from bot.texts.groups_render import group_invite_created_text
from bot.texts.people_render import invite_label, invites_text, role_label
from handlers.chat_scope import in_group_chat
from handlers.groups import start_in_group
from handlers.identify import caller_of
from handlers.onboarding import ask_revoke_group, invite_group
from handlers.replies import notify, reply
from handlers.start import greet

_INVITE_NUMBER = re.compile(r"#?[0-9]{1,12}")
INVITE_USAGE = WrongUsage(
    usage="/invite <mã đơn vị> [head|group] hoặc /invite office [group]",
    example="/invite skhdt group")
REVOKE_USAGE = WrongUsage(
    usage="/revoke_invite <số> hoặc /revoke_invite all|departments|communes|districts|agencies",
    example="/revoke_invite 3")


async def start(update: Update, context: BotContext) -> None:
    """/start <token> registers with an invite; plain /start greets and asks for access.

    In a group, /start <token> registers the group instead (see handlers.groups).
    """
    if in_group_chat(update):
        await start_in_group(update, context)
        return
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
    """Confirm to the person, refresh their menu, tell the admins, and plan their reminders."""
    context.reminders.replan_soon()
    role = role_label(done.role, done.unit_name, context.lang)
    await context.bot.send_message(chat_id, text("registration.done", context.lang, role=role))
    await publish_personal_menu(context.bot, chat_id, done.person.roles, context.lang,
                                context.deps.settings.web)
    admins = [admin for admin in done.notify_chat_ids if admin != chat_id]
    await notify(context.bot, admins, text("registration.admin_notice", context.lang,
                                           name=done.person.full_name, role=role))


def parse_invite_args(args: list[str]) -> tuple[registration.InviteRole, str | None, bool]:
    """(role, unit code, for a group) from `<unit> [head|group]` or `office [group]`."""
    words = [arg.lower() for arg in args]
    if not words or len(words) > 2 or words[1:] not in ([], ["head"], ["group"]):
        raise INVITE_USAGE
    for_group = words[1:] == ["group"]
    if words[0] == "office":
        if words[1:] == ["head"]:
            raise INVITE_USAGE
        return "office", None, for_group
    return ("head" if words[1:] == ["head"] else "officer"), words[0], for_group


async def invite(update: Update, context: BotContext) -> None:
    """/invite <unit code> [head|group], /invite office [group], or /invite <group word>
    [--role officer|head] for every unit of a group (handlers.onboarding)."""
    bulk = parse_bulk_invite(context.args or [])
    if bulk is not None:
        await invite_group(update, context, bulk)
        return
    role, unit_code, for_group = parse_invite_args(context.args or [])
    caller, now = caller_of(context), context.deps.clock()
    created = await context.deps.database.run(lambda s: registration.create_invite(
        s, caller, unit_code, role, now, for_group=for_group))
    view = created.invite
    expires = f"{view.expires_at.astimezone(context.deps.settings.bot_timezone):%H:%M %d/%m/%Y}"
    if for_group:
        await reply(update, group_invite_created_text(
            view.invite_id, None if role == "office" else view.unit_name, expires,
            f"https://t.me/{context.bot.username}?startgroup={created.token}", created.token,
            context.lang))
        return
    await reply(update, text(
        "invite.created", context.lang, invite_id=view.invite_id,
        role=role_label(view.role, view.unit_name, context.lang), expires=expires,
        link=f"https://t.me/{context.bot.username}?start={created.token}", token=created.token))


async def list_invites(update: Update, context: BotContext) -> None:
    caller, now = caller_of(context), context.deps.clock()
    views = await context.deps.database.run(
        lambda s: registration.list_open_invites(s, caller, now))
    await reply(update, invites_text(views, context.deps.settings.bot_timezone, context.lang))


async def revoke_invite(update: Update, context: BotContext) -> None:
    """/revoke_invite <number>, the number shown by /invites; or /revoke_invite <group word>
    for every open invite of a group's units, after a confirmation (handlers.onboarding)."""
    args = context.args or []
    selection = selection_word(args[0]) if len(args) == 1 else None
    if selection is not None:
        await ask_revoke_group(update, context, selection)
        return
    # ASCII digits only: "²".isdigit() is true, but int("²") fails.
    if len(args) != 1 or not _INVITE_NUMBER.fullmatch(args[0]):
        raise REVOKE_USAGE
    invite_id, caller, now = int(args[0].lstrip("#")), caller_of(context), context.deps.clock()
    view = await context.deps.database.run(
        lambda s: registration.revoke_invite(s, caller, invite_id, now))
    await reply(update, text("invite.revoked", context.lang, invite_id=view.invite_id,
                             role=invite_label(view, context.lang)))
