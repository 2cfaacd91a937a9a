"""Run the real bot (the same start-up path as `deadline-bot run`) against the fake Bot API."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import cast

from bot.app import BotApplication
from bot.clock import Clock
from bot.context import REMINDERS_KEY
from bot.dependencies import Dependencies
from bot.lifecycle import prepare, run_until_stopped
from bot.web.polling_mode import with_dashboard
from config.settings import load_settings
from scheduler.runner import ReminderRunner
from tests.fake_telegram import INPROCESS_BASE_URL, FakeTelegram, inprocess_request
from tests.support.clock import QUIET_MOMENT, ShiftedClock

DEFAULT_SENDER_READ_TIMEOUT = 5.0  # PTB's default


@dataclass
class RunningBot:
    """A bot polling the fake server; `deps` gives tests the same database the bot uses."""

    deps: Dependencies
    task: asyncio.Task[None]
    application: BotApplication | None  # None when the test did not wait for polling

    @property
    def reminders(self) -> ReminderRunner:
        """The reminder scheduler; tests call its `replan()` and `run_due()` directly."""
        assert self.application is not None
        return cast(ReminderRunner, self.application.bot_data[REMINDERS_KEY])


@contextlib.asynccontextmanager
async def running_bot(fake: FakeTelegram, database_url: str, *, admin_ids: tuple[int, ...] = (),
                      language: str = "vi", clock: Clock | None = None,
                      wait_until_polling: bool = True,
                      sender_read_timeout: float = DEFAULT_SENDER_READ_TIMEOUT,
                      web_socket: socket.socket | None = None,
                      **settings_fields: object) -> AsyncIterator[RunningBot]:
    """Start the bot in this event loop, wait until it polls, stop it cleanly on exit.

    `settings_fields` are further Settings fields (bot_reminder_time="00:00"…). Without a
    `clock`, the bot's time runs from QUIET_MOMENT, so no reminder of the province's own
    deadlines fires on whatever day the suite runs. With a simulated `clock`, the sender's
    spacing of sends to one chat follows that clock too: otherwise a reminder "sent" days later
    in simulated time but milliseconds later in real time would be deferred as too soon.
    With a `web_socket` (bound, not listening), the dashboard is served on it as in
    `deadline-bot run`, and WEB_BASE_URL points at it.
    """
    # On PostgreSQL the bot leads from its first check of the scheduler's lock (nothing is
    # claimed, so no handover wait); a lease of 1.5 s instead of 6 s still survives a loaded
    # machine's stalls, and a restart with claimed sends waits only that long for them.
    settings_fields.setdefault("bot_leader_period", 0.5)
    simulated = clock is not None
    if web_socket is not None:
        port = web_socket.getsockname()[1]
        settings_fields.setdefault("web_port", port)
        settings_fields.setdefault("web_base_url", f"http://127.0.0.1:{port}")
    clock = clock or ShiftedClock(QUIET_MOMENT)
    settings = load_settings(_env_file=None, telegram_bot_token=fake.token,
                             telegram_api_base_url=INPROCESS_BASE_URL, database_url=database_url,
                             bot_admin_ids=admin_ids, bot_language=language, **settings_fields)
    deps = await asyncio.to_thread(prepare, settings, clock)
    stop = asyncio.Event()
    started: asyncio.Future[BotApplication] = asyncio.get_running_loop().create_future()
    task = asyncio.create_task(run_until_stopped(
        deps, stop, request=inprocess_request(fake),
        updates_request=inprocess_request(fake, read_timeout=40), first_retry_delay=0.01,
        sender_request=inprocess_request(fake, read_timeout=sender_read_timeout),
        started=started, intake=None if web_socket is None else with_dashboard(deps, web_socket)))
    try:
        application = None
        if wait_until_polling:
            await fake.wait_for_calls("getUpdates", count=1)
            application = await asyncio.wait_for(started, timeout=10)
        running = RunningBot(deps, task, application)
        if application is not None:
            # On PostgreSQL the bot leads after the election's handover wait: a test acting
            # before then would race the take-over's first plan.
            await asyncio.wait_for(running.reminders.leading.wait(), timeout=10)
        if application is not None and simulated:
            running.reminders.sender.monotonic = lambda: clock().timestamp()
        yield running
    finally:
        stop.set()
        await asyncio.wait_for(task, timeout=10)
        deps.database.dispose()
