"""What the fake stores (users, chats, logged messages, files, calls) and the wire objects.

The dataclasses are the fake's own records; their ``to_api()`` methods build the JSON objects
Telegram would send (``User``, ``Chat``, ``ChatFullInfo``…), complete enough for PTB's
``de_json`` to accept them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from tests.fake_telegram.params import decode_json_value

JSONDict = dict[str, Any]
ChatType = Literal["private", "group", "supergroup", "channel"]
BotStatus = Literal["member", "administrator", "kicked", "left"]


def utf16_length(text: str) -> int:
    """Length in UTF-16 code units: the unit of Telegram's entity offsets and lengths."""
    return len(text.encode("utf-16-le")) // 2


@dataclass
class FakeUser:
    """A Telegram account (a person, or the bot itself when ``is_bot``)."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = "vi"
    is_bot: bool = False

    def to_api(self) -> JSONDict:
        """The ``User`` object."""
        user: JSONDict = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        if self.last_name:
            user["last_name"] = self.last_name
        if self.username:
            user["username"] = self.username
        if self.language_code and not self.is_bot:
            user["language_code"] = self.language_code
        return user


@dataclass
class FakeChat:
    """A chat the bot can see: a private chat (same id as the user) or a group.

    ``bot_status`` is the bot's membership: ``kicked`` in a private chat means the user blocked
    the bot. ``has_started_bot`` is False for a user who never opened the bot (Telegram then
    refuses to let the bot write first). ``migrated_to`` is set once a group became a supergroup.
    """

    id: int
    type: ChatType
    title: str | None = None
    username: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    members: set[int] = field(default_factory=set)
    bot_status: BotStatus = "member"
    has_started_bot: bool = True
    migrated_to: int | None = None

    @property
    def is_private(self) -> bool:
        """True for a one-to-one chat with a user."""
        return self.type == "private"

    def to_api(self) -> JSONDict:
        """The short ``Chat`` object embedded in messages."""
        chat: JSONDict = {"id": self.id, "type": self.type}
        for key in ("title", "username", "first_name", "last_name"):
            value = getattr(self, key)
            if value:
                chat[key] = value
        if self.type == "group":
            chat["all_members_are_administrators"] = False
        return chat

    def to_full_info(self) -> JSONDict:
        """The ``ChatFullInfo`` object answered by ``getChat``."""
        info = self.to_api()
        info.pop("all_members_are_administrators", None)
        info.update(
            accent_color_id=0,
            max_reaction_count=11,
            accepted_gift_types={
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        )
        return info


@dataclass
class LoggedMessage:
    """One message in a chat's log, from the bot or injected from a user, as it is now.

    ``message`` is the current wire ``Message`` (edits applied); ``edits`` holds the earlier
    versions, oldest first. ``reply_markup`` is whatever markup the bot sent (also reply
    keyboards, which Telegram does not echo back in the ``Message``). ``raw_text`` and
    ``parse_mode`` are the text exactly as the bot submitted it (before HTML parsing).
    """

    chat_id: int
    message_id: int
    from_bot: bool
    message: JSONDict
    reply_markup: JSONDict | None = None
    raw_text: str | None = None
    parse_mode: str | None = None
    edits: list[JSONDict] = field(default_factory=list)
    deleted: bool = False
    sent_at: float = 0.0

    @property
    def text(self) -> str | None:
        """The plain text (or caption) a user sees, tags stripped and entities unescaped."""
        value = self.message.get("text", self.message.get("caption"))
        return value if isinstance(value, str) else None

    @property
    def inline_keyboard(self) -> list[list[JSONDict]]:
        """The rows of inline buttons currently attached, or an empty list."""
        markup = self.message.get("reply_markup") or {}
        rows = markup.get("inline_keyboard", [])
        return rows if isinstance(rows, list) else []

    @property
    def callback_data(self) -> list[str]:
        """Every ``callback_data`` on the current inline keyboard, row by row."""
        return [
            button["callback_data"]
            for row in self.inline_keyboard
            for button in row
            if "callback_data" in button
        ]

    @property
    def button_texts(self) -> list[str]:
        """The labels of the current inline buttons, row by row."""
        return [button.get("text", "") for row in self.inline_keyboard for button in row]

    def describe(self) -> str:
        """One line for failure messages: ``#12 bot: Hello [buttons: Yes|No] (edited 1×)``."""
        who = "bot" if self.from_bot else f"user {self.message.get('from', {}).get('id')}"
        content = self.text if self.text is not None else _content_kind(self.message)
        line = f"#{self.message_id} {who}: {content!r}"
        if self.button_texts:
            line += f" [buttons: {'|'.join(self.button_texts)}]"
        if self.edits:
            line += f" (edited {len(self.edits)}×)"
        if self.deleted:
            line += " (deleted)"
        return line


def _content_kind(message: JSONDict) -> str:
    for kind in ("document", "photo", "sticker", "new_chat_members", "left_chat_member"):
        if kind in message:
            return f"<{kind}>"
    return "<no text>"


@dataclass
class StoredFile:
    """A file the fake holds: uploaded by the bot or sent by an injected user."""

    file_id: str
    file_unique_id: str
    content: bytes
    file_name: str | None
    mime_type: str | None
    file_path: str

    def to_document(self) -> JSONDict:
        """The ``Document`` object."""
        document: JSONDict = {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.content),
        }
        if self.file_name:
            document["file_name"] = self.file_name
        if self.mime_type:
            document["mime_type"] = self.mime_type
        return document

    def to_file(self) -> JSONDict:
        """The ``File`` object answered by ``getFile``."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.content),
            "file_path": self.file_path,
        }


@dataclass
class CallbackAnswer:
    """The bot's ``answerCallbackQuery`` for one pressed button."""

    callback_query_id: str
    text: str | None
    show_alert: bool
    url: str | None
    cache_time: int
    at: float


@dataclass
class ApiCall:
    """One request received: method, parameters as received, clock time, and the answer.

    Form and query values arrive as strings (PTB JSON-encodes non-string values), JSON bodies
    keep their types, uploads appear as ``UploadedFile``. ``json_param`` decodes either form.
    """

    method: str
    params: dict[str, Any]
    at: float
    status: int = 200
    description: str | None = None
    fault: str | None = None

    def json_param(self, name: str) -> Any:
        """The parameter decoded from JSON when it arrived as a string, else as is."""
        return decode_json_value(self.params.get(name))

    def describe(self) -> str:
        """One line for failure messages."""
        outcome = f"{self.status}" + (f" {self.description}" if self.description else "")
        if self.fault:
            outcome += f" (injected {self.fault})"
        return f"{self.method} -> {outcome}"
