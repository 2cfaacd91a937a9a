"""Fetch a file a unit attached from Telegram: a copy kept in BOT_ARCHIVE_DIR, or the bytes
the dashboard hands to a reader.

Runs outside any database transaction; a copy that cannot be made is logged and the file
stays recorded without an archived path.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from loguru import logger
from telegram import Bot
from telegram.error import TelegramError

from bot.domain.status_files import numbered

MAX_SAME_NAME = 1000


async def download_to_archive(bot: Bot, file_id: str, path: Path) -> Path | None:
    """Download the file to `path` (or 'name (2).ext'… when that is taken); the path used, or
    None when Telegram or the disk refused."""
    target: Path | None = None
    try:
        target = await asyncio.to_thread(_free_path, path)
        telegram_file = await bot.get_file(file_id)
        await telegram_file.download_to_drive(custom_path=target)
    except (TelegramError, OSError) as error:
        logger.warning("Could not archive file {} to {}: {}", file_id, path, error)
        if target is not None:
            target.unlink(missing_ok=True)  # the name claimed for it
        return None
    return target


async def download_into_memory(bot: Bot, file_id: str) -> bytes | None:
    """The file's bytes, or None when Telegram refused or failed (logged)."""
    try:
        telegram_file = await bot.get_file(file_id)
        return bytes(await telegram_file.download_as_bytearray())
    except TelegramError as error:
        logger.warning("Could not download file {}: {}", file_id, error)
        return None


def _free_path(path: Path) -> Path:
    """`path`, or the first numbered alternative not taken yet; its folder is created."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for number in range(1, MAX_SAME_NAME):
        candidate = path if number == 1 else numbered(path, number)
        try:
            candidate.touch(exist_ok=False)  # claims the name, even against a parallel upload
        except FileExistsError:
            continue
        return candidate
    raise FileExistsError(f"{MAX_SAME_NAME} files named like {path.name}")
