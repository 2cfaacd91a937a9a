"""Updates acknowledged to Telegram are handled even if the process that took them dies.

The webhook stores each update with its payload before answering 200 (db.received_updates);
once its handlers have run, only its id is kept. Updates left unhandled are taken up again:
on SQLite (one process) all of them at start, since whoever took them is gone; on PostgreSQL
those taken more than REPLAY_AFTER ago, by whichever worker looks first, since a live worker
handles an update within seconds. Each is taken up at most MAX_REPLAYS times.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from loguru import logger
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from telegram import Update

from bot.app import BotApplication
from bot.dependencies import Dependencies
from db import received_updates
from db.advisory_lock import supports_advisory_locks
from db.session import Database

REPLAY_AFTER = timedelta(minutes=2)
REPLAY_INTERVAL = timedelta(minutes=1)
REPLAY_BATCH = 100
# An update whose handling kills the process every time would otherwise take down one worker
# after another; after this many replays it is left unhandled (and logged as an error).
MAX_REPLAYS = 3


async def mark_handled(database: Database, update: Update) -> None:
    """Keep only the update's id, now that its handlers have run."""
    try:
        await database.run(lambda s: received_updates.mark_handled(s, update.update_id))
    except SQLAlchemyError as error:
        logger.warning("Update {} handled but not marked so ({}); it may be handled again",
                       update.update_id, str(error).splitlines()[0])


def given_up(session: Session, now: datetime) -> int:
    """Updates acknowledged to Telegram that will never be handled: their last replay was
    REPLAY_AFTER ago and they are still unhandled (kept until pruned, for a person to look)."""
    return received_updates.count_given_up(session, now - REPLAY_AFTER, MAX_REPLAYS)


async def replay_unhandled(application: BotApplication, database: Database, now: datetime,
                           taken_before: datetime) -> int:
    """Queue the updates taken before `taken_before` and never handled; return how many."""
    taken = await database.run(lambda s: received_updates.take_unhandled(
        s, taken_before, now, REPLAY_BATCH, MAX_REPLAYS))
    for found in taken:
        if found.replays == MAX_REPLAYS:
            logger.error("Update {} taken up for the last time ({} tries); if it is not handled "
                         "now, it never will be", found.update_id, MAX_REPLAYS)
        data = json.loads(found.payload)
        await application.update_queue.put(Update.de_json(data, application.bot))
    if taken:
        logger.warning("{} updates acknowledged but never handled are handled now: {}",
                       len(taken), [found.update_id for found in taken])
    return len(taken)


async def start_replays(application: BotApplication, deps: Dependencies) -> None:
    """Take up unhandled updates now (call it before the webhook listens, so that nothing
    taken since is among them) and every REPLAY_INTERVAL."""
    assert application.job_queue is not None
    now = deps.clock()
    sole_process = not supports_advisory_locks(deps.settings.database_url)
    await _replay_safely(application, deps, now if sole_process else now - REPLAY_AFTER)

    async def replay(_context: object) -> None:
        await _replay_safely(application, deps, deps.clock() - REPLAY_AFTER)

    application.job_queue.run_repeating(replay, interval=REPLAY_INTERVAL, first=REPLAY_INTERVAL,
                                        name="received-updates-replay")


async def _replay_safely(application: BotApplication, deps: Dependencies,
                         taken_before: datetime) -> None:
    try:
        await replay_unhandled(application, deps.database, deps.clock(), taken_before)
    except SQLAlchemyError as error:
        logger.warning("Unhandled updates not checked ({}); trying again later",
                       str(error).splitlines()[0])
