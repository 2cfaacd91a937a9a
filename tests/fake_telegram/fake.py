"""``FakeTelegram``: one fake Bot API for one bot — the app, its state, and the test API.

Create one per test, point the bot at ``fake.app`` (in-process, see ``serving``) or at a
uvicorn-served URL, inject what users do, and wait for what the bot answers.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from tests.fake_telegram.app import build_app
from tests.fake_telegram.bot_methods import command_scope_key, visible_commands
from tests.fake_telegram.faults import DEFAULT_HOLD_SECONDS, FaultKind, FaultPlan, FaultRule
from tests.fake_telegram.injection import ChatRef, UserActions, chat_id_of
from tests.fake_telegram.models import (
    ApiCall,
    CallbackAnswer,
    FakeUser,
    JSONDict,
    LoggedMessage,
)
from tests.fake_telegram.ratelimit import Clock, RateLimiter, RateLimitHit, RateLimits
from tests.fake_telegram.state import TelegramState, WebhookConfig

DEFAULT_TOKEN = "123456789:AAFakeTokenForDeadlineBotTests_0123456789"
INPROCESS_BASE_URL = "http://fake-telegram.test/bot"
INPROCESS_BASE_FILE_URL = "http://fake-telegram.test/file/bot"
DEFAULT_WAIT_SECONDS = 5.0


class FakeTelegram(UserActions):
    """A fake Telegram Bot API server for one bot token.

    ``clock`` (monotonic seconds) drives flood limits, outages and call timestamps;
    ``wall_clock`` (Unix seconds) gives message dates. ``privacy_mode`` makes the bot see
    only commands, replies to it and mentions in groups, as Telegram's default does.
    """

    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        bot_username: str = "deadline_test_bot",
        bot_first_name: str = "Nhắc hạn (test)",
        rate_limits: RateLimits | None = None,
        clock: Clock = time.monotonic,
        wall_clock: Clock = time.time,
        seed: int = 0,
        privacy_mode: bool = True,
        record_calls: bool = True,
    ) -> None:
        bot = FakeUser(
            id=int(token.split(":", 1)[0]), first_name=bot_first_name, username=bot_username,
            is_bot=True, language_code=None,
        )
        self.state = TelegramState(
            token=token, bot=bot, clock=clock, wall_clock=wall_clock, privacy_mode=privacy_mode
        )
        self.limiter = RateLimiter(rate_limits or RateLimits(), clock)
        self.faults = FaultPlan(clock, random.Random(seed))
        self.record_calls = record_calls
        self._read_up_to: dict[int, int] = {}
        self.app = build_app(self)

    # -- identity -------------------------------------------------------------------------
    @property
    def token(self) -> str:
        """The only token the fake accepts (others get 401 Unauthorized)."""
        return self.state.token

    @property
    def bot(self) -> FakeUser:
        """The bot's own account (what ``getMe`` answers)."""
        return self.state.bot

    # -- inspection -----------------------------------------------------------------------
    def chat_log(self, chat: ChatRef) -> list[LoggedMessage]:
        """Every message of a chat in order, the bot's and the users', edits applied."""
        return list(self.state.chat_log(chat_id_of(chat)))

    def bot_messages(self, chat: ChatRef) -> list[LoggedMessage]:
        """The bot's messages in a chat, in order (deleted ones included, flagged)."""
        return [record for record in self.state.chat_log(chat_id_of(chat)) if record.from_bot]

    def message(self, chat: ChatRef, message_id: int) -> LoggedMessage:
        """One logged message (its current version and ``edits``)."""
        for record in self.state.chat_log(chat_id_of(chat)):
            if record.message_id == message_id:
                return record
        raise AssertionError(f"no message #{message_id} in chat {chat_id_of(chat)}")

    def format_chat_log(self, chat: ChatRef, last: int = 20) -> str:
        """The end of a chat's log as text (for your own assertion messages)."""
        return self.state.format_chat_log(chat_id_of(chat), last)

    @property
    def bot_message_count(self) -> int:
        """How many messages the bot sent, all chats together."""
        return self.state.bot_message_count

    @property
    def callback_answers(self) -> list[CallbackAnswer]:
        """Every ``answerCallbackQuery``, in order."""
        return list(self.state.callback_answers)

    def commands(self, scope: JSONDict | None = None, language_code: str = "") -> list[JSONDict]:
        """The list set for exactly this scope (``{"type": "chat", "chat_id": 1001}``…)."""
        key = (command_scope_key(self.state, scope), language_code)
        return list(self.state.commands.get(key, []))

    def visible_commands(
        self, chat: ChatRef, user: ChatRef, language_code: str = "", *, is_admin: bool = False
    ) -> list[JSONDict]:
        """The menu a client would show this user in this chat (scope fallback applied)."""
        return visible_commands(
            self.state, chat_id_of(chat), chat_id_of(user), language_code, is_admin=is_admin
        )

    def menu_button(self, chat: ChatRef | None = None) -> JSONDict | None:
        """The menu button set for exactly this private chat (None: the bot's default one), or
        None if never set."""
        found = self.state.menu_buttons.get(None if chat is None else chat_id_of(chat))
        return None if found is None else dict(found)

    def calls(self, method: str | None = None) -> list[ApiCall]:
        """Requests received (all, or of one method, case-insensitive), oldest first."""
        if method is None:
            return list(self.state.calls)
        wanted = method.lower()
        return [call for call in self.state.calls if call.method.lower() == wanted]

    def file_content(self, file_id: str) -> bytes:
        """The bytes stored for a file_id."""
        return self.state.files[file_id].content

    @property
    def pending_updates(self) -> list[JSONDict]:
        """Updates queued and not yet confirmed by the bot."""
        return list(self.state.updates)

    @property
    def webhook(self) -> WebhookConfig | None:
        """The webhook set by the bot, if any."""
        return self.state.webhook

    @property
    def rate_limit_hits(self) -> list[RateLimitHit]:
        """Every 429 the flood limits gave (injected 429 faults are not included)."""
        return list(self.limiter.hits)

    @property
    def rate_limited_count(self) -> int:
        """How many 429s the flood limits gave."""
        return self.limiter.rejected_count

    @property
    def busiest_second(self) -> int:
        """The most bot messages (sends, and edits while they count) in any one second."""
        return self.limiter.busiest_second

    # -- configuration and faults ---------------------------------------------------------
    def set_rate_limits(self, limits: RateLimits) -> None:
        """Replace the flood limits (``RateLimits.off()`` disables them); buckets refill."""
        self.limiter.configure(limits)

    def inject_failure(
        self,
        method: str,
        kind: FaultKind,
        *,
        times: int | None = None,
        probability: float | None = None,
        delay: float = DEFAULT_HOLD_SECONDS,
        applied: bool = False,
        retry_after: int = 1,
        description: str | None = None,
    ) -> FaultRule:
        """Fail the next ``times`` calls of ``method`` (``"*"``: any), or each with
        ``probability`` (seeded random). ``times`` defaults to 1, or unlimited with a
        probability. ``kind``: an HTTP status, ``"timeout"`` (hold ``delay`` s, no answer)
        or ``"drop"`` (cut the connection). ``applied=True`` performs the request first."""
        if times is None and probability is None:
            times = 1
        rule = FaultRule(method, kind, times, probability, delay, applied, retry_after,
                         description)
        return self.faults.add(rule)

    def clear_failures(self) -> None:
        """Remove every injected failure and end any outage."""
        self.faults.clear()

    def start_outage(self, duration: float | None = None, kind: FaultKind = 502) -> None:
        """Fail every request with ``kind`` for ``duration`` seconds of ``clock`` (None: until
        ``end_outage``)."""
        self.faults.start_outage(kind, duration)

    def end_outage(self) -> None:
        """End the outage now."""
        self.faults.outage = None

    @contextmanager
    def outage(self, kind: FaultKind = 502) -> Iterator[None]:
        """``with fake.outage(): ...`` — the API is down inside the block."""
        self.start_outage(None, kind)
        try:
            yield
        finally:
            self.end_outage()

    def release_long_polls(self) -> None:
        """Answer the long polls waiting now (empty) so a server can shut down promptly;
        later polls wait normally."""
        self.state.release_epoch += 1
        self.state.updates_signal.notify()

    # -- waiting --------------------------------------------------------------------------
    async def wait_for(
        self, predicate: Callable[[], Any], timeout: float = DEFAULT_WAIT_SECONDS,
        what: str = "condition", details: Callable[[], str] | None = None,
    ) -> Any:
        """Wait until ``predicate()`` is truthy (re-checked at every state change) and return
        its value; on timeout an ``AssertionError`` with ``details()`` and the last calls."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not (value := predicate()):
            remaining = deadline - loop.time()
            if remaining <= 0:
                extra = details() if details is not None else ""
                raise AssertionError(
                    f"timed out after {timeout:g} s waiting for {what}\n{extra}"
                    f"last API calls:\n{self._recent_calls()}"
                )
            await self.state.changes.wait(remaining)
        return value

    async def wait_for_bot_messages(
        self, chat: ChatRef, count: int = 1, timeout: float = DEFAULT_WAIT_SECONDS
    ) -> list[LoggedMessage]:
        """The next ``count`` bot messages in a chat, after those returned by earlier calls.

        Each call consumes what it returns, so a dialogue reads naturally: inject, wait,
        inject, wait. Use ``bot_messages`` to see them all.
        """
        chat_id = chat_id_of(chat)
        seen = self._read_up_to.get(chat_id, 0)

        def new_messages() -> list[tuple[int, LoggedMessage]]:
            log = self.state.chat_log(chat_id)
            fresh = [(i, log[i]) for i in range(seen, len(log)) if log[i].from_bot]
            return fresh[:count] if len(fresh) >= count else []

        found: list[tuple[int, LoggedMessage]] = await self.wait_for(
            new_messages, timeout, f"{count} new bot message(s) in chat {chat_id}",
            lambda: f"chat {chat_id} log:\n{self.state.format_chat_log(chat_id)}\n",
        )
        self._read_up_to[chat_id] = found[-1][0] + 1
        return [record for _, record in found]

    async def wait_until_updates_consumed(self, timeout: float = DEFAULT_WAIT_SECONDS) -> None:
        """Wait until the bot has confirmed (``offset``) every queued update.

        Confirmed means fetched, not necessarily handled: PTB confirms at its next poll.
        """
        await self.wait_for(
            lambda: not self.state.updates, timeout, "the bot to consume every update",
            lambda: f"pending updates: {[u['update_id'] for u in self.state.updates]}\n",
        )

    async def wait_for_calls(
        self, method: str, count: int = 1, timeout: float = DEFAULT_WAIT_SECONDS
    ) -> list[ApiCall]:
        """Wait until at least ``count`` calls of ``method`` were received; returns them all."""
        result: list[ApiCall] = await self.wait_for(
            lambda: calls if len(calls := self.calls(method)) >= count else [],
            timeout, f"{count} call(s) of {method}",
        )
        return result

    def _recent_calls(self, last: int = 10) -> str:
        calls = self.state.calls[-last:]
        return "\n".join(f"  {call.describe()}" for call in calls) or "  (none)"
