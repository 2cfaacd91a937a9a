"""The table of implemented Bot API methods (names are case-insensitive, as on Telegram)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Literal

from tests.fake_telegram.params import Params
from tests.fake_telegram.state import TelegramState

ApiHandler = Callable[[TelegramState, Params], Awaitable[Any]]
RateLimitKind = Literal["send", "edit"] | None


@dataclass(frozen=True)
class ApiMethod:
    """One implemented method: its handler, how the flood limits count it, and whether it
    may hold the request open (long polling) so the app must watch for the client leaving."""

    name: str
    handler: ApiHandler
    rate_limit: RateLimitKind = None
    long_poll: bool = False


API_METHODS: dict[str, ApiMethod] = {}


def api_method(
    name: str, *, rate_limit: RateLimitKind = None, long_poll: bool = False
) -> Callable[[ApiHandler], ApiHandler]:
    """Register a handler: ``@api_method("sendMessage", rate_limit="send")``."""

    def register(handler: ApiHandler) -> ApiHandler:
        API_METHODS[name.lower()] = ApiMethod(name, handler, rate_limit, long_poll)
        return handler

    return register


def find_method(name: str) -> ApiMethod | None:
    """The implemented method of that name, or None (the app answers 404)."""
    return API_METHODS.get(name.lower())


def implemented_method_names() -> list[str]:
    """Every implemented method, in Telegram's spelling."""
    return sorted(method.name for method in API_METHODS.values())
