"""The three ways of sending one reminder slot, each run in a process of its own.

`python -m bench.contenders NAME --base-url URL --token T --messages FILE [--database-url URL]`
sends the messages listed in FILE (JSON: [[chat_id, text], …]) and prints one JSON line: what
the sender itself saw (time, 429s, errors) and its memory. What was delivered is counted by the
fake server, not here.

- `outbox`: deadline-bot's `OutboxSender.send_due()` with the default `Pacing` (or another
  `--send-max-in-flight`) and the process's send window as `deadline-bot run` builds it (in
  memory on SQLite, in the database on PostgreSQL), over the database already holding the
  planned rows, repeated at the next due time while rows are pending (what the runner's
  wake-ups do), then the outbox's end state;
- `ptb-aioratelimiter`: python-telegram-bot's `AIORateLimiter()` with its defaults
  (max_retries=0) on an `Application`'s bot, every message through `asyncio.gather`;
- `naive`: `for chat in chats: await bot.send_message(...)`, no pacing, no retry.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import sys
import time
import tracemalloc
from collections.abc import Callable, Coroutine
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from loguru import logger
from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import RetryAfter, TelegramError
from telegram.ext import AIORateLimiter, ApplicationBuilder

from bench.reminder_slot import SLOT_TIME, bench_settings
from bot.send_pace import send_pace_for
from bot.services import reminders
from db.session import Database
from scheduler.sender import OutboxSender, Pacing, reminder_sender_bot

Messages = list[tuple[int, str]]
# A fan-out still running after this long is reported as it stands.
GIVE_UP_AFTER_SECONDS = 900.0


@dataclass
class SenderOutcome:
    """What a contender saw from its side."""

    name: str
    seconds: float = 0.0
    rate_limited: int = 0  # 429s (RetryAfter) the sender received
    errors: dict[str, int] = field(default_factory=dict)  # other exceptions, by type
    passes: int = 0  # outbox: send_due() calls
    most_in_flight: int = 0  # outbox: the most sends in flight at once
    outbox_states: dict[str, int] = field(default_factory=dict)
    peak_rss_mb: float = 0.0  # the highest RSS while sending
    rss_growth_mb: float = 0.0  # that minus the RSS just before (imports, messages loaded)
    tracemalloc_peak_mb: float | None = None


def _count_error(outcome: SenderOutcome, error: BaseException) -> None:
    if isinstance(error, RetryAfter):
        outcome.rate_limited += 1
    else:
        name = type(error).__name__
        outcome.errors[name] = outcome.errors.get(name, 0) + 1


async def send_naively(base_url: str, token: str, messages: Messages,
                       outcome: SenderOutcome) -> None:
    """One message after the other as fast as the server answers; a failure is lost."""
    async with Bot(token, base_url=base_url) as bot:
        for chat_id, text in messages:
            try:
                await bot.send_message(chat_id, text, parse_mode=ParseMode.HTML)
            except TelegramError as error:
                _count_error(outcome, error)


async def send_with_aioratelimiter(base_url: str, token: str, messages: Messages,
                                   outcome: SenderOutcome) -> None:
    """Every message at once through PTB's rate limiter with its defaults."""
    application = (ApplicationBuilder().token(token).base_url(base_url)
                   .rate_limiter(AIORateLimiter()).build())
    async with application:
        results = await asyncio.gather(
            *(application.bot.send_message(chat_id, text, parse_mode=ParseMode.HTML)
              for chat_id, text in messages),
            return_exceptions=True)
    for result in results:
        if isinstance(result, BaseException):
            _count_error(outcome, result)


async def send_from_outbox(base_url: str, token: str, database_url: str,
                           outcome: SenderOutcome, pacing: Pacing) -> None:
    """The outbox sender as the runner drives it: send what is due, sleep until the next due
    row (a retry after a 429, a chat's own pace), until nothing is pending."""
    settings = bench_settings(database_url, token, base_url)
    database = Database(database_url)
    started = time.monotonic()

    def clock() -> datetime:  # the slot's morning, moving at the real pace
        return SLOT_TIME + timedelta(seconds=time.monotonic() - started)

    failed = 0
    try:
        async with reminder_sender_bot(settings) as bot:
            sender = OutboxSender(bot, database, clock, settings.bot_language,
                                  settings.bot_timezone, pacing=pacing,
                                  pace=send_pace_for(database, settings.bot_send_rate))
            while time.monotonic() - started < GIVE_UP_AFTER_SECONDS:
                report = await sender.send_due()
                outcome.passes += 1
                outcome.rate_limited += report.rate_limited
                outcome.most_in_flight = max(outcome.most_in_flight, report.most_in_flight)
                failed += report.failed
                upcoming = await database.run(lambda s: reminders.next_send_times(s, clock(), 1))
                if not upcoming:
                    break
                await asyncio.sleep(max((upcoming[0] - clock()).total_seconds(), 0.0))
        if failed:
            outcome.errors["failed for good"] = failed
        outcome.outbox_states = await database.run(reminders.outbox_counts)
    finally:
        database.dispose()


def _process_status_mb(name: str) -> float | None:
    """A memory line of /proc/self/status ("VmRSS", "VmHWM") in MiB; None off Linux."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(name + ":"):
                return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return None


def _reset_peak_rss() -> None:
    """Start the peak-RSS mark (VmHWM) again from the current RSS (Linux 4.0+).

    Without it the peak would be that of the imports; `ru_maxrss` is no use either, since a
    process started with fork and exec inherits its parent's.
    """
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def run_contender(name: str, send: Callable[[SenderOutcome], Coroutine[Any, Any, None]],
                  *, trace_memory: bool) -> SenderOutcome:
    """Run one contender, timing it and measuring the memory of this process."""
    outcome = SenderOutcome(name)
    before = _process_status_mb("VmRSS") or 0.0
    _reset_peak_rss()
    if trace_memory:
        tracemalloc.start()
    started = time.perf_counter()
    asyncio.run(send(outcome))
    outcome.seconds = time.perf_counter() - started
    if trace_memory:
        outcome.tracemalloc_peak_mb = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    outcome.peak_rss_mb = _process_status_mb("VmHWM") or 0.0
    outcome.rss_growth_mb = outcome.peak_rss_mb - before
    return outcome


CONTENDERS = ("outbox", "ptb-aioratelimiter", "naive")


def main() -> None:
    parser = argparse.ArgumentParser(description="Run one fan-out contender (see bench.fanout).")
    parser.add_argument("name", choices=CONTENDERS)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--messages", type=Path, required=True)
    parser.add_argument("--database-url")
    parser.add_argument("--send-max-in-flight", type=int, default=Pacing().max_in_flight,
                        help="outbox: Pacing.max_in_flight (most sends in flight)")
    parser.add_argument("--tracemalloc", action="store_true")
    args = parser.parse_args()
    # The benchmark counts errors itself; PTB's limiter would log a traceback per 429.
    logging.getLogger("telegram").setLevel(logging.CRITICAL)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logger.remove()
    logger.add(sys.stderr, level="ERROR")
    messages: Messages = [(int(chat), text) for chat, text in json.loads(args.messages.read_text())]
    senders: dict[str, Callable[[SenderOutcome], Coroutine[Any, Any, None]]] = {
        "outbox": lambda o: send_from_outbox(args.base_url, args.token, args.database_url, o,
                                             Pacing(max_in_flight=args.send_max_in_flight)),
        "ptb-aioratelimiter": lambda o: send_with_aioratelimiter(
            args.base_url, args.token, messages, o),
        "naive": lambda o: send_naively(args.base_url, args.token, messages, o),
    }
    outcome = run_contender(args.name, senders[args.name], trace_memory=args.tracemalloc)
    print(json.dumps(asdict(outcome)))


def outcome_from_json(line: str) -> SenderOutcome:
    fields: dict[str, Any] = json.loads(line)
    return SenderOutcome(**fields)


if __name__ == "__main__":
    main()
