"""uvicorn inside the bot's own event loop, for the webhook and the dashboard, with bounds on
how long a client may take: to send a request (its headers and body), and to come back on a
kept-alive connection."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import Iterator

import h11
import uvicorn
from loguru import logger
from starlette.types import ASGIApp
from uvicorn.protocols.http.h11_impl import H11Protocol

SERVER_START_TIMEOUT_SECONDS = 10.0
# A request (its line, headers and body) must arrive within this long of the connection opening,
# or of its first byte on a kept-alive connection, however slowly it trickles in. The
# dashboard's forms and Telegram's updates are a few kilobytes.
REQUEST_READ_TIMEOUT_SECONDS = 10.0
# An idle kept-alive connection is closed after this long (uvicorn's own default, said here).
KEEP_ALIVE_TIMEOUT_SECONDS = 5
# The request line and headers together; a longer head is answered 400 (h11's default).
MAX_HEADERS_BYTES = 16 * 1024


def server_config(app: ASGIApp, graceful_shutdown_seconds: int) -> uvicorn.Config:
    """uvicorn's settings for `app`: no logging or lifespan of its own (the bot has both),
    the timeouts above, and `graceful_shutdown_seconds` for the requests in flight at stop."""
    return uvicorn.Config(
        app, log_config=None, access_log=False, lifespan="off", http=RequestDeadlineProtocol,
        timeout_keep_alive=KEEP_ALIVE_TIMEOUT_SECONDS,
        h11_max_incomplete_event_size=MAX_HEADERS_BYTES,
        timeout_graceful_shutdown=graceful_shutdown_seconds)


class RequestDeadlineProtocol(H11Protocol):
    """uvicorn's h11 protocol, which closes a connection whose request has not wholly arrived
    REQUEST_READ_TIMEOUT_SECONDS after it began.

    uvicorn 0.54 has no header or body timeout: its only one, timeout_keep_alive, runs between a
    response and the next request and stops at the next byte, so a client that opens a
    connection and sends its request slowly, or nothing, holds the connection forever."""

    _deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._start_deadline()

    def data_received(self, data: bytes) -> None:
        if self._deadline is None and self.conn.their_state is h11.IDLE:
            self._start_deadline()  # the next request on a kept-alive connection
        super().data_received(data)
        if self.conn.their_state not in (h11.IDLE, h11.SEND_BODY):  # all in (or given up)
            self._stop_deadline()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_deadline()
        super().connection_lost(exc)

    def _start_deadline(self) -> None:
        self._deadline = self.loop.call_later(REQUEST_READ_TIMEOUT_SECONDS, self._too_slow)

    def _stop_deadline(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _too_slow(self) -> None:
        self._deadline = None
        if not self.transport.is_closing():
            # Not a warning: browsers open spare connections and may leave them unused.
            logger.debug("Connection from {} closed: no whole request within {} s",
                         self.client[0] if self.client else "?", REQUEST_READ_TIMEOUT_SECONDS)
            self.transport.close()


class EmbeddedServer(uvicorn.Server):
    """uvicorn without its own signal handlers: the bot's SIGTERM handling decides the order."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def bind_socket(listen: str, port: int) -> socket.socket:
    """Bind `listen`:`port` before anything starts; OSError if it is taken."""
    family = socket.AF_INET6 if ":" in listen else socket.AF_INET
    # IPPROTO_TCP explicitly: asyncio then sets TCP_NODELAY on accepted connections.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((listen, port))
    except OSError:
        sock.close()
        raise
    return sock


async def until_listening(server: uvicorn.Server, serving: asyncio.Task[None]) -> None:
    """Wait until `server` accepts connections; raise its start-up error if it stopped."""
    async with asyncio.timeout(SERVER_START_TIMEOUT_SECONDS):
        while not server.started:
            if serving.done():
                serving.result()  # raises the start-up error
                raise RuntimeError("the server stopped before it started")
            await asyncio.sleep(0.01)
