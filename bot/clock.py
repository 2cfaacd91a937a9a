"""The source of "now", injected wherever time matters so tests can move it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """The real current time, aware, in UTC."""
    return datetime.now(UTC)
