"""Throw-away databases for benchmarks that need several of them, and fresh copies of a seeded
one: a file per database on SQLite, `CREATE DATABASE … TEMPLATE` on PostgreSQL (the server named
by TEST_POSTGRESQL_URL, else one started from the machine's binaries with fsync off)."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import text

from db.session import Database
from tests.support.postgres_server import (
    PostgresServer,
    find_postgres_bindir,
    postgres_server_from_environment,
    start_postgres_server,
)


class DatabaseSource:
    """Makes databases by name on one engine (SQLite files or one PostgreSQL server)."""

    def __init__(self, kind: str, folder: Path, server: PostgresServer | None) -> None:
        self.kind, self.folder, self.server = kind, folder, server
        self.prefix = f"bench_{uuid.uuid4().hex[:8]}_"
        self.made: list[str] = []

    def new(self, name: str) -> str:
        """The URL of a new, empty database."""
        if self.server is None:
            return f"sqlite:///{self.folder / name}.sqlite3"
        self.server.execute(f"CREATE DATABASE {self.prefix}{name}")
        self.made.append(name)
        return self.server.url(self.prefix + name)

    def copy(self, source: str, name: str) -> str:
        """The URL of a new database holding what `source` holds (nothing may be connected to
        `source`: dispose of its engines first)."""
        if self.server is None:
            shutil.copyfile(self.folder / f"{source}.sqlite3", self.folder / f"{name}.sqlite3")
            return f"sqlite:///{self.folder / name}.sqlite3"
        self.server.execute(
            f"CREATE DATABASE {self.prefix}{name} TEMPLATE {self.prefix}{source}")
        self.made.append(name)
        return self.server.url(self.prefix + name)

    def drop(self, name: str) -> None:
        if self.server is None:
            (self.folder / f"{name}.sqlite3").unlink(missing_ok=True)
        else:
            self.server.execute(f"DROP DATABASE IF EXISTS {self.prefix}{name} WITH (FORCE)")
            self.made.remove(name)

    def version(self) -> str | None:
        """The PostgreSQL server's version (None on SQLite)."""
        if self.server is None:
            return None
        url = self.new("version")
        database = Database(url)
        try:
            return str(database.run_sync(lambda s: s.scalar(text("SHOW server_version"))))
        finally:
            database.dispose()
            self.drop("version")


@contextlib.contextmanager
def database_source(kind: str) -> Iterator[DatabaseSource]:
    """A source of `kind` ("sqlite" or "postgresql"); everything it made is gone on exit."""
    server: PostgresServer | None = None
    started = False
    if kind == "postgresql":
        server = postgres_server_from_environment()
        if server is None:
            bindir = find_postgres_bindir()
            if bindir is None:
                raise SystemExit("PostgreSQL is not installed (apt-get install postgresql), "
                                 "or set TEST_POSTGRESQL_URL")
            server, started = start_postgres_server(bindir), True
    with tempfile.TemporaryDirectory(prefix="bench-databases-") as folder:
        source = DatabaseSource(kind, Path(folder), server)
        try:
            yield source
        finally:
            for name in list(source.made):
                source.drop(name)
            if started and server is not None:
                server.stop()
