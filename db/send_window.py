"""The bot's send window in the database: every process that sends for the bot takes its turns
here, so that together they keep one limit (bot.domain.send_window).

Each call locks the window's row for its short transaction (processes take turns in the order the
database grants the lock) and reads the time on the database server's clock, which every process
shares whatever its own clock says. Only PostgreSQL runs several processes; on SQLite (one
process, which keeps its window in memory) this works too, one call at a time.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.domain.send_window import Turn, WindowRule, WindowState
from db.dialect import insert_for
from db.models import SendWindow

BOT_WINDOW = "bot"
UNIX_EPOCH_JULIAN_DAY = 2440587.5


def start(session: Session, rule: WindowRule, name: str = BOT_WINDOW,
          monotonic: Callable[[], float] = time.monotonic) -> tuple[Turn, float]:
    """Count a message starting now if the window has room (the time it counts from, on the
    database's clock, is the key to `answered`); else count nothing and say how long to wait.
    Also return the caller's `monotonic` clock as the database read its own, after any wait for
    another process's turn: the message's round trip is timed from there."""
    row = _locked(session, name)
    now = database_now(session)
    read_at = monotonic()
    state = _state(row)
    turn = state.start(rule, now)
    if turn.started is not None:
        row.counted, row.unanswered = state.counted, state.unanswered
    return turn, read_at


def answered(session: Session, started: float, excess: float, name: str = BOT_WINDOW) -> None:
    """The message counted from `started` got its answer after a round trip `excess` seconds
    longer than the fastest: it counts from `started` + `excess`."""
    row = _locked(session, name)
    state = _state(row)
    state.answered(started, excess)
    row.counted, row.unanswered = state.counted, state.unanswered


def pause(session: Session, seconds: float, name: str = BOT_WINDOW) -> None:
    """Telegram answered 429 with `retry_after` = `seconds`: every process waits that long, then
    the window opens again step by step."""
    row = _locked(session, name)
    state = _state(row)
    state.pause(database_now(session), seconds)
    row.paused_until, row.ramp_from = state.paused_until, state.ramp_from


def database_now(session: Session) -> float:
    """Seconds since the epoch on the database server's clock, as it reads now (not at the start
    of the transaction)."""
    if session.get_bind().dialect.name == "postgresql":
        seconds = session.scalar(select(func.extract("epoch", func.clock_timestamp())))
    else:
        seconds = session.scalar(
            select((func.julianday("now") - UNIX_EPOCH_JULIAN_DAY) * 86400.0))
    assert seconds is not None
    return float(seconds)


def _locked(session: Session, name: str) -> SendWindow:
    """The window's row, locked until the transaction ends (made if it is missing)."""
    query = select(SendWindow).where(SendWindow.name == name).with_for_update()
    row = session.scalar(query)
    if row is None:
        session.execute(insert_for(session)(SendWindow)
                        .values(name=name, counted=[], unanswered=[]).on_conflict_do_nothing())
        row = session.scalars(query.execution_options(populate_existing=True)).one()
    return row


def _state(row: SendWindow) -> WindowState:
    return WindowState(list(row.counted), list(row.unanswered), row.paused_until, row.ramp_from)
