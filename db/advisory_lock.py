"""A PostgreSQL session-level advisory lock held on a connection of its own.

Session-level advisory locks belong to the server session, not to a transaction: the lock lasts
until it is unlocked or the session ends. So the lock must never sit on a pooled connection (it
would go back to the pool still held and leak to whoever borrows it next). It lives on a
dedicated connection of a one-connection engine (NullPool: closing it really closes the socket,
and the server drops the lock with the session), in autocommit so no transaction stays open.
When the process dies or the connection breaks, the server releases the lock by itself.
"""

from __future__ import annotations

import contextlib
import hashlib

from sqlalchemy import Connection, Engine, TextClause, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

# libpq settings for the lock's connection: fail fast rather than hang on a dead network, so the
# holder learns within seconds that it may have lost the lock.
LOCK_CONNECT_ARGS = {
    "connect_timeout": 5,
    "keepalives": 1,
    "keepalives_idle": 5,
    "keepalives_interval": 2,
    "keepalives_count": 2,
    "options": "-c statement_timeout=5000",
}

_HOLDS_LOCK = text(
    "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted"
    " AND pid = pg_backend_pid() AND objsubid = 1"
    " AND classid::bigint = :high AND objid::bigint = :low)")


_SESSIONS_FOR_LOCK = text(
    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
    " AND application_name = current_setting('application_name')")


class LockConnectionLost(Exception):
    """The lock's connection failed; whatever was held is held no more."""


def supports_advisory_locks(url: str) -> bool:
    """PostgreSQL has them; SQLite runs one process (db.process_lock) and needs none."""
    return make_url(url).get_backend_name() == "postgresql"


def advisory_key(name: str) -> int:
    """A stable positive 63-bit key for `name` (every process derives the same one)."""
    digest = hashlib.sha256(name.encode()).digest()
    return int.from_bytes(digest[:8], "big") >> 1


def wait_for_transaction_lock(connection: Connection | Session, name: str) -> None:
    """On PostgreSQL, wait until this transaction holds the advisory lock `name` (the server
    releases it at commit or rollback); on SQLite, where one process runs, do nothing."""
    bind = connection.get_bind() if isinstance(connection, Session) else connection
    if bind.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": advisory_key(name)})


def try_transaction_lock(session: Session, name: str) -> bool:
    """On PostgreSQL, take the advisory lock `name` for this transaction if no other session
    holds it (True) or give up at once (False); on SQLite, where one process runs, True."""
    if session.get_bind().dialect.name != "postgresql":
        return True
    taken = session.execute(text("SELECT pg_try_advisory_xact_lock(:key)"),
                            {"key": advisory_key(name)})
    return bool(taken.scalar())


class SessionAdvisoryLock:
    """One advisory lock on its own connection; every call is blocking (run it in a thread).

    Any database error closes the connection and raises LockConnectionLost; the next call opens
    a fresh one.
    """

    def __init__(self, url: str, name: str) -> None:
        self.name = name
        self.key = advisory_key(name)
        self._engine: Engine = create_engine(
            url, poolclass=NullPool, isolation_level="AUTOCOMMIT",
            connect_args={**LOCK_CONNECT_ARGS, "application_name": name[:63]})
        self._connection: Connection | None = None

    def try_acquire(self) -> bool:
        """Take the lock if no other session holds it; True if this session holds it now.

        pg_try_advisory_lock stacks (each success needs its own unlock), so it is only called
        when this session does not already hold the lock.
        """
        if self.is_held():
            return True
        return bool(self._scalar(text("SELECT pg_try_advisory_lock(:key)"), key=self.key))

    def is_held(self) -> bool:
        """Ask the server whether this session holds the lock (a cheap look at pg_locks)."""
        return bool(self._scalar(_HOLDS_LOCK, high=self.key >> 32, low=self.key & 0xFFFFFFFF))

    def count_sessions(self) -> int:
        """How many sessions of the database, this one included, were opened for this lock:
        one per live process that takes part (a dead process's session is gone)."""
        count = self._scalar(_SESSIONS_FOR_LOCK)
        return count if isinstance(count, int) else 0

    def close(self) -> None:
        """Unlock if possible and close the connection; the server frees the lock either way."""
        if self._connection is not None:
            with contextlib.suppress(SQLAlchemyError):  # else the session is gone, locks too
                self._connection.execute(text("SELECT pg_advisory_unlock_all()"))
            self._drop_connection()
        self._engine.dispose()

    def _scalar(self, statement: TextClause, **params: int) -> object:
        try:
            if self._connection is None:
                self._connection = self._engine.connect()
            return self._connection.execute(statement, params).scalar()
        except SQLAlchemyError as error:
            self._drop_connection()
            reason = str(getattr(error, "orig", None) or error).strip().splitlines()
            raise LockConnectionLost(reason[0] if reason else type(error).__name__) from None

    def _drop_connection(self) -> None:
        connection, self._connection = self._connection, None
        if connection is None:
            return
        with contextlib.suppress(SQLAlchemyError):
            connection.invalidate()  # never reuse the socket: a new session holds no lock
            connection.close()
