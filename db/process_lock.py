"""One process per SQLite file: an exclusive OS lock on `<database file>.lock`.

On SQLite the single process runs the scheduler and takes every claim, so a second process on
the same file would send reminders twice. The lock is `flock` (advisory, non-blocking) on a
file beside the database, held for the life of the process; the kernel drops it when the process
dies, however it dies, so a crash never leaves a stale lock behind. `flock` belongs to the open
file description: a second `open()` of the same file is refused even inside one process.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from types import TracebackType

from sqlalchemy.engine import make_url


class DatabaseInUse(Exception):
    """Another process holds the SQLite file; the message is one line for the operator."""

    def __init__(self, database_file: Path) -> None:
        self.database_file = database_file
        super().__init__(
            f"Another deadline-bot process is already using {database_file}; stop it first or "
            "use PostgreSQL to run several workers.")


class ProcessLock:
    """The held lock on one database file; `release()` (or leaving the `with`) lets it go."""

    def __init__(self, database_file: Path, descriptor: int) -> None:
        self.database_file = database_file
        self._descriptor: int | None = descriptor

    @property
    def held(self) -> bool:
        return self._descriptor is not None

    def release(self) -> None:
        if self._descriptor is not None:
            os.close(self._descriptor)  # closing the description drops the flock
            self._descriptor = None

    def __enter__(self) -> ProcessLock:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.release()


def sqlite_database_file(url: str) -> Path | None:
    """The file a SQLite URL names (resolved), or None for in-memory or non-SQLite databases."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database or ""
    if database.startswith("file:"):  # a URI filename: file:path?mode=… (query parsed apart)
        if parsed.query.get("mode") == "memory":
            return None
        database = database[len("file:"):]
    if not database or database == ":memory:":
        return None
    return Path(database).expanduser().resolve()


def lock_database_file(url: str) -> ProcessLock | None:
    """Take the process lock for a SQLite file database; None when no lock is needed
    (PostgreSQL, in-memory SQLite). Raises DatabaseInUse if another process holds it."""
    database_file = sqlite_database_file(url)
    if database_file is None:
        return None
    database_file.parent.mkdir(parents=True, exist_ok=True)
    lock_path = database_file.with_name(database_file.name + ".lock")
    descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(descriptor)
        raise DatabaseInUse(database_file) from None
    except BaseException:
        os.close(descriptor)
        raise
    return ProcessLock(database_file, descriptor)
