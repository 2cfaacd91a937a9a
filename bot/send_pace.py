"""The pace of everything the bot sends: reminders, replies and notices take their turns in one
strict window (bot.domain.send_window), so that no one-second window holds more than
BOT_SEND_RATE of the bot's messages, whichever process sends them.

- One process sending for the bot (SQLite) keeps the window in memory (`LocalSendPace`).
- Several processes (PostgreSQL) share one window in the database (`DatabaseSendPace`,
  db.send_window): each message takes its place in a short transaction on the database's
  clock, and another records when its answer came.
  If the database cannot be reached, a process falls back to a window in memory holding its
  equal share of the limit (the limit / the live workers, counted by the leader election), as
  the replies were paced before the window was shared.

Within a process, turns are taken first come, first served: a reply asked for during a reminder
fan-out goes out at the next free place, less than a second later.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from functools import partial
from typing import Protocol

from loguru import logger
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

import db.send_window
from bot.domain.send_window import RoundTrips, WindowRule, WindowState
from db.session import Database


class SendPace(Protocol):
    """What a sender asks of the pace."""

    rule: WindowRule
    # How many processes answer for the bot now; set by whoever knows (the leader election).
    count_workers: Callable[[], int]

    @property
    def messages_per_second(self) -> float:
        """This process's limit per second: the whole limit, or its share of it."""
        ...

    def sending(self) -> AbstractAsyncContextManager[None]:
        """Wait for a turn, then send in the block: the message counts from its start, and,
        once the block is over (its answer came, or it failed), from its start plus any excess
        of its round trip over the fastest."""
        ...

    async def rate_limited(self, retry_after: float) -> None:
        """Telegram answered 429: nobody sends for `retry_after` seconds, then the window opens
        again step by step."""
        ...


class LocalSendPace:
    """The window in this process's memory, on its monotonic clock: the bot's whole limit when
    this is the only process sending, else this process's equal share of it."""

    def __init__(self, rule: WindowRule | None = None,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.rule = rule or WindowRule()
        self.count_workers: Callable[[], int] = lambda: 1
        self._monotonic = monotonic
        self._window = WindowState()
        self._round_trips = RoundTrips()
        self._turns = asyncio.Lock()  # first come, first served
        self._workers = 1

    @property
    def messages_per_second(self) -> float:
        return self.rule.limit / self.rule.seconds / self._workers

    @contextlib.asynccontextmanager
    async def sending(self) -> AsyncIterator[None]:
        started = await self._turn()
        began = self._monotonic()
        try:
            yield
        finally:
            self._window.answered(
                started, self._round_trips.excess(self._monotonic() - began))

    async def rate_limited(self, retry_after: float) -> None:
        self._window.pause(self._monotonic(), retry_after)

    async def _turn(self) -> float:
        async with self._turns:
            while (turn := self._window.start(self._share(), self._monotonic())).started is None:
                await asyncio.sleep(turn.wait)
            return turn.started

    def _share(self) -> WindowRule:
        workers = max(1, self.count_workers())
        if workers != self._workers:
            self._workers = workers
            logger.info("Messages paced at {:.1f}/s here: {} of the bot's limit (processes "
                        "answering for the bot: {})", self.messages_per_second,
                        f"1/{workers}", workers)
        return self.rule if workers == 1 else self.rule.shared_by(workers)


class DatabaseSendPace:
    """The window in the database, shared by every process sending for the bot."""

    def __init__(self, database: Database, rule: WindowRule | None = None) -> None:
        self.database = database
        self.rule = rule or WindowRule()
        self._fallback = LocalSendPace(self.rule)
        self._round_trips = RoundTrips()
        self._turns = asyncio.Lock()  # this process's messages ask the database one at a time
        self._database_failing = False

    @property
    def count_workers(self) -> Callable[[], int]:
        return self._fallback.count_workers

    @count_workers.setter
    def count_workers(self, count: Callable[[], int]) -> None:
        self._fallback.count_workers = count

    @property
    def messages_per_second(self) -> float:
        return self.rule.limit / self.rule.seconds

    @contextlib.asynccontextmanager
    async def sending(self) -> AsyncIterator[None]:
        turn: tuple[float, float] | None = None
        try:
            turn = await self._turn()
        except SQLAlchemyError as error:
            self._database_failed(error)
        if turn is None:
            async with self._fallback.sending():
                yield
            return
        started, began = turn
        try:
            yield
        finally:
            excess = self._round_trips.excess(time.monotonic() - began)
            await self._in_database(partial(db.send_window.answered, started=started,
                                            excess=excess))

    async def rate_limited(self, retry_after: float) -> None:
        await self._fallback.rate_limited(retry_after)
        await self._in_database(partial(db.send_window.pause, seconds=retry_after))

    async def _turn(self) -> tuple[float, float]:
        """Ask the database until it gives a turn: when the message counts from (its clock),
        and when that was on this process's clock. The round trip is timed from there, so that
        however long the message took to leave after it (the commit, the way back to the event
        loop) is part of its excess, and a wait for another process's turn before it is not."""
        async with self._turns:
            while True:
                turn, granted = await self.database.run(
                    partial(db.send_window.start, rule=self.rule))
                self._database_answered()
                if turn.started is not None:
                    return turn.started, granted
                await asyncio.sleep(turn.wait)

    async def _in_database(self, work: Callable[[Session], None]) -> None:
        try:
            await self.database.run(work)
        except SQLAlchemyError as error:
            self._database_failed(error)

    def _database_failed(self, error: SQLAlchemyError) -> None:
        if not self._database_failing:
            self._database_failing = True
            reason = str(getattr(error, "orig", None) or error).strip().splitlines()
            logger.warning("The shared send window is out of reach ({}); pacing this "
                           "process's messages at its share of the limit",
                           reason[0] if reason else type(error).__name__)

    def _database_answered(self) -> None:
        if self._database_failing:
            self._database_failing = False
            logger.info("The shared send window is back")


def send_pace_for(database: Database, messages_per_second: float) -> SendPace:
    """The pace of this process's messages: shared through the database where several processes
    may send for the bot (PostgreSQL), in memory otherwise."""
    rule = WindowRule.per_second(messages_per_second)
    if database.engine.dialect.name == "postgresql":
        return DatabaseSendPace(database, rule)
    return LocalSendPace(rule)
