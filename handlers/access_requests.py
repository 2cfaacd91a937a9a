"""Admins place people who asked for access: pick a unit from paged buttons, or reject."""

from __future__ import annotations

import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.context import BotContext
from bot.domain.errors import WrongUsage
from bot.domain.roles import require
from bot.services import registration
from bot.services.units import active_units
from bot.texts import Lang, text
from handlers.identify import caller_of
from handlers.registration import announce_registration
from handlers.replies import notify

CALLBACK_PATTERN = r"^acc:"
_CALLBACK = re.compile(r"acc:(\d{1,12}):(?:p:(\d{1,3})|u:([a-z0-9]{2,16})|(x))")
UNITS_PER_PAGE = 10


async def on_access_button(update: Update, context: BotContext) -> None:
    """Route a tap on an access-request button; the role is checked again on every tap."""
    query = update.callback_query
    assert query is not None
    match = _CALLBACK.fullmatch(query.data or "")
    if match is None:
        raise WrongUsage(usage="—", example="—")
    require(caller_of(context).roles, "invite")
    await query.answer()
    request_id = int(match[1])
    if match[2]:
        await _show_unit_page(update, context, request_id, int(match[2]))
    elif match[3]:
        await _approve(update, context, request_id, match[3])
    else:
        await _reject(update, context, request_id)


async def _show_unit_page(update: Update, context: BotContext, request_id: int,
                          page: int) -> None:
    units = await context.deps.database.run(active_units)
    pages = max(1, -(-len(units) // UNITS_PER_PAGE))
    page = min(max(page, 1), pages)
    keyboard = unit_picker(request_id, units, page, pages, context.lang)
    assert update.callback_query is not None
    await update.callback_query.edit_message_text(
        text("access.pick_unit", context.lang, request_id=request_id, page=page, pages=pages),
        reply_markup=keyboard)


def unit_picker(request_id: int, units: list[tuple[str, str]], page: int, pages: int,
                lang: Lang) -> InlineKeyboardMarkup:
    """Two columns of unit codes for one page, and Previous / Next buttons."""
    shown = units[(page - 1) * UNITS_PER_PAGE: page * UNITS_PER_PAGE]
    buttons = [InlineKeyboardButton(f"{code} · {name}"[:40],
                                    callback_data=f"acc:{request_id}:u:{code}")
               for code, name in shown]
    rows = [buttons[i:i + 2] for i in range(0, len(buttons), 2)]
    navigation = []
    if page > 1:
        navigation.append(InlineKeyboardButton(text("pager.previous", lang),
                                               callback_data=f"acc:{request_id}:p:{page - 1}"))
    if page < pages:
        navigation.append(InlineKeyboardButton(text("pager.next", lang),
                                               callback_data=f"acc:{request_id}:p:{page + 1}"))
    return InlineKeyboardMarkup([*rows, navigation] if navigation else rows)


async def _approve(update: Update, context: BotContext, request_id: int, unit_code: str) -> None:
    caller, now = caller_of(context), context.deps.clock()
    done = await context.deps.database.run(
        lambda s: registration.approve_request(s, caller, request_id, unit_code, now))
    assert update.callback_query is not None
    await update.callback_query.edit_message_text(text(
        "access.approved", context.lang, request_id=request_id, name=done.person.full_name,
        unit=done.unit_name))
    await announce_registration(context, done, done.person.telegram_user_id)


async def _reject(update: Update, context: BotContext, request_id: int) -> None:
    caller, now = caller_of(context), context.deps.clock()
    name, chat_id = await context.deps.database.run(
        lambda s: registration.reject_request(s, caller, request_id, now))
    assert update.callback_query is not None
    await update.callback_query.edit_message_text(
        text("access.rejected", context.lang, request_id=request_id, name=name))
    await notify(context.bot, [chat_id], text("access.rejected_to_person", context.lang))
