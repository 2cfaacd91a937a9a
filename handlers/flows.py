"""Multi-step chat flows: typed answers and button taps reach the person's open flow; /cancel.

The flow's state is in the database (bot.services.flows), so any worker, or a restarted bot,
continues it. This module finds the person's flow and hands the typed text or the tapped button
to the FlowRoute of that kind of flow (handlers.unit_flows…). Buttons carry
`fl:<flow ref>:<action>[:<value>]`: the ref only says which flow the message belongs to; the
stored flow decides whether the tap counts, and every step checks the role again.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType
from telegram.error import BadRequest
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.context import BotContext
from bot.domain.errors import FlowExpired, FlowFinished, StaleButton
from bot.services import flows
from bot.services.flows import Flow, FlowOwner
from bot.texts import Lang, text
from handlers.fallback import stray_text
from handlers.replies import reply

CALLBACK_PATTERN = r"^fl:"
# fl:<flow id>.<flow key: flows.KEY_BYTES in hex>:<action>[:<value>]
_CALLBACK = re.compile(r"fl:([0-9]{1,12})\.([0-9a-f]{8}):([a-z])(?::([a-z0-9_]{1,32}))?")
CALLBACK_DATA_LIMIT = 64  # bytes, Telegram's limit
CANCEL = "x"


@dataclass(frozen=True, slots=True)
class FlowRoute:
    """What one kind of flow does with a typed answer and with a tapped button (action, value)."""

    on_text: Callable[[Update, BotContext, Flow, str], Awaitable[None]]
    on_button: Callable[[Update, BotContext, Flow, str, str], Awaitable[None]]


def register_flow_handlers(application: Application[Any, Any, Any, Any, Any, Any],
                           routes: Mapping[str, FlowRoute]) -> None:
    """Add /cancel, the flow buttons and the typed-answer handler (before the stray-text one)."""
    application.add_handler(CommandHandler("cancel", cancel_flow))
    application.add_handler(CallbackQueryHandler(partial(on_flow_button, routes=routes),
                                                 pattern=CALLBACK_PATTERN))
    # New messages only: editing an earlier answer must not count as the answer to the next step.
    application.add_handler(MessageHandler(
        filters.UpdateType.MESSAGE & filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND,
        partial(on_flow_text, routes=routes)))


def flow_owner(update: Update) -> FlowOwner:
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None, "flows are reached from messages and buttons"
    return FlowOwner(chat.id, user.id)


def in_private_chat(update: Update) -> bool:
    """Flows start only in private chats: in groups the bot does not see plain typed answers."""
    return update.effective_chat is not None and update.effective_chat.type == ChatType.PRIVATE


@dataclass(frozen=True, slots=True)
class FlowTap:
    """What a flow button's data says: which flow (id and key), which action, which value."""

    flow_id: int
    key: str
    action: str
    value: str


def parse_flow_callback(data: str) -> FlowTap | None:
    match = _CALLBACK.fullmatch(data)
    return None if match is None else FlowTap(int(match[1]), match[2], match[3], match[4] or "")


def flow_button(label: str, flow_ref: str, action: str, value: str = "") -> InlineKeyboardButton:
    data = f"fl:{flow_ref}:{action}:{value}" if value else f"fl:{flow_ref}:{action}"
    assert len(data.encode()) <= CALLBACK_DATA_LIMIT and parse_flow_callback(data), data
    return InlineKeyboardButton(label, callback_data=data)


def cancel_button(flow_ref: str, lang: Lang) -> InlineKeyboardButton:
    return flow_button(text("flow.button_cancel", lang), flow_ref, CANCEL)


async def on_flow_text(update: Update, context: BotContext,
                       routes: Mapping[str, FlowRoute]) -> None:
    """A typed message in a private chat: the answer to the open flow, else the stray-text reply."""
    message = update.effective_message
    assert message is not None and message.text is not None
    now = context.deps.clock()
    flow = await context.deps.database.run(
        lambda s: flows.current_flow(s, flow_owner(update), now))
    if flow is None:
        await stray_text(update, context)
    elif flow.expired:
        await reply(update, text("flow.expired", context.lang, command=flow.name))
    else:
        await _route(flow, routes).on_text(update, context, flow, message.text)


async def on_flow_button(update: Update, context: BotContext,
                         routes: Mapping[str, FlowRoute]) -> None:
    """A tap on a flow button: refused on the button itself unless it is the presser's open flow.

    The query is answered by the route (or the error handler), after the work succeeded.
    """
    query = update.callback_query
    assert query is not None
    tap = parse_flow_callback(query.data or "")
    if tap is None:
        raise StaleButton()
    owner, now = flow_owner(update), context.deps.clock()
    check = flows.cancel_from_button if tap.action == CANCEL else flows.flow_for_button
    flow = await context.deps.database.run(lambda s: check(s, owner, tap.flow_id, tap.key, now))
    if flow.expired:  # raised only now, so that the expired flow's deletion was committed
        raise FlowExpired(command=flow.name)
    if tap.action == CANCEL:
        await query.answer()
        await show_step(update, text("flow.cancelled", context.lang, command=flow.name))
        return
    await _route(flow, routes).on_button(update, context, flow, tap.action, tap.value)


def _route(flow: Flow, routes: Mapping[str, FlowRoute]) -> FlowRoute:
    route = routes.get(flow.name)
    if route is None:  # a kind of flow this version of the bot no longer has
        raise FlowFinished()
    return route


async def cancel_flow(update: Update, context: BotContext) -> None:
    """/cancel: drop the person's open flow in this chat (no role needed: it is their own)."""
    now = context.deps.clock()
    flow = await context.deps.database.run(
        lambda s: flows.cancel_flow(s, flow_owner(update), now))
    if flow is None:
        await reply(update, text("flow.nothing_to_cancel", context.lang))
    elif flow.expired:
        await reply(update, text("flow.expired", context.lang, command=flow.name))
    else:
        await reply(update, text("flow.cancelled", context.lang, command=flow.name))


async def show_step(update: Update, message: str,
                    keyboard: InlineKeyboardMarkup | None = None) -> None:
    """Turn the message whose button was tapped into the next step (or the end of the flow)."""
    query = update.callback_query
    assert query is not None
    try:
        await query.edit_message_text(message, reply_markup=keyboard)
    except BadRequest as error:  # the same page tapped twice
        if "not modified" not in str(error):
            raise
