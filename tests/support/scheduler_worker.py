"""One worker of the fail-over tests: the reminder runner under a leader election, nothing else.

`python -m tests.support.scheduler_worker` with the bot's usual environment (DATABASE_URL,
TELEGRAM_BOT_TOKEN, TELEGRAM_API_BASE_URL, BOT_…) plus WORKER_ELECTION_PERIOD (seconds). The
database must already be migrated and seeded. It runs what `deadline-bot run` runs for
reminders — a PTB Application for the JobQueue, the sender's own Bot, the runner — under
`leader_election`, without polling for updates, until SIGTERM.
"""

from __future__ import annotations

import asyncio
import os
import signal

from loguru import logger
from telegram.ext import ApplicationBuilder

from bot.clock import system_clock
from bot.dependencies import Dependencies
from bot.logging_setup import configure_logging
from config.province import load_province
from config.settings import load_settings
from db.session import Database
from scheduler.leader import leader_election
from scheduler.runner import build_reminder_runner
from scheduler.sender import reminder_sender_bot


async def run_worker(period: float) -> None:
    settings = load_settings()
    configure_logging(settings.bot_log_level, secrets=[settings.token])
    database = Database(settings.database_url)
    deps = Dependencies(settings=settings, database=database, clock=system_clock,
                        province=load_province(settings.bot_province_file))
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    application = (ApplicationBuilder().token(settings.token)
                   .base_url(settings.telegram_api_base_url).build())
    async with application, reminder_sender_bot(settings) as sender_bot, \
            leader_election(settings.database_url, period) as leader:
        await application.start()
        assert application.job_queue is not None
        runner = build_reminder_runner(deps, application.job_queue, sender_bot, leader)
        await runner.start(previous_process_dead=False)
        logger.info("Worker {} ready", os.getpid())
        await stop.wait()
        await runner.stop()
        await application.stop()
    database.dispose()


if __name__ == "__main__":
    asyncio.run(run_worker(float(os.environ.get("WORKER_ELECTION_PERIOD", "2"))))
