"""uvicorn inside the bot's own event loop, for the webhook and the dashboard."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import Iterator

import uvicorn

SERVER_START_TIMEOUT_SECONDS = 10.0


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
