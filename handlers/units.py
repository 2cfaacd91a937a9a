"""/units (paged), /unit_add, /unit_edit, /unit_disable (confirmed with buttons, undoable).

Every command and every button tap checks the admin role first; buttons carry only a unit code
or a page number, and the service looks the unit up again, so a forged button acts on nothing
the admin could not have typed.
"""

from __future__ import annotations

import re
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.context import BotContext
from bot.domain.errors import StaleButton, WrongUsage
from bot.domain.roles import require
from bot.domain.units import fold_code, parse_unit_field
from bot.services import onboarding, units
from bot.services.people import Caller
from bot.texts import Lang, text
from bot.texts.onboarding_render import unregistered_page
from bot.texts.units_render import (
    unit_added_text,
    unit_edit_text,
    unit_state_text,
    units_page,
)
from handlers import audit, unit_flows
from handlers.flows import in_private_chat
from handlers.identify import caller_of
from handlers.replies import reply

CALLBACK_PATTERN = r"^units:"
# units:p:<page> (every unit) | units:u:<page> (units still to register)
# | units:d:<code> (confirm disable) | units:n:<code> (keep) | units:e:<code>
_CALLBACK = re.compile(r"units:(?:([pu]):([0-9]{1,4})|([dne]):([a-z0-9]{2,16}))")
_PAGE = re.compile(r"[0-9]{1,4}")  # ASCII only: "²".isdigit() is true, but int("²") fails
UNREGISTERED_WORDS = frozenset({"unregistered", "chuadangky", "chua-dang-ky"})
LIST_USAGE = WrongUsage(usage="/units [unregistered] [trang]", example="/units unregistered")
ADD_USAGE = WrongUsage(usage="/unit_add <mã> <nhóm> <tên đơn vị>",
                       example="/unit_add sdl department Sở Du lịch")
EDIT_USAGE = WrongUsage(usage="/unit_edit <mã> name|group <giá trị mới>",
                        example="/unit_edit sdl name Sở Du lịch tỉnh Trà Vinh")
DISABLE_USAGE = WrongUsage(usage="/unit_disable <mã>", example="/unit_disable sdl")


def register_unit_handlers(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add the unit commands, /audit and the unit buttons to the application."""
    commands = {"units": list_units, "unit_add": add_unit, "unit_edit": edit_unit,
                "unit_disable": disable_unit, "audit": audit.show_audit}
    for name, callback in commands.items():
        application.add_handler(CommandHandler(name, callback))
    application.add_handler(CallbackQueryHandler(on_units_button, pattern=CALLBACK_PATTERN))


def allowed_caller(context: BotContext, command: str) -> Caller:
    """The caller, if their roles allow `command`; a polite refusal (NotAllowed) otherwise."""
    caller = caller_of(context)
    require(caller.roles, command)
    return caller


def command_words(update: Update, count: int) -> list[str]:
    """The first `count` words after the command, then the rest of the text exactly as typed.

    Unlike context.args this keeps line breaks and tabs inside a name, so they can be refused.
    """
    message = update.effective_message
    return (message.text or "").split(maxsplit=count + 1)[1:] if message else []


async def list_units(update: Update, context: BotContext) -> None:
    """/units [page], or /units unregistered [page]: only the units without an officer or a
    head (also `chuadangky`)."""
    caller = allowed_caller(context, "units")
    args = context.args or []
    unregistered = bool(args) and fold_code(args[0]) in UNREGISTERED_WORDS
    pages = args[1:] if unregistered else args
    if len(pages) > 1 or (pages and not _PAGE.fullmatch(pages[0])):
        raise LIST_USAGE
    await _send_page(update, context, caller, int(pages[0]) if pages else 1, edit=False,
                     unregistered=unregistered)


async def _send_page(update: Update, context: BotContext, caller: Caller, page: int,
                     edit: bool, unregistered: bool = False) -> None:
    now, timing = context.deps.clock(), context.deps.timing
    lines, gaps = await context.deps.database.run(lambda s: (
        units.list_units(s, caller), onboarding.registration_status(s, caller, now, timing)))
    if unregistered:
        shown = unregistered_page(gaps, page, context.lang)
    else:
        shown = units_page(lines, page, context.lang, gaps=gaps)
    keyboard = _pager(shown.page, shown.pages, context.lang, "u" if unregistered else "p")
    if edit and update.callback_query is not None:
        await update.callback_query.answer()
        try:
            await update.callback_query.edit_message_text(shown.text, reply_markup=keyboard)
        except BadRequest as error:  # a tap that leads to the page already shown
            if "not modified" not in str(error):
                raise
    else:
        await reply(update, shown.text, keyboard)


def _pager(page: int, pages: int, lang: Lang, kind: str) -> InlineKeyboardMarkup | None:
    buttons = []
    if page > 1:
        buttons.append(InlineKeyboardButton(text("pager.previous", lang),
                                            callback_data=f"units:{kind}:{page - 1}"))
    if page < pages:
        buttons.append(InlineKeyboardButton(text("pager.next", lang),
                                            callback_data=f"units:{kind}:{page + 1}"))
    return InlineKeyboardMarkup([buttons]) if buttons else None


async def add_unit(update: Update, context: BotContext) -> None:
    """/unit_add <code> <group> <name…>; alone, it explains itself and asks step by step."""
    caller = allowed_caller(context, "unit_add")
    words = command_words(update, 2)
    if not words and in_private_chat(update):
        await unit_flows.start_add(update, context, caller)
        return
    if not words:
        await reply(update, text("unit_add.usage", context.lang))
        return
    if len(words) < 3:
        raise ADD_USAGE
    code, group, name = words
    now = context.deps.clock()
    added = await context.deps.database.run(
        lambda s: units.add_unit(s, caller, code, group, name, now))
    await reply(update, unit_added_text(added, context.lang))


async def edit_unit(update: Update, context: BotContext) -> None:
    """/unit_edit <code> name|group <value…> (also tên|nhóm); alone, it asks step by step."""
    caller = allowed_caller(context, "unit_edit")
    words = command_words(update, 2)
    if not words and in_private_chat(update):
        await unit_flows.start_edit(update, context, caller)
        return
    field = parse_unit_field(words[1]) if len(words) == 3 else None
    if field is None:
        raise EDIT_USAGE
    code, value, now = words[0], words[2], context.deps.clock()
    edit = await context.deps.database.run(
        lambda s: units.edit_unit(s, caller, code, field, value, now))
    await reply(update, unit_edit_text(edit, context.lang))


async def disable_unit(update: Update, context: BotContext) -> None:
    """/unit_disable <code>: asks for confirmation with Yes / No buttons."""
    caller = allowed_caller(context, "unit_disable")
    args = context.args or []
    if len(args) != 1:
        raise DISABLE_USAGE
    unit = await context.deps.database.run(lambda s: units.unit_to_disable(s, caller, args[0]))
    keyboard = InlineKeyboardMarkup([[
        InlineKeyboardButton(text("unit.button_disable", context.lang),
                             callback_data=f"units:d:{unit.code}"),
        InlineKeyboardButton(text("unit.button_keep", context.lang),
                             callback_data=f"units:n:{unit.code}"),
    ]])
    await reply(update, unit_state_text("unit.disable_confirm", unit, context.lang), keyboard)


async def on_units_button(update: Update, context: BotContext) -> None:
    """Route a tap on a /units or /unit_disable button; the role is checked on every tap.

    The query is answered only after the work succeeded, so that on a refusal the error handler
    can still answer it and explain.
    """
    query = update.callback_query
    assert query is not None
    caller = allowed_caller(context, "units")
    match = _CALLBACK.fullmatch(query.data or "")
    if match is None:
        raise StaleButton()
    if match[1]:
        await _send_page(update, context, caller, int(match[2]), edit=True,
                         unregistered=match[1] == "u")
    elif match[3] == "n":
        await query.answer()
        await query.edit_message_text(text("unit.disable_cancelled", context.lang))
    else:
        await _switch_unit(update, context, caller, match[4], enable=match[3] == "e")


async def _switch_unit(update: Update, context: BotContext, caller: Caller, code: str,
                       enable: bool) -> None:
    """Disable (after the Yes button) or enable again (the undo button) the unit `code`."""
    now = context.deps.clock()
    switch = units.enable_unit if enable else units.disable_unit
    unit = await context.deps.database.run(lambda s: switch(s, caller, code, now))
    context.reminders.replan_soon()
    undo = None if enable else InlineKeyboardMarkup([[InlineKeyboardButton(
        text("unit.button_enable", context.lang), callback_data=f"units:e:{unit.code}")]])
    query = update.callback_query
    assert query is not None
    await query.answer()
    await query.edit_message_text(
        unit_state_text("unit.enabled" if enable else "unit.disabled", unit, context.lang),
        reply_markup=undo)
