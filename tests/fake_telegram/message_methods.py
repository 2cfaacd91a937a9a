"""Message methods: send, edit and delete, with Telegram's validation and error texts."""

from __future__ import annotations

from typing import Any

from tests.fake_telegram.html_text import (
    HtmlParseError,
    html_to_api_error,
    parse_html_text,
    strip_surrounding_whitespace,
)
from tests.fake_telegram.models import JSONDict, LoggedMessage, StoredFile
from tests.fake_telegram.params import Params, UploadedFile, bad_request
from tests.fake_telegram.photos import dimensions_allowed, image_size, photo_sizes
from tests.fake_telegram.registry import api_method
from tests.fake_telegram.state import TelegramState

MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_CALLBACK_DATA_BYTES = 64
PARSE_MODES = frozenset({"", "html", "markdown", "markdownv2"})
INLINE_BUTTON_ACTIONS = (
    "callback_data", "url", "web_app", "login_url", "switch_inline_query",
    "switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "copy_text",
    "callback_game", "pay",
)
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)


def formatted_text(text: str | None, parse_mode: str | None, entities: Any) -> tuple[
    str, list[JSONDict]
]:
    """Plain text and entities as Telegram stores them: HTML parsed, then trimmed.

    Markdown modes are not validated: the text is kept as sent (documented limitation).
    """
    mode = (parse_mode or "").lower()
    if mode not in PARSE_MODES:
        raise bad_request("unsupported parse_mode")
    if mode == "html":
        try:
            plain, found = parse_html_text(text or "")
        except HtmlParseError as error:
            raise html_to_api_error(error) from error
    else:
        plain, found = text or "", list(entities or [])
    return strip_surrounding_whitespace(plain, found)


def validated_reply_markup(markup: Any) -> JSONDict | None:
    """The markup if Telegram would accept it; ``BUTTON_DATA_INVALID`` for bad callback data."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise bad_request("can't parse inline keyboard markup JSON object")
        for button in (button for row in rows for button in row):
            _check_inline_button(button)
    elif "keyboard" in markup:
        rows = markup["keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise bad_request("can't parse keyboard markup JSON object")
    elif not ({"remove_keyboard", "force_reply"} & markup.keys()):
        raise bad_request("can't parse reply keyboard markup JSON object")
    return markup


def _check_inline_button(button: Any) -> None:
    if not isinstance(button, dict) or not button.get("text"):
        raise bad_request("can't parse inline keyboard button: Text must be non-empty")
    actions = [action for action in INLINE_BUTTON_ACTIONS if action in button]
    if not actions:
        raise bad_request("text buttons are unallowed in the inline keyboard")
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA_BYTES:
            raise bad_request("BUTTON_DATA_INVALID")


def inline_only(markup: JSONDict | None) -> JSONDict | None:
    """Telegram echoes only inline keyboards in the ``Message`` it returns."""
    return markup if markup is not None and "inline_keyboard" in markup else None


def _reply_target(state: TelegramState, chat_id: int, params: Params) -> LoggedMessage | None:
    reply = params.json("reply_parameters") or {}
    if params.has("reply_to_message_id"):
        reply = {
            "message_id": params.integer("reply_to_message_id"),
            "allow_sending_without_reply": params.flag("allow_sending_without_reply"),
        }
    if not reply:
        return None
    reply_params = Params(reply)
    if reply_params.has("chat_id"):
        chat_id = state.chat(reply_params.chat_id()).id
    target = state.find_message(chat_id, reply_params.required_int("message_id"))
    if target is None and not reply_params.flag("allow_sending_without_reply"):
        raise bad_request("message to be replied not found")
    return target


def _send(
    state: TelegramState, params: Params, content: JSONDict, *, raw_text: str | None
) -> JSONDict:
    """Build, log and return the bot's message in the requested chat."""
    chat = state.writable_chat(params.chat_id())
    markup = validated_reply_markup(params.json("reply_markup"))
    if (inline := inline_only(markup)) is not None:
        content["reply_markup"] = inline
    reply_to = _reply_target(state, chat.id, params)
    message = state.build_message(chat, state.bot, content, reply_to)
    state.log_message(
        message, from_bot=True, reply_markup=markup, raw_text=raw_text,
        parse_mode=params.text("parse_mode"),
    )
    return message


@api_method("sendMessage", rate_limit="send")
async def send_message(state: TelegramState, params: Params) -> JSONDict:
    """Send text: empty → 400, over 4096 characters after parsing → 400, bad HTML → 400."""
    state.writable_chat(params.chat_id())
    text = params.text("text")
    plain, entities = formatted_text(text, params.text("parse_mode"), params.json("entities"))
    if not plain:
        raise bad_request("message text is empty")
    if len(plain) > MAX_TEXT_LENGTH:
        raise bad_request("message is too long")
    content: JSONDict = {"text": plain}
    if entities:
        content["entities"] = entities
    return _send(state, params, content, raw_text=text)


def _caption_content(params: Params) -> JSONDict:
    caption = params.text("caption")
    plain, entities = formatted_text(
        caption, params.text("parse_mode"), params.json("caption_entities")
    )
    if len(plain) > MAX_CAPTION_LENGTH:
        raise bad_request("message caption is too long")
    content: JSONDict = {}
    if plain:
        content["caption"] = plain
    if entities:
        content["caption_entities"] = entities
    return content


def _document_file(state: TelegramState, params: Params) -> StoredFile:
    document = params.upload_or_id("document")
    if document is None:
        raise bad_request("there is no document in the request")
    if isinstance(document, UploadedFile):
        if not document.content:
            raise bad_request("file must be non-empty")
        return state.store_file(document.content, document.file_name, document.mime_type)
    stored = state.files.get(document)
    if stored is None:  # URLs are not fetched: the fake has no network
        raise bad_request("wrong file identifier/HTTP URL specified")
    return stored


@api_method("sendDocument", rate_limit="send")
async def send_document(state: TelegramState, params: Params) -> JSONDict:
    """Send a document: a multipart upload (stored for getFile) or a known file_id."""
    state.writable_chat(params.chat_id())
    stored = _document_file(state, params)
    content = {"document": stored.to_document(), **_caption_content(params)}
    return _send(state, params, content, raw_text=params.text("caption"))


def _photo_file(state: TelegramState, params: Params) -> tuple[StoredFile, int, int]:
    photo = params.upload_or_id("photo")
    if photo is None:
        raise bad_request("there is no photo in the request")
    if isinstance(photo, UploadedFile):
        size = image_size(photo.content)
        if size is None:
            raise bad_request("IMAGE_PROCESS_FAILED")
        if not dimensions_allowed(*size):
            raise bad_request("PHOTO_INVALID_DIMENSIONS")
        return state.store_file(photo.content, photo.file_name, photo.mime_type), *size
    stored = state.files.get(photo)
    size = None if stored is None else image_size(stored.content)
    if stored is None or size is None:  # URLs are not fetched: the fake has no network
        raise bad_request("wrong file identifier/HTTP URL specified")
    return stored, *size


@api_method("sendPhoto", rate_limit="send")
async def send_photo(state: TelegramState, params: Params) -> JSONDict:
    """Send a photo: a PNG or JPEG upload within Telegram's dimensions, or a known file_id."""
    state.writable_chat(params.chat_id())
    stored, width, height = _photo_file(state, params)
    content = {"photo": photo_sizes(stored, width, height), **_caption_content(params)}
    return _send(state, params, content, raw_text=params.text("caption"))


def _editable_message(state: TelegramState, params: Params) -> LoggedMessage:
    if params.has("inline_message_id"):
        raise bad_request("inline messages are not implemented by the fake Telegram")
    chat = state.writable_chat(params.chat_id())
    record = state.find_message(chat.id, params.required_int("message_id"))
    if record is None:
        raise bad_request("message to edit not found")
    if not record.from_bot:
        raise bad_request("message can't be edited")
    return record


def _apply_edit(
    state: TelegramState, record: LoggedMessage, changes: dict[str, Any], params: Params
) -> JSONDict:
    """Replace fields (None removes one), keep the old version, refuse a no-op edit."""
    normalized = {key: (value or None) for key, value in changes.items()}
    if all(record.message.get(key) == value for key, value in normalized.items()):
        raise bad_request(NOT_MODIFIED)
    record.edits.append(record.message)
    message = dict(record.message)
    for key, value in normalized.items():
        if value is None:
            message.pop(key, None)
        else:
            message[key] = value
    message["edit_date"] = int(state.wall_clock())
    record.message = message
    record.reply_markup = validated_reply_markup(params.json("reply_markup"))
    state.notify_changed()
    return message


@api_method("editMessageText", rate_limit="edit")
async def edit_message_text(state: TelegramState, params: Params) -> JSONDict:
    """Edit a bot's text message; omitting reply_markup removes the inline keyboard."""
    record = _editable_message(state, params)
    if "text" not in record.message:
        raise bad_request("there is no text in the message to edit")
    text = params.text("text")
    plain, entities = formatted_text(text, params.text("parse_mode"), params.json("entities"))
    if not plain:
        raise bad_request("message text is empty")
    if len(plain) > MAX_TEXT_LENGTH:
        raise bad_request("message is too long")
    markup = inline_only(validated_reply_markup(params.json("reply_markup")))
    message = _apply_edit(
        state, record, {"text": plain, "entities": entities, "reply_markup": markup}, params
    )
    record.raw_text, record.parse_mode = text, params.text("parse_mode")
    return message


@api_method("editMessageCaption", rate_limit="edit")
async def edit_message_caption(state: TelegramState, params: Params) -> JSONDict:
    """Edit the caption of a bot's document message."""
    record = _editable_message(state, params)
    if "text" in record.message:
        raise bad_request("there is no caption in the message to edit")
    caption = _caption_content(params)
    markup = inline_only(validated_reply_markup(params.json("reply_markup")))
    changes = {
        "caption": caption.get("caption"),
        "caption_entities": caption.get("caption_entities"),
        "reply_markup": markup,
    }
    return _apply_edit(state, record, changes, params)


@api_method("editMessageReplyMarkup", rate_limit="edit")
async def edit_message_reply_markup(state: TelegramState, params: Params) -> JSONDict:
    """Replace (or, when omitted, remove) the inline keyboard of a bot's message."""
    record = _editable_message(state, params)
    markup = inline_only(validated_reply_markup(params.json("reply_markup")))
    return _apply_edit(state, record, {"reply_markup": markup}, params)


@api_method("deleteMessage")
async def delete_message(state: TelegramState, params: Params) -> bool:
    """Mark a message deleted (it stays in the log, flagged, for assertions)."""
    chat = state.chat(params.chat_id())
    record = state.find_message(chat.id, params.required_int("message_id"))
    if record is None:
        raise bad_request("message to delete not found")
    record.deleted = True
    state.notify_changed()
    return True
