"""Logging: the token never reaches a sink, library logs are routed into loguru."""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path

import pytest
from loguru import logger

from bot.app import build_application
from bot.lifecycle import prepare
from bot.logging_setup import configure_logging
from config.settings import load_settings
from scheduler.background import BackgroundTasks

TOKEN = "123456789:AAFakeTokenForDeadlineBotTests_0123456789"


@pytest.fixture(autouse=True)
def restore_logging() -> object:
    yield
    configure_logging("WARNING")


def test_the_token_is_hidden_in_console_and_json_sinks(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    json_file = tmp_path / "bot.jsonl"
    configure_logging("DEBUG", json_file, secrets=[TOKEN])
    logger.info("POST https://api.telegram.org/bot{}/getMe", TOKEN)
    logging.getLogger("telegram.ext").warning("Failed: https://api.telegram.org/bot%s/x", TOKEN)
    try:
        raise ConnectionError(f"cannot reach https://api.telegram.org/bot{TOKEN}/getUpdates")
    except ConnectionError:
        logger.exception("Polling failed")
    logger.complete()
    console = capsys.readouterr().err
    records = [json.loads(line) for line in json_file.read_text().splitlines()]
    assert "Logging error" not in console
    assert "tests.unit.test_logging POST https://api.telegram.org/bot<token>/getMe" in console
    assert "Failed: https://api.telegram.org/bot<token>/x" in console
    assert TOKEN not in console
    assert all(TOKEN not in r["text"] and TOKEN not in r["record"]["message"] for r in records)
    assert len(records) == 3
    assert "bot<token>/getUpdates" in console  # the traceback too


def test_httpx_request_lines_are_not_logged_at_info(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("INFO", secrets=[TOKEN])
    logging.getLogger("httpx").info("HTTP Request: POST https://api.telegram.org/bot%s/x", TOKEN)
    assert "HTTP Request" not in capsys.readouterr().err


def test_python_multipart_leaves_a_malformed_form_to_the_dashboards_one_warning(
    capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging("INFO")
    logging.getLogger("python_multipart.multipart").warning("Expected boundary character 45")
    logging.getLogger("python_multipart.multipart").error("Something it cannot go on from")
    console = capsys.readouterr().err
    assert "Expected boundary" not in console
    assert "cannot go on from" in console


def test_update_context_is_shown_on_each_line(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("INFO")
    with logger.contextualize(update_id=42, user_id=7):
        logger.info("handled")
    assert "[update_id=42 user_id=7] handled" in capsys.readouterr().err


def test_library_lines_are_named_after_their_logger(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("INFO")
    with logger.contextualize(job="digest"):
        logging.getLogger("telegram.ext.Updater").warning("Network is down")
    line = capsys.readouterr().err.strip()
    assert line.endswith("telegram.ext.Updater [job=digest] Network is down")
    assert " logging " not in line


async def test_a_job_scheduled_while_an_update_is_handled_logs_as_the_job(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = load_settings(_env_file=None, telegram_bot_token=TOKEN,
                             database_url=f"sqlite:///{tmp_path}/bot.sqlite3")
    application = build_application(prepare(settings))
    configure_logging("INFO")
    job_queue = application.job_queue
    assert job_queue is not None
    ran = asyncio.Event()

    async def remind(_context: object) -> None:
        logger.info("Reminders due")
        ran.set()

    await job_queue.start()
    try:
        with logger.contextualize(update_id=42, user_id=7):
            job_queue.run_once(remind, when=0.01, name="reminders-tick")
        await asyncio.wait_for(ran.wait(), 5)
    finally:
        await job_queue.stop()
    line = capsys.readouterr().err.strip().splitlines()[-1]
    assert line.endswith("[job=reminders-tick] Reminders due")


async def test_background_work_started_while_an_update_is_handled_logs_as_its_own(
    capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging("INFO")
    tasks = BackgroundTasks("Reminder work")

    async def plan() -> None:
        logger.info("Reminders planned")

    with logger.contextualize(update_id=42):
        tasks.start(plan())
    await tasks.idle()
    line = capsys.readouterr().err.strip().splitlines()[-1]
    assert line.endswith("[job=Reminder work] Reminders planned")
