"""The engine and the unit of work: one session, one transaction, one commit per update or job."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

import db.revisions  # noqa: F401  (registers the events that raise the province revision)

T = TypeVar("T")


class DatabaseUnavailable(Exception):
    """The database cannot be reached or opened; the message says why in one line."""


def _prepare_sqlite_file(url: str) -> None:
    database = make_url(url).database
    if database and database != ":memory:" and not database.startswith("file:"):
        from pathlib import Path

        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def create_database_engine(url: str) -> Engine:
    """An engine with the project's settings for SQLite (WAL, foreign keys) or PostgreSQL."""
    if make_url(url).get_backend_name() == "sqlite":
        _prepare_sqlite_file(url)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _configure_sqlite)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)


class Database:
    """The process's handle on the database: engine plus units of work."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = create_database_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def check_connection(self) -> None:
        """Raise DatabaseUnavailable with a one-line reason if the database cannot be used."""
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except SQLAlchemyError as error:
            reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
            raise DatabaseUnavailable(reason) from None

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """A session in a transaction: committed if the block succeeds, rolled back otherwise."""
        with self._sessions() as session, session.begin():
            yield session

    def run_sync(self, work: Callable[[Session], T]) -> T:
        """Run `work` in its own unit of work and return its result."""
        with self.unit_of_work() as session:
            return work(session)

    async def run(self, work: Callable[[Session], T]) -> T:
        """Run `work` in its own unit of work on a worker thread, keeping the event loop free."""
        return await asyncio.to_thread(self.run_sync, work)

    def dispose(self) -> None:
        self.engine.dispose()
