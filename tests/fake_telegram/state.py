"""Everything the fake Telegram knows: accounts, chats, message logs, updates, files, calls.

The state is plain Python mutated from one event loop (the app's handlers and the tests'
injection calls), so it needs no locks. Every mutation calls ``notify_changed`` so that
``wait_for``-style helpers wake up instead of sleeping.
"""

from __future__ import annotations

import asyncio
import itertools
from collections import deque
from dataclasses import dataclass
from typing import Any

from tests.fake_telegram.models import (
    ApiCall,
    CallbackAnswer,
    FakeChat,
    FakeUser,
    JSONDict,
    LoggedMessage,
    StoredFile,
)
from tests.fake_telegram.params import bad_request, forbidden
from tests.fake_telegram.ratelimit import Clock

FIRST_USER_ID = 1001
FIRST_UPDATE_ID = 100_001
SUPERGROUP_ID_BASE = -1_000_000_000_000
GROUP_ID_BASE = -100_000
# Without allowed_updates Telegram sends every type but these three.
NOT_SENT_BY_DEFAULT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


class Broadcast:
    """Wakes every waiter at the next ``notify`` (a fresh event per round, created lazily)."""

    def __init__(self) -> None:
        self._event: asyncio.Event | None = None

    def notify(self) -> None:
        """Wake everyone waiting now."""
        if self._event is not None:
            self._event.set()
            self._event = None

    async def wait(self, timeout: float) -> bool:
        """Wait for the next ``notify``; False when ``timeout`` seconds passed first."""
        if self._event is None:
            self._event = asyncio.Event()
        event = self._event
        try:
            async with asyncio.timeout(max(timeout, 0.0)):
                await event.wait()
        except TimeoutError:
            return False
        return True


@dataclass
class WebhookConfig:
    """What ``setWebhook`` stored."""

    url: str
    secret_token: str | None
    max_connections: int
    allowed_updates: list[str] | None


def update_type(update: JSONDict) -> str:
    """The kind of an update: its one key besides ``update_id`` (``message``…)."""
    return next(key for key in update if key != "update_id")


class TelegramState:
    """The fake's memory. Tests read it through ``FakeTelegram``; handlers mutate it."""

    def __init__(
        self, *, token: str, bot: FakeUser, clock: Clock, wall_clock: Clock, privacy_mode: bool
    ) -> None:
        self.token = token
        self.bot = bot
        self.clock = clock
        self.wall_clock = wall_clock
        self.privacy_mode = privacy_mode
        self.users: dict[int, FakeUser] = {}
        self.chats: dict[int, FakeChat] = {}
        self._chat_ids_by_username: dict[str, int] = {}
        self._logs: dict[int, list[LoggedMessage]] = {}
        self._messages: dict[tuple[int, int], LoggedMessage] = {}
        self._last_message_id: dict[int, int] = {}
        self.bot_message_count = 0
        self.updates: deque[JSONDict] = deque()
        self._update_ids = itertools.count(FIRST_UPDATE_ID)
        self.allowed_updates: list[str] = []
        self.poll_generation = 0
        self.webhook: WebhookConfig | None = None
        self.commands: dict[tuple[tuple[Any, ...], str], list[JSONDict]] = {}
        self.menu_buttons: dict[int | None, JSONDict] = {}  # None: the bot's default button
        self.files: dict[str, StoredFile] = {}
        self._files_by_path: dict[str, StoredFile] = {}
        self._file_numbers = itertools.count(1)
        self.open_callback_queries: dict[str, JSONDict] = {}
        self.callback_answers: list[CallbackAnswer] = []
        self._callback_numbers = itertools.count(1)
        self.calls: list[ApiCall] = []
        self.updates_signal = Broadcast()
        self.changes = Broadcast()
        self.release_epoch = 0
        self._user_ids = itertools.count(FIRST_USER_ID)
        self._group_numbers = itertools.count(1)

    # -- change notification --------------------------------------------------------------
    def notify_changed(self) -> None:
        """Wake every ``wait_for`` helper so it re-checks its condition."""
        self.changes.notify()

    # -- accounts and chats ---------------------------------------------------------------
    def add_user(self, first_name: str, **fields: Any) -> FakeUser:
        """Create a user and the private chat with the bot (same id)."""
        has_started_bot = fields.pop("has_started_bot", True)
        user_id = fields.pop("user_id", None) or next(self._user_ids)
        if user_id in self.users:
            raise ValueError(f"user {user_id} already exists")
        user = FakeUser(id=user_id, first_name=first_name, **fields)
        self.users[user.id] = user
        chat = FakeChat(
            id=user.id,
            type="private",
            username=user.username,
            first_name=user.first_name,
            last_name=user.last_name,
            members={user.id},
            has_started_bot=has_started_bot,
        )
        self._register_chat(chat)
        return user

    def add_group(
        self, title: str, *, supergroup: bool, username: str | None, chat_id: int | None
    ) -> FakeChat:
        """Create a group (or supergroup) the bot is a member of."""
        number = next(self._group_numbers)
        if chat_id is None:
            chat_id = (SUPERGROUP_ID_BASE if supergroup else GROUP_ID_BASE) - number
        chat = FakeChat(
            id=chat_id, type="supergroup" if supergroup else "group", title=title,
            username=username,
        )
        self._register_chat(chat)
        return chat

    def _register_chat(self, chat: FakeChat) -> None:
        if chat.id in self.chats:
            raise ValueError(f"chat {chat.id} already exists")
        self.chats[chat.id] = chat
        self._logs[chat.id] = []
        if chat.username:
            self._chat_ids_by_username[chat.username.lower()] = chat.id

    def user(self, user_id: int) -> FakeUser:
        """A known user, or a clear test failure."""
        try:
            return self.users[user_id]
        except KeyError:
            raise AssertionError(f"no fake user {user_id}; create it with add_user()") from None

    def chat(self, chat_ref: int | str) -> FakeChat:
        """The chat for an id or ``@username``; ``Bad Request: chat not found`` otherwise."""
        if isinstance(chat_ref, str):
            chat_id = self._chat_ids_by_username.get(chat_ref.removeprefix("@").lower())
        else:
            chat_id = chat_ref
        chat = self.chats.get(chat_id) if chat_id is not None else None
        if chat is None:
            raise bad_request("chat not found")
        return chat

    def writable_chat(self, chat_ref: int | str) -> FakeChat:
        """The chat the bot is about to write to, or Telegram's refusal (400/403)."""
        chat = self.chat(chat_ref)
        if chat.migrated_to is not None:
            raise bad_request(
                "group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": chat.migrated_to},
            )
        if chat.is_private:
            if chat.bot_status == "kicked":
                raise forbidden("bot was blocked by the user")
            if not chat.has_started_bot:
                raise forbidden("bot can't initiate conversation with a user")
        elif chat.bot_status == "kicked":
            raise forbidden(f"bot was kicked from the {chat.type} chat")
        elif chat.bot_status == "left":
            raise forbidden(f"bot is not a member of the {chat.type} chat")
        return chat

    # -- messages -------------------------------------------------------------------------
    def build_message(
        self,
        chat: FakeChat,
        sender: FakeUser,
        content: JSONDict,
        reply_to: LoggedMessage | None = None,
    ) -> JSONDict:
        """A new wire ``Message`` in ``chat`` with the next message id of that chat."""
        message_id = self._last_message_id.get(chat.id, 0) + 1
        self._last_message_id[chat.id] = message_id
        message: JSONDict = {
            "message_id": message_id,
            "from": sender.to_api(),
            "chat": chat.to_api(),
            "date": int(self.wall_clock()),
            **content,
        }
        if reply_to is not None:
            original = dict(reply_to.message)
            original.pop("reply_to_message", None)  # Telegram nests only one level
            message["reply_to_message"] = original
        return message

    def log_message(
        self,
        message: JSONDict,
        *,
        from_bot: bool,
        reply_markup: JSONDict | None = None,
        raw_text: str | None = None,
        parse_mode: str | None = None,
    ) -> LoggedMessage:
        """Append a message to its chat's log."""
        chat_id = message["chat"]["id"]
        record = LoggedMessage(
            chat_id=chat_id,
            message_id=message["message_id"],
            from_bot=from_bot,
            message=message,
            reply_markup=reply_markup,
            raw_text=raw_text,
            parse_mode=parse_mode,
            sent_at=self.clock(),
        )
        self._logs[chat_id].append(record)
        self._messages[(chat_id, record.message_id)] = record
        if from_bot:
            self.bot_message_count += 1
        self.notify_changed()
        return record

    def find_message(self, chat_id: int, message_id: int) -> LoggedMessage | None:
        """A message that exists and was not deleted."""
        record = self._messages.get((chat_id, message_id))
        return None if record is None or record.deleted else record

    def chat_log(self, chat_id: int) -> list[LoggedMessage]:
        """Every message of the chat in order (deleted ones included, flagged)."""
        try:
            return self._logs[chat_id]
        except KeyError:
            raise AssertionError(f"no fake chat {chat_id}") from None

    def format_chat_log(self, chat_id: int, last: int = 20) -> str:
        """The end of a chat's log, one message per line, for failure messages."""
        log = self._logs.get(chat_id, [])
        lines = [f"  {record.describe()}" for record in log[-last:]]
        skipped = f"  … {len(log) - last} earlier messages\n" if len(log) > last else ""
        return skipped + ("\n".join(lines) if lines else "  (empty)")

    # -- updates --------------------------------------------------------------------------
    def queue_update(self, kind: str, payload: JSONDict) -> JSONDict:
        """Queue ``{"update_id": n, kind: payload}`` for the bot."""
        update = {"update_id": next(self._update_ids), kind: payload}
        self.updates.append(update)
        self.updates_signal.notify()
        self.notify_changed()
        return update

    def confirm_updates(self, offset: int | None) -> None:
        """Forget updates below ``offset``; a negative offset keeps only the last ``-offset``."""
        if offset is None or offset == 0:
            return
        if offset < 0:
            while len(self.updates) > -offset:
                self.updates.popleft()
        else:
            while self.updates and self.updates[0]["update_id"] < offset:
                self.updates.popleft()
        self.notify_changed()

    def deliverable_updates(self, limit: int) -> list[JSONDict]:
        """Up to ``limit`` queued updates of the allowed types (others are dropped for good)."""
        allowed = set(self.allowed_updates)
        result: list[JSONDict] = []
        for update in list(self.updates):
            kind = update_type(update)
            wanted = kind in allowed if allowed else kind not in NOT_SENT_BY_DEFAULT
            if not wanted:
                self.updates.remove(update)
                continue
            result.append(update)
            if len(result) >= limit:
                break
        return result

    def drop_pending_updates(self) -> None:
        """Forget every queued update (``drop_pending_updates=True``)."""
        self.updates.clear()
        self.notify_changed()

    # -- files and callback queries -------------------------------------------------------
    def store_file(
        self, content: bytes, file_name: str | None, mime_type: str | None
    ) -> StoredFile:
        """Keep a file's bytes; give it a file_id, file_unique_id and download path."""
        number = next(self._file_numbers)
        suffix = ""
        if file_name and "." in file_name:
            suffix = "." + file_name.rsplit(".", 1)[1]
        stored = StoredFile(
            file_id=f"BQACAgIAAxkBAAI{number:06d}",
            file_unique_id=f"AgAD{number:06d}",
            content=content,
            file_name=file_name,
            mime_type=mime_type,
            file_path=f"documents/file_{number}{suffix}",
        )
        self.files[stored.file_id] = stored
        self._files_by_path[stored.file_path] = stored
        return stored

    def file_by_path(self, file_path: str) -> StoredFile | None:
        """The file served at ``/file/bot<token>/<file_path>``."""
        return self._files_by_path.get(file_path)

    def new_callback_query_id(self) -> str:
        """A fresh callback query id."""
        return f"{next(self._callback_numbers) + 4_000_000_000_000}"
