"""Connecting a bot to the fake: in-process through httpx, or over real HTTP with uvicorn."""

from __future__ import annotations

import asyncio
import logging
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import uvicorn
from telegram import Bot
from telegram.ext import ApplicationBuilder
from telegram.request import HTTPXRequest

from tests.fake_telegram.fake import INPROCESS_BASE_FILE_URL, INPROCESS_BASE_URL, FakeTelegram
from tests.fake_telegram.faults import DroppedConnection
from tests.fake_telegram.transport import InProcessTransport

SERVER_START_TIMEOUT = 5.0


def inprocess_request(fake: FakeTelegram, **request_kwargs: Any) -> HTTPXRequest:
    """A PTB ``HTTPXRequest`` whose HTTP goes straight into ``fake.app`` (no sockets).

    PTB's real encoding is kept; keyword arguments go to ``HTTPXRequest`` (e.g.
    ``read_timeout=0.5`` for fault tests). Long polling works since the app runs in the
    caller's event loop. Use one request object per ``Bot`` role (PTB wants separate objects
    for ``request`` and ``get_updates_request``).
    """
    transport = InProcessTransport(fake.app)
    return HTTPXRequest(httpx_kwargs={"transport": transport}, **request_kwargs)


def inprocess_bot(fake: FakeTelegram, **request_kwargs: Any) -> Bot:
    """A ``telegram.Bot`` bound to the fake in-process (call ``await bot.initialize()``)."""
    return Bot(
        fake.token,
        base_url=INPROCESS_BASE_URL,
        base_file_url=INPROCESS_BASE_FILE_URL,
        request=inprocess_request(fake, **request_kwargs),
        get_updates_request=inprocess_request(fake, **request_kwargs),
    )


AnyApplicationBuilder = ApplicationBuilder[Any, Any, Any, Any, Any, Any]


def inprocess_application_builder(
    fake: FakeTelegram, **request_kwargs: Any
) -> AnyApplicationBuilder:
    """An ``ApplicationBuilder`` with token, URLs and both requests bound to the fake."""
    return (
        ApplicationBuilder()
        .token(fake.token)
        .base_url(INPROCESS_BASE_URL)
        .base_file_url(INPROCESS_BASE_FILE_URL)
        .request(inprocess_request(fake, **request_kwargs))
        .get_updates_request(inprocess_request(fake, **request_kwargs))
    )


class _HideInjectedDrops(logging.Filter):
    """uvicorn logs a traceback when an app raises; for our deliberate cuts that is noise."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return not isinstance(error, DroppedConnection)


@asynccontextmanager
async def serve_with_uvicorn(fake: FakeTelegram, host: str = "127.0.0.1") -> AsyncIterator[str]:
    """Serve ``fake.app`` on ``host`` at a free port in the current event loop.

    Yields the API base URL (``http://127.0.0.1:PORT/bot``); the file URL is the same with
    ``/file/bot``. On exit, waiting long polls are answered and the server stops.
    """
    # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY on accepted sockets only when the
    # listening socket says so; without it every answer waits ~40 ms (Nagle + delayed ACK).
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        fake.app, log_config=None, log_level="warning", access_log=False, lifespan="off",
        timeout_graceful_shutdown=2,
    )
    server = uvicorn.Server(config)
    hide_drops = _HideInjectedDrops()
    logging.getLogger("uvicorn.error").addFilter(hide_drops)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        async with asyncio.timeout(SERVER_START_TIMEOUT):
            while not server.started:
                if task.done():
                    task.result()  # raises the startup error
                    raise RuntimeError("uvicorn stopped before it started")
                await asyncio.sleep(0.005)
        yield f"http://{host}:{port}/bot"
    finally:
        fake.release_long_polls()
        server.should_exit = True
        await task
        sock.close()
        logging.getLogger("uvicorn.error").removeFilter(hide_drops)


def file_base_url(base_url: str) -> str:
    """``http://127.0.0.1:PORT/bot`` → ``http://127.0.0.1:PORT/file/bot``."""
    root, _, last = base_url.rstrip("/").rpartition("/")
    return f"{root}/file/{last}"
