"""Logging: loguru for the operator, standard `logging` (PTB, httpx, APScheduler) routed into it.

Secrets never reach a sink: every record passes through `redact`, which hides the bot token
(httpx and PTB put it in URLs).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from loguru import logger

_CONSOLE_FORMAT = (
    "<green>{time:YYYY-MM-DD HH:mm:ss}</green> <level>{level: <7}</level> "
    "<cyan>{name}</cyan> {extra_context}<level>{message}</level>"
)
_CONTEXT_KEYS = ("update_id", "user_id", "chat_id", "job")
_NOISY_LIBRARIES = {"httpx": logging.WARNING, "httpcore": logging.WARNING,
                    "apscheduler": logging.WARNING, "telegram": logging.INFO,
                    "alembic": logging.WARNING}


class _InterceptHandler(logging.Handler):
    """Send standard-library log records to loguru (loguru's documented recipe)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            level: str | int = logger.level(record.levelname).name
        except ValueError:
            level = record.levelno
        frame, depth = logging.currentframe(), 2
        while frame is not None and frame.f_code.co_filename == logging.__file__:
            frame, depth = frame.f_back, depth + 1  # type: ignore[assignment]
        logger.opt(depth=depth, exception=record.exc_info).log(level, record.getMessage())


def _redactor(secrets: Iterable[str]) -> Any:
    hidden = [s for s in secrets if s]

    def patch(record: Any) -> None:
        for secret in hidden:
            if secret in record["message"]:
                record["message"] = record["message"].replace(secret, "<token>")
        extra = record["extra"]
        context = " ".join(f"{k}={extra[k]}" for k in _CONTEXT_KEYS if k in extra)
        record["extra"]["extra_context"] = f"[{context}] " if context else ""

    return patch


def configure_logging(level: str = "INFO", json_file: Path | None = None,
                      secrets: Iterable[str] = ()) -> None:
    """Install the console sink (and a JSON-lines file sink if asked); idempotent."""
    logger.remove()
    logger.configure(patcher=_redactor(secrets), extra={"extra_context": ""})
    logger.add(sys.stderr, level=level, format=_CONSOLE_FORMAT, backtrace=False, diagnose=False)
    if json_file is not None:
        json_file.parent.mkdir(parents=True, exist_ok=True)
        logger.add(json_file, level=level, serialize=True, backtrace=False, diagnose=False)
    logging.basicConfig(handlers=[_InterceptHandler()], level=0, force=True)
    for name, library_level in _NOISY_LIBRARIES.items():
        logging.getLogger(name).setLevel(library_level)
