"""How much a request may send: a bound on the body's size, for every route of the server.

The dashboard's forms hold two short fields and Telegram's updates a few kilobytes; nothing
the server serves needs a body near MAX_BODY_BYTES (nginx's `client_max_body_size 1m` in the
README says the same in front of it).
"""

from __future__ import annotations

from collections.abc import Callable

from loguru import logger
from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY_BYTES = 1024 * 1024


class BodyTooLarge(Exception):
    """The request's body grew past the limit while it was being read."""


class BodySizeLimit:
    """ASGI middleware: a request whose body is over `limit` bytes is answered with
    `refusal(scope)` (413) and one warning: at once when its Content-Length says so, otherwise
    when the body read so far passes the limit (the route's reading raises BodyTooLarge)."""

    def __init__(self, app: ASGIApp, limit: int,
                 refusal: Callable[[Scope], Response]) -> None:
        self.app, self.limit, self.refusal = app, limit, refusal

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, receive, send, int(declared))
            return
        received, answered = 0, False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge()
            return message

        async def watched_send(message: Message) -> None:
            nonlocal answered
            answered = answered or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except BodyTooLarge:
            if answered:  # too late to say so; the server closes the connection
                raise
            await self._refuse(scope, receive, send, received)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, size: int) -> None:
        client = scope.get("client")
        logger.warning("Request {} {} from {} refused: a body of at least {} bytes, over the "
                       "limit of {}", scope["method"], scope["path"],
                       client[0] if client else "?", size, self.limit)
        await self.refusal(scope)(scope, receive, send)
