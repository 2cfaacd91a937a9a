"""Run the real bot in webhook mode in this event loop: uvicorn on 127.0.0.1, the fake Bot API
in-process. The fake does not post to webhooks, so tests post Telegram's updates themselves."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx

from bot.app import BotApplication
from bot.dependencies import Dependencies
from bot.lifecycle import prepare
from bot.web.asgi import SECRET_HEADER
from bot.web.webhook_mode import run_webhook_until_stopped
from config.settings import load_settings
from tests.fake_telegram import INPROCESS_BASE_URL, FakeTelegram, inprocess_request
from tests.fake_telegram.models import JSONDict
from tests.support.clock import QUIET_MOMENT, ShiftedClock

SECRET = "s3cret_Of-the-webhook"
WEBHOOK_PATH = "/telegram/hook"


@dataclass
class WebhookBot:
    """The running bot: `client` talks HTTP to its server; `deps` share its database."""

    deps: Dependencies
    application: BotApplication
    client: httpx.AsyncClient
    stop: asyncio.Event
    task: asyncio.Task[None]

    async def post(self, update: JSONDict, secret: str | None = SECRET) -> httpx.Response:
        """Post `update` as Telegram does (with `secret` in the header, when given)."""
        headers = {SECRET_HEADER: secret} if secret is not None else {}
        return await self.client.post(WEBHOOK_PATH, json=update, headers=headers)

    async def handled(self) -> None:
        """Wait until every update taken so far has been handled."""
        await asyncio.wait_for(self.application.update_queue.join(), timeout=10)


def loopback_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    return sock


@contextlib.asynccontextmanager
async def running_webhook_bot(fake: FakeTelegram, database_url: str, *,
                              admin_ids: tuple[int, ...] = (),
                              **settings_fields: object) -> AsyncIterator[WebhookBot]:
    """Start `run_webhook_until_stopped` as `deadline-bot run --webhook` does; stop it on exit.

    The bot's time runs from QUIET_MOMENT, as in tests.e2e.harness; `settings_fields` are
    further Settings fields."""
    sock = loopback_socket()
    port = sock.getsockname()[1]
    settings = load_settings(
        _env_file=None, telegram_bot_token=fake.token, telegram_api_base_url=INPROCESS_BASE_URL,
        database_url=database_url, bot_admin_ids=admin_ids,
        webhook_url=f"http://127.0.0.1:{port}{WEBHOOK_PATH}", webhook_secret=SECRET,
        webhook_port=port, **settings_fields)
    deps = await asyncio.to_thread(prepare, settings, ShiftedClock(QUIET_MOMENT))
    stop = asyncio.Event()
    started: asyncio.Future[BotApplication] = asyncio.get_running_loop().create_future()
    task = asyncio.create_task(run_webhook_until_stopped(
        deps, stop, sock, request=inprocess_request(fake),
        sender_request=inprocess_request(fake), first_retry_delay=0.01, started=started))
    try:
        application = await asyncio.wait_for(started, timeout=10)
        await fake.wait_for_calls("setWebhook", count=1, timeout=10)
        base_url = f"http://127.0.0.1:{port}"
        async with httpx.AsyncClient(base_url=base_url, trust_env=False) as client:
            yield WebhookBot(deps, application, client, stop, task)
    finally:
        stop.set()
        await asyncio.wait_for(task, timeout=20)
        deps.database.dispose()
