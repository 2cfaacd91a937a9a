"""Fetch a file a unit attached from Telegram: a copy kept in BOT_ARCHIVE_DIR, or the bytes
the dashboard hands to a reader.

Runs outside any database transaction. A copy that cannot be made leaves the file recorded
without an archived path, and is never only a log line: the reason is stored (counted by
/metrics) and the office's members and the admins are told.
"""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

from loguru import logger
from telegram import Bot
from telegram.error import TelegramError

from bot.dependencies import Dependencies
from bot.domain.status_files import archive_path, numbered
from bot.notices import deliver_notice
from bot.services import status_files
from bot.services.status_files import FileReceipt
from bot.texts.statuses_render import archive_failure_text

MAX_SAME_NAME = 1000
REASON_SHOWN = 300  # an OSError names the whole path


class ArchiveFailed(Exception):
    """Telegram or the disk refused the copy; `str()` says why, in their words."""


async def keep_copy(bot: Bot, deps: Dependencies, receipt: FileReceipt) -> None:
    """Download the attached file into BOT_ARCHIVE_DIR and record where it went; when that
    fails, record why and tell the office's members and the admins."""
    root = deps.settings.bot_archive_dir
    assert root is not None
    ref = receipt.status.report.ref
    path = archive_path(root, ref.due_date.year, receipt.status.report.deadline_code,
                        receipt.unit_code, receipt.file.name)
    try:
        saved = await download_to_archive(bot, receipt.telegram_file_id, path)
    except ArchiveFailed as failed:
        reason = str(failed)
        failure = await deps.database.run(
            lambda s: status_files.record_archive_failure(s, receipt, reason))
        await deliver_notice(bot, failure.chat_ids,
                             archive_failure_text(failure, deps.settings.bot_language))
        return
    await deps.database.run(
        lambda s: status_files.record_archived(s, receipt.file_row_id, str(saved)))


async def download_to_archive(bot: Bot, file_id: str, path: Path) -> Path:
    """Download the file to `path` (or 'name (2).ext'… when that is taken); the path used.
    Raise ArchiveFailed (logged) when Telegram or the disk refused."""
    target: Path | None = None
    try:
        target = await asyncio.to_thread(_free_path, path)
        telegram_file = await bot.get_file(file_id)
        await telegram_file.download_to_drive(custom_path=target)
    except (TelegramError, OSError) as error:
        logger.warning("Could not archive file {} to {}: {}", file_id, path, error)
        if target is not None:
            with contextlib.suppress(OSError):
                target.unlink(missing_ok=True)  # the name claimed for it
        raise ArchiveFailed(str(error)[:REASON_SHOWN]) from error
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
