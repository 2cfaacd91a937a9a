"""Start, run and stop the bot process: database first, then Telegram, then the updates
(long polling here, or a webhook: bot.web.webhook_mode)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, AsyncExitStack, asynccontextmanager
from datetime import datetime

from loguru import logger
from sqlalchemy.orm import Session
from telegram import Bot
from telegram.error import InvalidToken, NetworkError, RetryAfter
from telegram.request import BaseRequest

from bot.app import BotApplication, build_application
from bot.clock import Clock, system_clock
from bot.command_menu import publish_command_menu, publish_personal_menu
from bot.context import REMINDERS_KEY
from bot.dependencies import Dependencies
from bot.domain.province import Province
from bot.long_polling import LongPoller
from bot.send_pace import SendPace, send_pace_for
from bot.services.people import admins_and_office_with_roles, bootstrap_admins
from bot.services.province import seed_province
from bot.stopping import StoppedWhileStarting, unless_stopped
from config.province import load_province
from config.settings import Settings
from db.advisory_lock import wait_for_transaction_lock
from db.migrate import STARTUP_LOCK, upgrade_to_head
from db.session import Database
from scheduler.digests import start_digests
from scheduler.leader import Leadership, leader_election
from scheduler.runner import ReminderRunner, build_reminder_runner
from scheduler.sender import reminder_sender_bot

# Receives updates for the started application while its block runs; on exit, takes no more.
UpdateIntake = Callable[[BotApplication], AbstractAsyncContextManager[object]]


def prepare(settings: Settings, clock: Clock = system_clock) -> Dependencies:
    """Open and migrate the database and load the province's defaults into it.

    Raises DatabaseUnavailable if the database cannot be opened and InvalidProvinceData if the
    province file is wrong; nothing is stored in either case.
    """
    province = load_province(settings.bot_province_file)
    database = Database(settings.database_url)
    database.check_connection()
    before, after = upgrade_to_head(database)
    if before != after:
        logger.info("Database migrated from {} to {}", before or "empty", after)
    database.run_sync(lambda session: _first_start_data(session, settings, province, clock()))
    return Dependencies(settings=settings, database=database, clock=clock, province=province)


def _first_start_data(session: Session, settings: Settings, province: Province,
                      now: datetime) -> None:
    wait_for_transaction_lock(session, STARTUP_LOCK)  # one worker seeds, the others find it done
    seeded = seed_province(session, province, now)
    if seeded.changed:
        logger.info("Province data loaded: {} units, {} deadlines, {} calendar days",
                    len(seeded.units), len(seeded.deadlines), seeded.calendar_days)
    added = bootstrap_admins(session, settings.bot_admin_ids, now)
    if added:
        logger.info("Admins from BOT_ADMIN_IDS registered: {}", added)


async def retry_with_backoff(action: Callable[[], Awaitable[object]], what: str,
                             first_delay: float = 1.0, max_delay: float = 60.0) -> None:
    """Run `action` until it succeeds, waiting longer after each network failure.

    A bad token is not a network failure and is raised at once.
    """
    delay = first_delay
    while True:
        try:
            await action()
            return
        except InvalidToken:
            raise
        except RetryAfter as error:
            wait = float(error.retry_after if isinstance(error.retry_after, int | float)
                         else error.retry_after.total_seconds())
            logger.warning("{}: Telegram asks to wait {} s", what, wait)
            await asyncio.sleep(wait)
        except NetworkError as error:
            logger.warning("{} failed ({}); retrying in {:.1f} s", what, error, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, max_delay)


async def run_until_stopped(deps: Dependencies, stop: asyncio.Event,
                            request: BaseRequest | None = None,
                            updates_request: BaseRequest | None = None,
                            first_retry_delay: float = 1.0,
                            sender_request: BaseRequest | None = None,
                            started: asyncio.Future[BotApplication] | None = None,
                            intake: UpdateIntake | None = None) -> None:
    """Receive updates (long polling unless another `intake` is given) and handle them until
    `stop` is set, then shut down cleanly.

    `started` (tests) receives the running application once reminders are scheduled.
    """
    # One send window for the process: replies and reminders take turns in it.
    pace = send_pace_for(deps.database, deps.settings.bot_send_rate)
    application = build_application(deps, request, updates_request, pace)
    try:
        await unless_stopped(_connect(application, deps, first_retry_delay), stop)
        async with reminder_sender_bot(deps.settings, sender_request) as sender_bot:
            await _serve(application, deps, sender_bot, pace, stop, started,
                         intake or long_polling)
    except StoppedWhileStarting:
        logger.info("Stopped while starting")
        await application.shutdown()
        await application.bot.shutdown()  # in case the stop came before the application's


async def _connect(application: BotApplication, deps: Dependencies,
                   first_retry_delay: float) -> None:
    await retry_with_backoff(application.initialize, "Connecting to Telegram", first_retry_delay)
    logger.info("Connected to Telegram as @{}", application.bot.username)
    await retry_with_backoff(
        lambda: publish_command_menu(application.bot, deps.settings.bot_language),
        "Publishing the command menu", first_retry_delay,
    )
    await _publish_personal_menus(application, deps)


async def _publish_personal_menus(application: BotApplication, deps: Dependencies) -> None:
    """The admins' and the office's menus, so a change of WEB_BASE_URL or of the commands
    reaches them at the next start."""
    holders = await deps.database.run(admins_and_office_with_roles)
    web = deps.settings.web
    if not web.secure:
        logger.info("No Mini App menu button: WEB_BASE_URL {} is not https, which Telegram "
                    "requires", web.base_url)
    for person in holders:
        await publish_personal_menu(application.bot, person.telegram_user_id, person.roles,
                                    deps.settings.bot_language, web)


async def _start_reminders(application: BotApplication, deps: Dependencies,
                           sender_bot: Bot, pace: SendPace, leader: Leadership
                           ) -> ReminderRunner:
    assert application.job_queue is not None
    runner = build_reminder_runner(deps, application.job_queue, sender_bot, leader, pace)
    application.bot_data[REMINDERS_KEY] = runner
    # On SQLite one process runs the scheduler, so whatever was claimed before start was claimed
    # by a process that is gone; under an election, the new leader hands back its predecessor's.
    await runner.start(previous_process_dead=True)
    return runner


@asynccontextmanager
async def long_polling(application: BotApplication) -> AsyncIterator[None]:
    """Long-poll Telegram for the application while the block runs (bot.long_polling); on
    exit the poll in flight is dropped at once."""
    bot = application.bot
    # Telegram refuses getUpdates while a webhook is set (`run --webhook` leaves it registered).
    await retry_with_backoff(bot.delete_webhook, "Removing the webhook")
    poller = LongPoller(bot, application.update_queue)
    polling = asyncio.create_task(poller.poll(), name="long polling")
    try:
        yield
    finally:
        polling.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await polling
        await poller.confirm_fetched()


async def _serve(application: BotApplication, deps: Dependencies, sender_bot: Bot,
                 pace: SendPace, stop: asyncio.Event,
                 started: asyncio.Future[BotApplication] | None, intake: UpdateIntake) -> None:
    """Start, take updates until `stop`, then stop in order: updates, reminders, the
    application."""
    await application.start()
    try:
        # Exactly one process sends reminders: the holder of PostgreSQL's advisory lock.
        async with leader_election(deps.settings.database_url,
                                   deps.settings.bot_leader_period) as leader:
            _count_workers_for(pace, leader)
            runner = await _start_reminders(application, deps, sender_bot, pace, leader)
            try:
                await _take_updates(application, deps, stop, started, intake)
            finally:
                await runner.stop()  # its claims handed back before the lock goes
    finally:
        await application.stop()
        await application.shutdown()


def _count_workers_for(pace: SendPace, leader: Leadership) -> None:
    """A send window kept in memory (a process that cannot reach the shared one) takes its
    share of the bot's limit among the processes of the election."""
    pace.count_workers = lambda: leader.workers


async def _take_updates(application: BotApplication, deps: Dependencies, stop: asyncio.Event,
                        started: asyncio.Future[BotApplication] | None,
                        intake: UpdateIntake) -> None:
    digest_runner = await start_digests(application, deps)
    if started is not None:
        started.set_result(application)
    try:
        async with AsyncExitStack() as taking:
            # Entering may wait for Telegram (removing or registering the webhook).
            await unless_stopped(taking.enter_async_context(intake(application)), stop)
            logger.info("Bot is running; waiting for updates")
            try:
                await stop.wait()
            finally:
                logger.info("Stopping")
    finally:
        await digest_runner.stop()
