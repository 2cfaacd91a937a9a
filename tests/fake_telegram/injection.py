"""What people do in Telegram, turned into real updates queued for the bot.

Every method is synchronous: it logs the user's message (if any) in the chat, queues the
``Update`` and returns what it created, so a test can go on with the message id. Mistakes in
the test itself (unknown user, pressing a button that is not there) raise ``AssertionError``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tests.fake_telegram.models import (
    BotStatus,
    FakeChat,
    FakeUser,
    JSONDict,
    LoggedMessage,
    utf16_length,
)
from tests.fake_telegram.state import TelegramState

UserRef = FakeUser | int
ChatRef = FakeChat | FakeUser | int


def chat_id_of(chat: ChatRef) -> int:
    """The chat id for a chat, a user (their private chat) or an id."""
    return chat if isinstance(chat, int) else chat.id


def command_entities(text: str) -> list[JSONDict]:
    """The ``bot_command`` entity Telegram adds when a text starts with ``/word``."""
    if not text.startswith("/") or len(text) < 2 or text[1].isspace():
        return []
    word = text.split(maxsplit=1)[0]
    return [{"type": "bot_command", "offset": 0, "length": utf16_length(word)}]


class UserActions:
    """Injection API mixed into ``FakeTelegram`` (it only needs ``self.state``)."""

    state: TelegramState

    # -- people and groups ----------------------------------------------------------------
    def add_user(
        self,
        first_name: str = "Lan",
        *,
        username: str | None = None,
        last_name: str | None = None,
        language_code: str | None = "vi",
        user_id: int | None = None,
        has_started_bot: bool = True,
    ) -> FakeUser:
        """A person with a private chat with the bot (chat id == user id).

        ``has_started_bot=False``: the bot may not write first (403) until the user sends
        something, as on Telegram.
        """
        return self.state.add_user(
            first_name, username=username, last_name=last_name, language_code=language_code,
            user_id=user_id, has_started_bot=has_started_bot,
        )

    def add_group(
        self,
        title: str = "Phòng Kế hoạch",
        *,
        members: Iterable[UserRef] = (),
        supergroup: bool = False,
        username: str | None = None,
        chat_id: int | None = None,
        with_bot: bool = True,
    ) -> FakeChat:
        """A group (negative id) or supergroup (-100… id) with the bot as a member.

        ``with_bot=False``: the bot is not in it yet (add it with ``add_bot_to_group`` or
        ``start_bot_in_group``).
        """
        chat = self.state.add_group(title, supergroup=supergroup, username=username,
                                    chat_id=chat_id)
        if not with_bot:
            chat.bot_status = "left"
        chat.members.update(self.state.user(chat_id_of(member)).id for member in members)
        return chat

    # -- messages -------------------------------------------------------------------------
    def send_text(
        self, user: UserRef, text: str, *, chat: ChatRef | None = None,
        entities: list[JSONDict] | None = None,
    ) -> JSONDict:
        """The user writes ``text`` (in their private chat unless ``chat`` is given)."""
        content: JSONDict = {"text": text}
        found = entities if entities is not None else command_entities(text)
        if found:
            content["entities"] = found
        return self._user_message(user, chat, content)

    def send_command(
        self, user: UserRef, command: str, *args: str, chat: ChatRef | None = None,
        mention_bot: bool = False,
    ) -> JSONDict:
        """The user sends ``/command arg1 arg2`` (``/command@bot`` with ``mention_bot``)."""
        word = "/" + command.removeprefix("/")
        if mention_bot:
            word += f"@{self.state.bot.username}"
        return self.send_text(user, " ".join((word, *args)), chat=chat)

    def reply_to(
        self, user: UserRef, message_id: int, text: str, *, chat: ChatRef | None = None
    ) -> JSONDict:
        """The user replies to a message; ``reply_to_message`` carries the full original."""
        target_chat = self._chat(user, chat)
        original = self._existing_message(target_chat, message_id)
        content: JSONDict = {"text": text}
        if entities := command_entities(text):
            content["entities"] = entities
        return self._user_message(user, target_chat, content, reply_to=original)

    def send_document(
        self, user: UserRef, content: bytes, file_name: str,
        mime_type: str = "application/octet-stream", *, caption: str | None = None,
        chat: ChatRef | None = None, reply_to: int | None = None,
    ) -> JSONDict:
        """The user sends a file (as a reply to message ``reply_to``, if given); ``getFile``
        and the download URL then serve its bytes."""
        stored = self.state.store_file(content, file_name, mime_type)
        message: JSONDict = {"document": stored.to_document()}
        if caption:
            message["caption"] = caption
        if reply_to is None:
            return self._user_message(user, chat, message)
        target_chat = self._chat(user, chat)
        original = self._existing_message(target_chat, reply_to)
        return self._user_message(user, target_chat, message, reply_to=original)

    def send_photo(self, user: UserRef, content: bytes, *, width: int = 800,
                   height: int = 600, chat: ChatRef | None = None) -> JSONDict:
        """The user sends a photo (one size); ``getFile`` then serves its bytes."""
        stored = self.state.store_file(content, None, "image/jpeg")
        size = {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id,
                "file_size": len(content), "width": width, "height": height}
        return self._user_message(user, chat, {"photo": [size]})

    def press_button(
        self, user: UserRef, message_id: int, callback_data: str | None = None, *,
        button_text: str | None = None, chat: ChatRef | None = None, force: bool = False,
    ) -> JSONDict:
        """The user presses an inline button of a bot message; returns the ``Update``.

        Name the button by ``callback_data`` or by its label ``button_text``. The data must
        be on the message's current keyboard unless ``force=True`` (a stale or forged press).
        """
        sender = self.state.user(chat_id_of(user))
        target_chat = self._chat(user, chat)
        record = self._existing_message(target_chat, message_id)
        data = callback_data
        if button_text is not None:
            labels = dict(zip(record.button_texts, record.callback_data, strict=False))
            if button_text not in labels:
                raise AssertionError(
                    f"message #{message_id} has no button labelled {button_text!r}; "
                    f"its buttons: {record.button_texts}"
                )
            data = labels[button_text]
        if data is None:
            raise AssertionError("press_button needs callback_data or button_text")
        if not force and data not in record.callback_data:
            raise AssertionError(
                f"message #{message_id} has no button with callback_data {data!r}; "
                f"its keyboard: {record.callback_data}"
            )
        query_id = self.state.new_callback_query_id()
        query: JSONDict = {
            "id": query_id,
            "from": sender.to_api(),
            "chat_instance": str(abs(target_chat.id) * 7919),
            "message": record.message,
            "data": data,
        }
        self.state.open_callback_queries[query_id] = query
        return self.state.queue_update("callback_query", query)

    # -- membership -----------------------------------------------------------------------
    def block_bot(self, user: UserRef) -> JSONDict:
        """The user blocks the bot: ``my_chat_member`` (member → kicked); sends then get 403."""
        chat = self.state.chat(chat_id_of(user))
        return self._bot_membership_change(chat, self.state.user(chat.id), "kicked")

    def unblock_bot(self, user: UserRef) -> JSONDict:
        """The user restarts the bot: ``my_chat_member`` (kicked → member)."""
        chat = self.state.chat(chat_id_of(user))
        return self._bot_membership_change(chat, self.state.user(chat.id), "member")

    def remove_bot_from_group(self, chat: ChatRef, by: UserRef) -> JSONDict:
        """A member removes the bot from a group: sends there then get 403."""
        return self._bot_membership_change(self.state.chat(chat_id_of(chat)),
                                           self.state.user(chat_id_of(by)), "kicked")

    def add_bot_to_group(self, chat: ChatRef, by: UserRef) -> JSONDict:
        """A member adds the bot (back) to a group."""
        return self._bot_membership_change(self.state.chat(chat_id_of(chat)),
                                           self.state.user(chat_id_of(by)), "member")

    def start_bot_in_group(self, chat: ChatRef, by: UserRef, payload: str) -> JSONDict:
        """What opening ``t.me/<bot>?startgroup=<payload>`` and choosing ``chat`` does.

        The bot is added if it is not a member (``my_chat_member``), then the user's client
        sends ``/start@<bot> <payload>`` in the group. Returns that message.
        """
        target = self.state.chat(chat_id_of(chat))
        if target.bot_status not in ("member", "administrator"):
            self.add_bot_to_group(target, by)
        return self.send_command(by, "start", payload, chat=target, mention_bot=True)

    def upgrade_to_supergroup(self, chat: ChatRef) -> FakeChat:
        """The group becomes a supergroup: sends to the old id answer 400 with
        ``migrate_to_chat_id`` (PTB raises ``ChatMigrated``). As on Telegram, two service
        messages are queued: ``migrate_to_chat_id`` in the old chat, then
        ``migrate_from_chat_id`` in the new one."""
        old = self.state.chat(chat_id_of(chat))
        new = self.state.add_group(old.title or "", supergroup=True, username=None, chat_id=None)
        new.members = set(old.members)
        old.migrated_to = new.id
        some_member = next(iter(old.members), None)
        sender = self.state.user(some_member) if some_member is not None else self.state.bot
        for where, content in ((old, {"migrate_to_chat_id": new.id}),
                               (new, {"migrate_from_chat_id": old.id})):
            message = self.state.build_message(where, sender, content)
            self.state.log_message(message, from_bot=False)
            self.state.queue_update("message", message)
        return new

    def inject_update(self, kind: str, payload: JSONDict) -> JSONDict:
        """Queue any raw update (``kind`` is its field: ``message``, ``chat_member``…)."""
        return self.state.queue_update(kind, payload)

    # -- internals ------------------------------------------------------------------------
    def _chat(self, user: UserRef, chat: ChatRef | None) -> FakeChat:
        chat_id = chat_id_of(chat) if chat is not None else chat_id_of(user)
        if chat_id not in self.state.chats:
            raise AssertionError(f"no fake chat {chat_id}; create it with add_user/add_group")
        return self.state.chats[chat_id]

    def _existing_message(self, chat: FakeChat, message_id: int) -> LoggedMessage:
        record = self.state.find_message(chat.id, message_id)
        if record is None:
            raise AssertionError(
                f"no message #{message_id} in chat {chat.id}; chat log:\n"
                + self.state.format_chat_log(chat.id)
            )
        return record

    def _user_message(
        self, user: UserRef, chat: ChatRef | None, content: JSONDict,
        reply_to: LoggedMessage | None = None,
    ) -> JSONDict:
        sender = self.state.user(chat_id_of(user))
        target = self._chat(user, chat)
        if target.is_private:
            if target.id != sender.id:
                raise AssertionError(f"user {sender.id} cannot write in {target.id}'s private chat")
            if target.bot_status == "kicked":
                raise AssertionError(f"user {sender.id} blocked the bot; call unblock_bot first")
            target.has_started_bot = True
        else:
            target.members.add(sender.id)
        message = self.state.build_message(target, sender, content, reply_to)
        self.state.log_message(message, from_bot=False)
        if self._bot_receives(target, message, reply_to):
            self.state.queue_update("message", message)
        return message

    def _bot_receives(
        self, chat: FakeChat, message: JSONDict, reply_to: LoggedMessage | None
    ) -> bool:
        """Privacy mode: in groups the bot sees commands, replies to it and mentions only."""
        if chat.is_private:
            return True
        if chat.bot_status not in ("member", "administrator") or chat.migrated_to is not None:
            return False
        text = str(message.get("text") or message.get("caption") or "")
        return (
            not self.state.privacy_mode
            or text.startswith("/")
            or (reply_to is not None and reply_to.from_bot)
            or f"@{self.state.bot.username}".lower() in text.lower()
        )

    def _bot_membership_change(self, chat: FakeChat, by: FakeUser, status: BotStatus) -> JSONDict:
        old_status = chat.bot_status
        chat.bot_status = status
        bot_user = self.state.bot.to_api()
        update: dict[str, Any] = {
            "chat": chat.to_api(),
            "from": by.to_api(),
            "date": int(self.state.wall_clock()),
            "old_chat_member": _member(bot_user, old_status),
            "new_chat_member": _member(bot_user, status),
        }
        return self.state.queue_update("my_chat_member", update)


def _member(user: JSONDict, status: str) -> JSONDict:
    member: JSONDict = {"user": user, "status": status}
    if status == "kicked":
        member["until_date"] = 0
    return member
