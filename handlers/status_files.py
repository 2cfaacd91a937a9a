"""Files attached to a report: a document or photo sent as a reply to a reminder, or as the
answer to the document question after "Đã gửi báo cáo"."""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import filters

from bot.context import BotContext
from bot.domain.status_files import IncomingFile
from bot.file_archive import keep_copy
from bot.services import status_files
from bot.texts.statuses_render import file_attached_text
from handlers.flows import flow_owner, in_private_chat
from handlers.identify import caller_of
from handlers.replies import reply

FILE_MESSAGES = filters.UpdateType.MESSAGE & (filters.Document.ALL | filters.PHOTO)


async def on_file(update: Update, context: BotContext) -> None:
    """Record the file with its report, keep a copy when BOT_ARCHIVE_DIR is set, confirm.

    In a group only a reply to one of the bot's reminders counts (other files are chatter).
    """
    message = update.effective_message
    assert message is not None
    reminder = _reminder_replied_to(message, context.bot.id)
    private = in_private_chat(update)
    if reminder is None and not private:
        return
    caller, now, settings = caller_of(context), context.deps.clock(), context.deps.settings
    incoming, owner, timing = _incoming(message), flow_owner(update) if private else None, \
        context.deps.timing
    receipt = await context.deps.database.run(lambda s: status_files.attach_file(
        s, caller, incoming, now, timing, max_bytes=settings.max_file_bytes,
        reminder=reminder, owner=owner))
    if settings.bot_archive_dir is not None:
        await keep_copy(context.bot, context.deps, receipt)
    await reply(update, file_attached_text(receipt, context.lang))


def _reminder_replied_to(message: Message, bot_id: int) -> tuple[int, int] | None:
    """(chat id, message id) of the bot's message this one replies to, if any."""
    target = message.reply_to_message
    if target is None or target.from_user is None or target.from_user.id != bot_id:
        return None
    return message.chat_id, target.message_id


def _incoming(message: Message) -> IncomingFile:
    """The document, or the largest size of the photo, as the bot stores it."""
    caption = message.caption or ""
    if message.document is not None:
        document = message.document
        return IncomingFile(document.file_id, document.file_unique_id, document.file_name or "",
                            document.mime_type or "", document.file_size, caption)
    photo = message.photo[-1]
    return IncomingFile(photo.file_id, photo.file_unique_id, "", "image/jpeg", photo.file_size,
                        caption)
