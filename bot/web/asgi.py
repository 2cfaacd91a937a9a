"""The webhook server's routes: Telegram's posts, `/healthz`, `/readyz` and `/metrics`."""

from __future__ import annotations

import asyncio
import hmac
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from loguru import logger
from prometheus_client import CONTENT_TYPE_LATEST
from sqlalchemy.exc import SQLAlchemyError
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route
from telegram import Update

from bot.app import BotApplication
from bot.clock import Clock
from bot.web.metrics import ServiceMetrics
from db import received_updates
from db.session import Database, DatabaseUnavailable

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@dataclass
class WebhookReceiver:
    """Takes Telegram's posts: only with the secret, each update once, handled in the background."""

    application: BotApplication
    database: Database
    clock: Clock
    secret: str
    metrics: ServiceMetrics

    async def receive(self, request: Request) -> Response:
        """Answer Telegram's post at once; the Application handles the update afterwards.

        Steps: refuse a post without the secret (403, nothing read); parse the update (400 if it
        is not one); record it (bot.web.inbox), and acknowledge a repeated delivery without
        handling it; queue the update for the Application and answer 200.
        """
        given = request.headers.get(SECRET_HEADER, "")
        # Constant time: the answer's timing must not tell how much of a guess was right.
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            logger.warning("Webhook post without the right secret from {}",
                           request.client.host if request.client else "?")
            return PlainTextResponse("forbidden", status_code=403)
        parsed = await self._parse(request)
        if parsed is None:
            return PlainTextResponse("not a Telegram update", status_code=400)
        update, payload = parsed
        now = self.clock()
        try:
            fresh = await self.database.run(
                lambda session: received_updates.record(session, update.update_id, payload, now))
        except SQLAlchemyError as error:
            # Not acknowledged, so Telegram delivers it again later.
            logger.warning("Update {} not recorded ({}); Telegram will retry", update.update_id,
                           str(error).splitlines()[0])
            return PlainTextResponse("database unavailable", status_code=503)
        if not fresh:
            self.metrics.duplicates.inc()
            logger.info("Update {} delivered again; already received", update.update_id)
            return Response(status_code=200)
        await self.application.update_queue.put(update)
        return Response(status_code=200)

    async def _parse(self, request: Request) -> tuple[Update, str] | None:
        """The update and its JSON text (kept until it is handled), or None."""
        try:
            payload = (await request.body()).decode()
            data: Any = json.loads(payload)
            if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
                return None
            return Update.de_json(data, self.application.bot), payload
        except (ValueError, TypeError, KeyError) as error:
            logger.warning("Webhook post is not a Telegram update: {}", error)
            return None


async def healthz(_request: Request) -> Response:
    """The process is alive and its event loop answers."""
    return PlainTextResponse("ok")


def build_web_app(receiver: WebhookReceiver, path: str,
                  scheduler_problem: Callable[[], str | None],
                  dashboard: Sequence[BaseRoute] = (),
                  middleware: Sequence[Middleware] = ()) -> Starlette:
    """The ASGI app: Telegram posts to `path`; `scheduler_problem` says why reminders are not
    running (None when they are); the `dashboard`'s routes come after the service's own, and
    `middleware` (the dashboard's limits and headers) wraps them all."""

    async def readyz(_request: Request) -> Response:
        try:
            await asyncio.to_thread(receiver.database.check_connection)
        except DatabaseUnavailable as error:
            return JSONResponse({"ready": False, "reason": f"database: {error}"}, 503)
        problem = scheduler_problem()
        if problem is not None:
            return JSONResponse({"ready": False, "reason": problem}, 503)
        return JSONResponse({"ready": True})

    async def metrics(_request: Request) -> Response:
        return Response(await receiver.metrics.render(), media_type=CONTENT_TYPE_LATEST)

    return Starlette(routes=[
        Route(path, receiver.receive, methods=["POST"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/readyz", readyz, methods=["GET"]),
        Route("/metrics", metrics, methods=["GET"]),
        *dashboard,
    ], middleware=middleware)
