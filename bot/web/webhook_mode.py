"""Run the bot on a webhook: uvicorn serves Telegram's posts inside the bot's own event loop.

Start-up and shutdown are `run_until_stopped`'s; only the intake of updates differs. On stop:
uvicorn stops listening and finishes the posts in flight, the updates taken are handled (for at
most `drain_timeout`), then reminders and the application stop as in polling mode.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from functools import partial

from loguru import logger
from telegram import Update
from telegram.request import BaseRequest, HTTPXRequest

from bot.app import BotApplication
from bot.context import REMINDERS_KEY
from bot.dependencies import Dependencies
from bot.lifecycle import retry_with_backoff, run_until_stopped
from bot.update_processor import LoggingUpdateProcessor
from bot.web import inbox
from bot.web.asgi import WebhookReceiver, build_web_app
from bot.web.dashboard import Dashboard
from bot.web.embedded_server import EmbeddedServer, bind_socket, server_config, until_listening
from bot.web.metrics import CountingRequest, ServiceMetrics
from config.settings import WebhookEndpoint
from db import received_updates
from db.session import Database

DRAIN_TIMEOUT_SECONDS = 10.0
# Telegram may restart its update ids after a week without updates: older ids can go.
RECEIVED_UPDATES_KEPT = timedelta(days=7)
PRUNE_INTERVAL = timedelta(hours=1)
APPLICATION_POOL_SIZE = 256  # what ApplicationBuilder gives the bot's own request


def listening_socket(endpoint: WebhookEndpoint) -> socket.socket:
    """Bind WEBHOOK_LISTEN:WEBHOOK_PORT before anything starts; OSError if it is taken."""
    return bind_socket(endpoint.listen, endpoint.port)


async def run_webhook_until_stopped(deps: Dependencies, stop: asyncio.Event,
                                    sock: socket.socket, *, request: BaseRequest | None = None,
                                    sender_request: BaseRequest | None = None,
                                    first_retry_delay: float = 1.0,
                                    drain_timeout: float = DRAIN_TIMEOUT_SECONDS,
                                    started: asyncio.Future[BotApplication] | None = None,
                                    ) -> None:
    """Serve Telegram's posts to WEBHOOK_URL on `sock` and handle them until `stop` is set.

    `started` (tests) receives the running application once reminders are scheduled.
    """
    metrics = ServiceMetrics(deps.database, deps.clock)
    count = metrics.count_telegram_error
    intake = partial(_webhook_intake, deps=deps, sock=sock, metrics=metrics,
                     first_retry_delay=first_retry_delay, drain_timeout=drain_timeout)
    await run_until_stopped(
        deps, stop,
        request=CountingRequest(
            request or HTTPXRequest(connection_pool_size=APPLICATION_POOL_SIZE), count),
        sender_request=CountingRequest(sender_request or HTTPXRequest(), count),
        first_retry_delay=first_retry_delay, started=started, intake=intake)


@contextlib.asynccontextmanager
async def _webhook_intake(application: BotApplication, *, deps: Dependencies,
                          sock: socket.socket, metrics: ServiceMetrics, first_retry_delay: float,
                          drain_timeout: float) -> AsyncIterator[None]:
    """Listen, then register the webhook with Telegram; on exit, stop listening and let the
    updates taken be handled."""
    endpoint = deps.settings.webhook
    processor = application.update_processor
    assert isinstance(processor, LoggingUpdateProcessor)
    processor.listeners.append(metrics.observe_update)
    processor.after_handling.append(partial(inbox.mark_handled, deps.database))
    receiver = WebhookReceiver(application, deps.database, deps.clock, endpoint.secret, metrics)
    dashboard = Dashboard(deps, application)
    web_app = build_web_app(receiver, endpoint.path, partial(scheduler_problem, application),
                            dashboard.routes(), dashboard.middleware())
    server = EmbeddedServer(server_config(web_app, int(drain_timeout)))
    await inbox.start_replays(application, deps)  # before listening: see its docstring
    serving = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        await until_listening(server, serving)
        _schedule_pruning(application, deps)
        await retry_with_backoff(
            lambda: application.bot.set_webhook(endpoint.url, secret_token=endpoint.secret,
                                                allowed_updates=Update.ALL_TYPES),
            "Registering the webhook", first_retry_delay)
        logger.info("Webhook registered; listening on {}:{}", endpoint.listen, endpoint.port)
        yield
    finally:
        # The webhook stays registered: Telegram keeps what comes meanwhile for the next start.
        server.should_exit = True
        await serving
        await _drain(application, drain_timeout)


async def _drain(application: BotApplication, timeout: float) -> None:
    """Wait until every update taken has been handled, for at most `timeout` seconds."""
    try:
        await asyncio.wait_for(application.update_queue.join(), timeout)
    except TimeoutError:
        logger.warning("Updates still being handled after {} s; stopping anyway", timeout)


def scheduler_problem(application: BotApplication) -> str | None:
    """Why this process's reminder scheduler is not running, or None when it is (`/readyz`)."""
    if not application.running:
        return "the bot is not running"
    job_queue = application.job_queue
    if job_queue is None or not job_queue.scheduler.running:
        return "the job scheduler is not running"
    if REMINDERS_KEY not in application.bot_data:
        return "reminders are not started"
    return None


def _schedule_pruning(application: BotApplication, deps: Dependencies) -> None:
    assert application.job_queue is not None

    async def prune(_context: object) -> None:
        await prune_received_updates(deps.database, deps.clock())

    application.job_queue.run_repeating(prune, interval=PRUNE_INTERVAL, first=timedelta(minutes=1),
                                        name="received-updates-prune")


async def prune_received_updates(database: Database, now: datetime) -> int:
    """Forget the update ids received more than RECEIVED_UPDATES_KEPT before `now`."""
    removed = await database.run(
        lambda session: received_updates.forget_before(session, now - RECEIVED_UPDATES_KEPT))
    if removed:
        logger.debug("Forgot {} received update ids", removed)
    return removed
