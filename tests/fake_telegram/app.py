"""The ASGI app: routes ``/bot<token>/<method>`` and ``/file/bot<token>/<path>``.

For each API request, in order: read the parameters (query, form, JSON or multipart), log
the call, let the fault plan fail it, check the token, find the method (404 otherwise), check
the flood limits (429), run the handler, take the rate-limit tokens, answer.
"""

from __future__ import annotations

import asyncio
import json
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

# Importing the method modules registers their handlers.
from tests.fake_telegram import bot_methods, message_methods  # noqa: F401
from tests.fake_telegram.faults import DroppedConnection, FaultRule
from tests.fake_telegram.models import ApiCall
from tests.fake_telegram.params import ApiError, Params, read_request_params
from tests.fake_telegram.registry import ApiMethod, find_method

if TYPE_CHECKING:
    from tests.fake_telegram.fake import FakeTelegram

NOT_FOUND = ApiError(404, "Not Found")
UNAUTHORIZED = ApiError(401, "Unauthorized")
CLIENT_GONE_STATUS = 499  # nginx's code for "the client closed the request"


def json_response(status: int, payload: Any) -> Response:
    """A JSON answer, compact and UTF-8 like Telegram's."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    return Response(body, status_code=status, media_type="application/json")


async def wait_for_disconnect(receive: Receive) -> None:
    """Return once the client has gone (drains any body still unread)."""
    while (await receive())["type"] != "http.disconnect":
        pass


class _ClientGone(Exception):
    """The client left while the request was held open; nobody is there to answer."""


async def race_disconnect(work: Any, receive: Receive) -> Any:
    """Await ``work`` unless the client disconnects first (then ``_ClientGone``)."""
    work_task = asyncio.ensure_future(work)
    watcher = asyncio.ensure_future(wait_for_disconnect(receive))
    try:
        done, _ = await asyncio.wait({work_task, watcher}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in (work_task, watcher):
            if not task.done():
                task.cancel()
    if work_task in done:
        return work_task.result()
    raise _ClientGone


class ApiEndpoint:
    """ASGI endpoint for ``/bot<token>/<method>``."""

    def __init__(self, fake: FakeTelegram) -> None:
        self.fake = fake
        self.state = fake.state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        token, method = scope["path_params"]["token"], scope["path_params"]["method"]
        try:
            raw = await read_request_params(Request(scope, receive))
        except ApiError as error:
            await json_response(error.status, error.to_payload())(scope, receive, send)
            return
        call = ApiCall(method, raw, self.state.clock())
        if self.fake.record_calls:
            self.state.calls.append(call)
            self.state.notify_changed()
        fault = self.fake.faults.pick(method)
        try:
            if fault is None:
                status, payload = await self._answer(token, method, raw, receive)
            else:
                call.fault = fault.label()
                if fault.applied:
                    await self._answer(token, method, raw, receive)
                await self._fail(fault, call, scope, receive, send)
                return
        except _ClientGone:
            call.status, call.description = CLIENT_GONE_STATUS, "client disconnected"
            return
        except asyncio.CancelledError:  # in-process: the caller's task was cancelled
            call.status, call.description = CLIENT_GONE_STATUS, "request cancelled"
            raise
        finally:
            self.state.notify_changed()
        call.status = status
        if status != 200:
            call.description = payload.get("description")
        await json_response(status, payload)(scope, receive, send)

    async def _answer(
        self, token: str, method: str, raw: dict[str, Any], receive: Receive
    ) -> tuple[int, dict[str, Any]]:
        """Run the method: (HTTP status, Telegram JSON payload)."""
        if token != self.state.token:
            return UNAUTHORIZED.status, UNAUTHORIZED.to_payload()
        entry = find_method(method)
        if entry is None:
            return NOT_FOUND.status, NOT_FOUND.to_payload()
        params = Params(raw)
        try:
            chat_id, chat_type = self._chat_for_limits(entry, params)
            is_edit = entry.rate_limit == "edit"
            if entry.rate_limit is not None:
                hit = self.fake.limiter.check(method, chat_id, chat_type, is_edit=is_edit)
                if hit is not None:
                    raise ApiError(
                        429,
                        f"Too Many Requests: retry after {hit.retry_after}",
                        {"retry_after": hit.retry_after},
                    )
            work = entry.handler(self.state, params)
            result = await (race_disconnect(work, receive) if entry.long_poll else work)
            if entry.rate_limit is not None:
                self.fake.limiter.record(chat_id, chat_type, is_edit=is_edit)
        except ApiError as error:
            return error.status, error.to_payload()
        return 200, {"ok": True, "result": result}

    def _chat_for_limits(self, entry: ApiMethod, params: Params) -> tuple[int | None, str | None]:
        """The target chat's id and type for the flood limits (None when unknown)."""
        if entry.rate_limit is None or not params.has("chat_id"):
            return None, None
        try:
            chat = self.state.chat(params.chat_id())
        except ApiError:
            return None, None
        return chat.id, chat.type

    async def _fail(
        self, fault: FaultRule, call: ApiCall, scope: Scope, receive: Receive, send: Send
    ) -> None:
        """Answer as the fault says: an error status, a held-then-dropped request, a cut."""
        if isinstance(fault.kind, int):
            error = fault.to_api_error()
            call.status, call.description = error.status, error.description
            await json_response(error.status, error.to_payload())(scope, receive, send)
            return
        call.status = CLIENT_GONE_STATUS
        if fault.kind == "timeout":
            call.description = f"held {fault.delay:g} s without answering"
            try:
                await race_disconnect(asyncio.sleep(fault.delay), receive)
            except _ClientGone:
                return
        else:
            call.description = "connection dropped"
        await send({
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"application/json"), (b"content-length", b"64")],
        })
        raise DroppedConnection("fake Telegram dropped the connection (injected fault)")


class FileEndpoint:
    """ASGI endpoint for ``/file/bot<token>/<file_path>``: the stored bytes."""

    def __init__(self, fake: FakeTelegram) -> None:
        self.state = fake.state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        token, file_path = scope["path_params"]["token"], scope["path_params"]["file_path"]
        stored = self.state.file_by_path(file_path)
        if token != self.state.token:
            response = json_response(UNAUTHORIZED.status, UNAUTHORIZED.to_payload())
        elif stored is None:
            response = json_response(NOT_FOUND.status, NOT_FOUND.to_payload())
        else:
            response = Response(stored.content, media_type=stored.mime_type)
        await response(scope, receive, send)


async def _not_found(request: Request) -> Response:
    return json_response(NOT_FOUND.status, NOT_FOUND.to_payload())


def build_app(fake: FakeTelegram) -> Starlette:
    """The Starlette app serving one ``FakeTelegram``."""
    return Starlette(
        routes=[
            Route("/bot{token}/{method}", ApiEndpoint(fake), methods=["GET", "POST"]),
            Route("/file/bot{token}/{file_path:path}", FileEndpoint(fake), methods=["GET"]),
            Route("/{path:path}", _not_found, methods=["GET", "POST"]),
        ]
    )
