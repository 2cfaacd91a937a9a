"""Send due reminders from the outbox: claim, send outside any transaction, record the result.

Pacing follows Telegram's limits: the bot's send window (bot.send_pace), shared with the
replies and with every other process, so that no one-second window holds more than 30 of the
bot's messages, and spread evenly over the window rather than a window's worth at once
(`EvenSpacing`); one message per second per private chat, twenty per minute per group. A chat's
turn is taken before its send is awaited, so sends in flight at once never reach one chat
together; the chat's interval runs from the answer, also after a failed attempt (a timed-out
message may have arrived). A 429 pauses the whole window for `retry_after` (replies and other
processes too), after which it opens again step by step; network errors and 5xx are retried
with back-off; a chat Telegram refuses (the person blocked the bot, the group removed it) fails
its send and is marked unreachable.

Sends are claimed in batches; each is made and its result recorded while it holds a place in
flight. The number of places follows the measured cycle of a send (request to recorded result,
smoothed; `scheduler.in_flight`): as many as the bot-wide rate needs over that round trip, with a
quarter more for jitter, between 1 and `Pacing.max_in_flight` (BOT_SEND_MAX_IN_FLIGHT, 16). Over a
fast link that is one, so a process killed mid-fan-out leaves at most one message whose fate is
unknown (after a restart it may arrive twice); over a slow link (about 15 at a 400 ms round
trip) a kill may leave as many, never more than the cap. Every other claimed row simply goes back
to pending.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import socket
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import timedelta, tzinfo
from functools import partial

from loguru import logger
from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
)
from telegram.request import BaseRequest

from bot.clock import Clock
from bot.domain.delivery import MAX_SEND_ATTEMPTS, ReminderNotice, retry_delay
from bot.domain.send_window import EvenSpacing, WindowRule
from bot.reply_limiter import retry_after_seconds
from bot.send_pace import LocalSendPace, SendPace
from bot.services import reminders
from bot.services.statuses import ReportRef
from bot.status_buttons import status_keyboard
from bot.texts import Lang
from bot.texts.reminders_render import reminder_text
from config.settings import Settings
from db.session import Database
from scheduler.in_flight import InFlightTarget, SendSlots

UNREACHABLE_ERRORS = ("chat not found", "user not found", "bot was blocked", "bot was kicked",
                      "user is deactivated", "have no rights to send", "not enough rights")


@dataclass(frozen=True, slots=True)
class Pacing:
    """The sender's limits. `messages_per_second`: the bot's messages in any one second (the
    send window's limit, which the sender shares when it is given one). Sends in flight follow
    the measured round trip up to `max_in_flight`: each one in flight is a message of unknown
    fate (a possible duplicate) if the process is killed."""

    messages_per_second: float = 30.0
    private_chat_interval: float = 1.0
    group_chat_interval: float = 3.0
    claim_batch: int = 50
    max_in_flight: int = 16


@dataclass(slots=True)
class SendReport:
    """What one `send_due` pass did."""

    sent: int = 0
    retried: int = 0
    failed: int = 0
    rate_limited: int = 0
    deferred: int = 0  # a chat's own pace would have been exceeded: sent a little later
    most_in_flight: int = 0  # the most sends in flight at once

    @property
    def handled(self) -> int:
        return self.sent + self.retried + self.failed + self.deferred


@contextlib.asynccontextmanager
async def reminder_sender_bot(settings: Settings,
                              request: BaseRequest | None = None) -> AsyncIterator[Bot]:
    """A Bot of its own for fan-outs: paced by the sender, not by the replies' rate limiter."""
    bot = Bot(settings.token, base_url=settings.telegram_api_base_url,
              base_file_url=settings.telegram_file_base_url, request=request)
    async with bot:
        yield bot


def default_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass
class OutboxSender:
    """Sends what is due in the outbox through `bot`, at `pacing`."""

    bot: Bot
    database: Database
    clock: Clock
    lang: Lang
    tz: tzinfo
    pacing: Pacing = field(default_factory=Pacing)
    worker_id: str = field(default_factory=default_worker_id)
    monotonic: Callable[[], float] = time.monotonic
    # Asked before each message: a process that stops leading stops sending at once.
    may_send: Callable[[], bool] = field(default=lambda: True)
    # The bot's send window, shared with the replies (and other processes); None: one of its own.
    pace: SendPace | None = None

    def __post_init__(self) -> None:
        self._pace = self.pace or LocalSendPace(
            WindowRule.per_second(self.pacing.messages_per_second))
        self._in_flight = InFlightTarget(self._pace.rule.messages_per_second,
                                         self.pacing.max_in_flight)
        self._spacing = EvenSpacing.for_rule(self._pace.rule)
        self._next_send_to_chat: dict[int, float] = {}
        self._lock = asyncio.Lock()
        self._stopping = False

    def request_stop(self) -> None:
        """Stop after the messages in flight; what is claimed and unsent goes back to pending."""
        self._stopping = True

    async def release_own_claims(self, why: str = "for the next start") -> None:
        released = await self.database.run(partial(
            reminders.release_claims_of, worker=self.worker_id, now=self.clock()))
        if released:
            logger.info("{} claimed reminders handed back {}", released, why)

    async def send_due(self) -> SendReport:
        """Send every reminder due now; one pass at a time per process."""
        report = SendReport()
        async with self._lock:
            slots = SendSlots(lambda: self._in_flight.target)
            try:
                async with asyncio.TaskGroup() as sends:
                    await self._start_sends(sends, slots, report)
            except ExceptionGroup as errors:  # a bad token, the database gone: as it came
                if len(errors.exceptions) == 1:
                    raise errors.exceptions[0] from None
                raise
            report.most_in_flight = slots.most_taken
            if not self._stopping and not self.may_send():
                # Leadership lapsed mid-pass (no message is in flight any more): what this pass
                # claimed and did not send is pending again at once, for whoever leads next,
                # instead of waiting out the claim lease.
                await self.release_own_claims("after leadership lapsed")
            return report

    def _may_go_on(self) -> bool:
        return not self._stopping and self.may_send()

    async def _start_sends(self, sends: asyncio.TaskGroup, slots: SendSlots,
                           report: SendReport) -> None:
        """Claim batch after batch, starting each send as soon as it has a place in flight,
        until nothing is due and nothing in flight; a batch is claimed while the previous one's
        last sends are in flight, so the pace does not drop between batches."""
        sweep = True
        while self._may_go_on():
            batch = await self.database.run(partial(
                reminders.claim_reminders, now=self.clock(), worker=self.worker_id,
                limit=self.pacing.claim_batch, tz=self.tz, sweep=sweep))
            sweep = False
            if not batch:
                if not slots.taken:
                    return
                # A send in flight may yet make a row due now (a group that moved).
                await slots.all_given_back()
                continue
            for notice in batch:
                await slots.take()
                if not self._may_go_on():
                    await slots.give_back()
                    return
                sends.create_task(self._send_in_place(notice, slots, report))

    async def _send_in_place(self, notice: ReminderNotice, slots: SendSlots,
                             report: SendReport) -> None:
        try:
            await self._send_one(notice, report)
        finally:
            await slots.give_back()

    async def _send_one(self, notice: ReminderNotice, report: SendReport) -> None:
        """Steps: respect the chat's own pace (else defer), hold the chat's turn, send, then
        start the chat's interval from the answer, whatever it was."""
        wait = self._chat_wait(notice.chat_id)
        if wait > 0:
            await self._record_retry(notice, "paced: the chat's own limit", wait, counts=False)
            report.deferred += 1
            return
        # Taken before the first await, so a concurrent send to this chat sees it and waits.
        self._next_send_to_chat[notice.chat_id] = math.inf
        try:
            await self._deliver(notice, report)
        finally:
            # Also after a failure: a timed-out message may have arrived all the same.
            self._next_send_to_chat[notice.chat_id] = (
                self.monotonic() + self._chat_interval(notice.chat_id))

    async def _deliver(self, notice: ReminderNotice, report: SendReport) -> None:
        """Wait for this send's place in the even spread, then for a turn in the bot's send
        window (after a 429, for its pause), send, record the outcome in its own unit of work;
        a success's cycle (request to record) tunes the sends in flight."""
        await self._spaced()
        started = math.inf
        try:
            async with self._pace.sending():
                started = time.monotonic()  # real time, even when tests simulate the clock
                message = await self.bot.send_message(
                    notice.chat_id, reminder_text(notice, self.lang), parse_mode=ParseMode.HTML,
                    reply_markup=status_keyboard(
                        ReportRef(notice.deadline_id, notice.due_date, notice.unit_id),
                        self.lang))
        except RetryAfter as error:
            await self._rate_limited(notice, error, report)
        except ChatMigrated as migrated:
            await self._chat_moved(notice, migrated.new_chat_id, report)
        except (Forbidden, BadRequest) as error:
            await self._failed(notice, error.message, report,
                               unreachable=is_unreachable(error))
        except InvalidToken:
            raise
        except NetworkError as error:  # timeouts, dropped connections, 5xx
            await self._transient(notice, error.message, report)
        except Exception as error:  # a bug must not leave the row claimed forever
            logger.exception("Reminder {} could not be sent", notice.row_id)
            await self._failed(notice, f"{type(error).__name__}: {error}", report)
        else:
            now = self.clock()
            await self.database.run(
                lambda s: reminders.record_sent(s, notice.row_id, message.message_id, now))
            report.sent += 1
            self._in_flight.observe(time.monotonic() - started)

    async def _spaced(self) -> None:
        """Wait for the next start of the even spread and take it (sends wait in turn: each
        takes its start before the next one looks)."""
        while (wait := self._spacing.wait(time.monotonic())) > 0:
            await asyncio.sleep(wait)
        self._spacing.start(time.monotonic())

    async def _chat_moved(self, notice: ReminderNotice, new_chat_id: int,
                          report: SendReport) -> None:
        try:
            await self.database.run(partial(
                reminders.record_chat_moved, row_id=notice.row_id, old_chat_id=notice.chat_id,
                new_chat_id=new_chat_id, now=self.clock()))
        except Exception as error:  # never leave the row claimed: the rest of the batch waits
            logger.exception("Reminder {}: could not follow the group to {}", notice.row_id,
                             new_chat_id)
            await self._failed(notice, f"group moved, not followed: {error}", report)
            return
        report.retried += 1

    def _chat_wait(self, chat_id: int) -> float:
        """Seconds until this chat may get another message; its interval while a send to it
        is in flight (that send's answer starts the interval)."""
        return min(self._next_send_to_chat.get(chat_id, 0.0) - self.monotonic(),
                   self._chat_interval(chat_id))

    def _chat_interval(self, chat_id: int) -> float:
        return (self.pacing.group_chat_interval if chat_id < 0
                else self.pacing.private_chat_interval)

    async def _rate_limited(self, notice: ReminderNotice, error: RetryAfter,
                            report: SendReport) -> None:
        seconds = retry_after_seconds(error)
        logger.warning("Telegram asks to wait {} s; pausing every message", seconds)
        report.rate_limited += 1
        report.retried += 1
        await self._pace.rate_limited(seconds)
        await self._record_retry(notice, "429 Too Many Requests", seconds, counts=False)

    async def _transient(self, notice: ReminderNotice, reason: str, report: SendReport) -> None:
        attempts = notice.attempts + 1
        if attempts >= MAX_SEND_ATTEMPTS:
            await self._failed(notice, f"{reason} (after {attempts} attempts)", report)
            return
        delay = retry_delay(attempts).total_seconds()
        await self._record_retry(notice, reason, delay, counts=True)
        report.retried += 1

    async def _record_retry(self, notice: ReminderNotice, reason: str, delay: float,
                            *, counts: bool) -> None:
        now = self.clock()
        retry_at = now + timedelta(seconds=delay)
        await self.database.run(lambda s: reminders.record_retry(
            s, notice.row_id, reason, retry_at, now, counts_as_attempt=counts))

    async def _failed(self, notice: ReminderNotice, reason: str, report: SendReport,
                      *, unreachable: bool = False) -> None:
        logger.warning("Reminder {} to chat {} failed: {}", notice.row_id, notice.chat_id, reason)
        now = self.clock()
        chat = notice.chat_id if unreachable else None
        await self.database.run(lambda s: reminders.record_failure(
            s, notice.row_id, reason, now, chat_unreachable=chat))
        report.failed += 1


def is_unreachable(error: Forbidden | BadRequest) -> bool:
    """Telegram will not deliver to this chat again until someone acts (blocked, removed…)."""
    if isinstance(error, Forbidden):
        return True
    message = error.message.lower()
    return any(reason in message for reason in UNREACHABLE_ERRORS)
