"""Logging: loguru for the operator, standard `logging` (PTB, httpx, APScheduler) routed into it.

Secrets never reach a sink: every formatted line, traceback included, passes through
`_RedactingSink`, which hides the bot token (httpx and PTB put it in URLs).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from loguru import logger

_CONSOLE_FORMAT = (
    "<green>{time:YYYY-MM-DD HH:mm:ss}</green> <level>{level: <7}</level> "
    "<cyan>{name}</cyan> {extra[extra_context]}<level>{message}</level>"
)
_CONTEXT_KEYS = ("update_id", "user_id", "chat_id", "job")
# python-multipart warns of every malformed form it meets; the dashboard logs the refusal
# itself, once (bot/web/dashboard.py).
_NOISY_LIBRARIES = {"httpx": logging.WARNING, "httpcore": logging.WARNING,
                    "apscheduler": logging.WARNING, "telegram": logging.INFO,
                    "alembic": logging.WARNING, "python_multipart": logging.ERROR}


class _InterceptHandler(logging.Handler):
    """Send standard-library log records to loguru (loguru's documented recipe)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            level: str | int = logger.level(record.levelname).name
        except ValueError:
            level = record.levelno
        # Named after the library's logger ("telegram.ext.Updater"), not after the frame that
        # called loguru, which is inside the standard `logging` package.
        logger.patch(partial(_named_after, record)).opt(exception=record.exc_info).log(
            level, record.getMessage())


def _named_after(source: logging.LogRecord, record: Any) -> None:
    record.update(name=source.name, function=source.funcName, line=source.lineno)


def _add_context(record: Any) -> None:
    extra = record["extra"]
    context = " ".join(f"{key}={extra[key]}" for key in _CONTEXT_KEYS if key in extra)
    extra["extra_context"] = f"[{context}] " if context else ""


class _RedactingSink:
    """Writes formatted lines (tracebacks included) with every secret replaced by <token>."""

    def __init__(self, stream: TextIO, secrets: Iterable[str]) -> None:
        self._stream = stream
        self._secrets = [secret for secret in secrets if secret]

    def write(self, message: str) -> None:
        for secret in self._secrets:
            message = message.replace(secret, "<token>")
        self._stream.write(message)
        self._stream.flush()


def configure_logging(level: str = "INFO", json_file: Path | None = None,
                      secrets: Iterable[str] = ()) -> None:
    """Install the console sink (and a JSON-lines file sink if asked); idempotent."""
    secrets = list(secrets)
    logger.remove()
    logger.configure(patcher=_add_context, extra={"extra_context": ""})
    logger.add(_RedactingSink(sys.stderr, secrets).write, level=level, format=_CONSOLE_FORMAT,
               backtrace=False, diagnose=False, colorize=sys.stderr.isatty())
    if json_file is not None:
        json_file.parent.mkdir(parents=True, exist_ok=True)
        stream = json_file.open("a", encoding="utf-8")
        logger.add(_RedactingSink(stream, secrets).write, level=level, serialize=True,
                   backtrace=False, diagnose=False)
    logging.basicConfig(handlers=[_InterceptHandler()], level=0, force=True)
    for name, library_level in _NOISY_LIBRARIES.items():
        logging.getLogger(name).setLevel(library_level)
