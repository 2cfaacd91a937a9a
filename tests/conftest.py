"""Fixtures shared by every test: databases (SQLite and a real PostgreSQL server)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

from tests.support.postgres_server import (
    PostgresServer,
    find_postgres_bindir,
    postgres_server_from_environment,
    start_postgres_server,
)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server for the whole run; skipped only where PostgreSQL is not installed."""
    configured = postgres_server_from_environment()
    if configured is not None:
        yield configured
        return
    bindir = find_postgres_bindir()
    if bindir is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL binaries are missing in CI; .ci/run must install them")
        pytest.skip("PostgreSQL is not installed on this machine (apt-get install postgresql)")
    server = start_postgres_server(bindir)
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
                 ) -> Iterator[str]:
    """An empty database of each supported kind, dropped after the test."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('sqlite')}/deadline-bot.sqlite3"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = f"test_{uuid.uuid4().hex[:12]}"
    server.execute(f"CREATE DATABASE {name}")
    yield server.url(name)
    server.execute(f"DROP DATABASE {name} WITH (FORCE)")
