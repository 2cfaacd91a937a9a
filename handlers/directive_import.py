"""/import (private chat, admins): paste an official document or send it as a file; its
reporting deadlines come back as drafts to add, edit or skip one by one.

The steps and checks are in bot.services.directive_import; handlers.flows brings typed answers
and taps here. A file sent while an import waits for its document is read here (in a worker
thread); any other file is a report's attachment (handlers.status_files).
"""

from __future__ import annotations

import asyncio

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.context import BotContext
from bot.domain.deadline_drafts import DEADLINE_FIELDS
from bot.domain.errors import DocumentTooLarge, UnsupportedDocument
from bot.file_archive import download_into_memory
from bot.services import directive_import, flows
from bot.services.deadline_flows import asks_for_field
from bot.services.directive_import import ImportStep
from bot.services.document_text import (
    KINDS,
    MAX_DOCUMENT_BYTES,
    document_kind,
    document_text,
)
from bot.services.flows import Flow
from bot.texts import Lang, text
from bot.texts.deadline_flows_render import choice_label
from bot.texts.directive_import_render import field_label, import_step_text
from handlers.flows import (
    FlowRoute,
    cancel_button,
    flow_button,
    flow_owner,
    in_private_chat,
    show_step,
)
from handlers.identify import caller_of
from handlers.replies import reply
from handlers.schedule_changes import announce_changes
from handlers.status_files import on_file as on_report_file
from handlers.units import allowed_caller

BUTTONS_PER_ROW = 2


async def start_import(update: Update, context: BotContext) -> None:
    """/import: wait for the document (private chats only: groups do not see typed answers)."""
    caller = allowed_caller(context, directive_import.IMPORT)
    if not in_private_chat(update):
        await reply(update, text("import.private_only", context.lang))
        return
    owner, now = flow_owner(update), context.deps.clock()
    step = await context.deps.database.run(
        lambda s: directive_import.start(s, caller, owner, now))
    await reply(update, import_step_text(step, context.lang), keyboard(step, context.lang))


async def on_file(update: Update, context: BotContext) -> None:
    """A file: the document of an import waiting for one, else a report's attachment."""
    flow = None
    if in_private_chat(update):
        owner, now = flow_owner(update), context.deps.clock()
        flow = await context.deps.database.run(lambda s: flows.current_flow(s, owner, now))
    if flow is None or flow.expired or flow.name != directive_import.IMPORT:
        await on_report_file(update, context)
        return
    message = update.effective_message
    if message is None or message.document is None:  # a photo: a scan has no text to read
        raise UnsupportedDocument(name="photo.jpg", kinds=", ".join(KINDS))
    await _read_document_file(update, context, flow)


async def _read_document_file(update: Update, context: BotContext, flow: Flow) -> None:
    message = update.effective_message
    assert message is not None and message.document is not None
    document = message.document
    name = document.file_name or ""
    document_kind(name, document.mime_type or "")  # refuse a .doc or an image before fetching
    if (document.file_size or 0) > MAX_DOCUMENT_BYTES:
        raise DocumentTooLarge(name=name, megabytes=MAX_DOCUMENT_BYTES // (1024 * 1024))
    data = await download_into_memory(context.bot, document.file_id)
    if data is None:
        raise ConnectionError("Telegram did not hand over the document")
    content = await asyncio.to_thread(document_text, name, document.mime_type or "", data)
    await _take_document(update, context, flow, content)


async def _take_document(update: Update, context: BotContext, flow: Flow, content: str) -> None:
    caller, now, timing = caller_of(context), context.deps.clock(), context.deps.timing
    step = await context.deps.database.run(
        lambda s: directive_import.take_document(s, caller, flow, content, now, timing))
    await reply(update, import_step_text(step, context.lang), keyboard(step, context.lang))


async def on_text(update: Update, context: BotContext, flow: Flow, typed: str) -> None:
    caller, now, timing = caller_of(context), context.deps.clock(), context.deps.timing
    step = await context.deps.database.run(
        lambda s: directive_import.answer_text(s, caller, flow, typed, now, timing))
    await reply(update, import_step_text(step, context.lang), keyboard(step, context.lang))


async def on_button(update: Update, context: BotContext, flow: Flow, action: str,
                    value: str) -> None:
    caller, now, timing = caller_of(context), context.deps.clock(), context.deps.timing
    step = await context.deps.database.run(
        lambda s: directive_import.press(s, caller, flow, action, value, now, timing))
    assert update.callback_query is not None
    await update.callback_query.answer()
    told = await announce_changes(context, step.added.effect) if step.added else 0
    await show_step(update, import_step_text(step, context.lang, told),
                    keyboard(step, context.lang))


IMPORT_FLOW_ROUTES = {directive_import.IMPORT: FlowRoute(on_text, on_button)}


def keyboard(step: ImportStep, lang: Lang) -> InlineKeyboardMarkup | None:
    """Add (when the draft is complete), Edit, Skip; the fields to edit; Cancel."""
    if step.asks == "done":
        return None
    ref, cancel = step.flow_ref, cancel_button(step.flow_ref, lang)
    buttons: list[InlineKeyboardButton] = []
    if step.asks == "draft":
        if step.preview is not None:
            buttons.append(flow_button(text("import.button_add", lang), ref,
                                       directive_import.CONFIRM))
        buttons += [flow_button(text("import.button_edit", lang), ref, directive_import.EDIT),
                    flow_button(text("import.button_skip", lang), ref, directive_import.SKIP)]
    elif step.asks == "field":
        buttons = [flow_button(field_label(field, lang), ref, directive_import.CHOOSE, field)
                   for field in DEADLINE_FIELDS]
    elif step.asks == "value":
        asks = asks_for_field(step.field)
        buttons = [flow_button(choice_label(asks, choice, lang), ref, directive_import.CHOOSE,
                               choice.value) for choice in step.choices]
    rows = [buttons[i:i + BUTTONS_PER_ROW] for i in range(0, len(buttons), BUTTONS_PER_ROW)]
    return InlineKeyboardMarkup([*rows, [cancel]])
