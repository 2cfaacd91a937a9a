"""Long polling with the office's dashboard served beside it (WEB_LISTEN:WEB_PORT): pass
`with_dashboard(deps, sock)` as run_until_stopped's intake.

In webhook mode the dashboard is served by the webhook's server instead (one server).
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator

from loguru import logger
from starlette.applications import Starlette

from bot.app import BotApplication
from bot.dependencies import Dependencies
from bot.lifecycle import UpdateIntake, long_polling
from bot.web.dashboard import Dashboard
from bot.web.embedded_server import EmbeddedServer, bind_socket, server_config, until_listening
from config.settings import WebEndpoint

# Browsers keep connections open; on stop, requests still running get this long to finish.
SHUTDOWN_GRACE_SECONDS = 5


def dashboard_socket(web: WebEndpoint) -> socket.socket:
    """Bind WEB_LISTEN:WEB_PORT before anything starts; OSError if it is taken."""
    return bind_socket(web.listen, web.port)


def with_dashboard(deps: Dependencies, sock: socket.socket,
                   intake: UpdateIntake = long_polling) -> UpdateIntake:
    """`intake`, with the dashboard listening on `sock` while it runs."""

    @contextlib.asynccontextmanager
    async def serving_dashboard(application: BotApplication) -> AsyncIterator[None]:
        dashboard = Dashboard(deps, application)
        server = EmbeddedServer(server_config(
            Starlette(routes=dashboard.routes(), middleware=dashboard.middleware()),
            SHUTDOWN_GRACE_SECONDS))
        serving = asyncio.create_task(server.serve(sockets=[sock]))
        try:
            await until_listening(server, serving)
            logger.info("Dashboard listening on {}:{} ({})", deps.settings.web.listen,
                        deps.settings.web.port, deps.settings.web.base_url)
            async with intake(application):
                yield
        finally:
            server.should_exit = True
            await serving

    return serving_dashboard
