"""Fixtures shared by every test: databases (SQLite and a real PostgreSQL server)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from db.migrate import upgrade_to_head
from db.session import Database
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


@pytest.fixture(scope="session")
def migrated_postgres_template(postgres_server: PostgresServer) -> str:
    """A database migrated to the head once, copied for each test: migrating every test's
    PostgreSQL database took about 0.4 s each. Nothing connects to it after this."""
    name = f"template_{uuid.uuid4().hex[:12]}"
    postgres_server.execute(f"CREATE DATABASE {name}")
    database = Database(postgres_server.url(name))
    upgrade_to_head(database)
    database.dispose()
    return name


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """An empty SQLite database, for tests of what does not depend on the database (the web
    server's limits and headers), which need not run twice."""
    return f"sqlite:///{tmp_path}/deadline-bot.sqlite3"


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
                 ) -> Iterator[str]:
    """A database of each supported kind, dropped after the test: on SQLite an empty file, on
    PostgreSQL one with the schema already migrated but no data (the bot migrates an empty one
    itself; tests marked `empty_database` get an empty one there too)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('sqlite')}/deadline-bot.sqlite3"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = f"test_{uuid.uuid4().hex[:12]}"
    if request.node.get_closest_marker("empty_database"):
        server.execute(f"CREATE DATABASE {name}")
    else:
        template = request.getfixturevalue("migrated_postgres_template")
        server.execute(f"CREATE DATABASE {name} TEMPLATE {template}")
    yield server.url(name)
    server.execute(f"DROP DATABASE {name} WITH (FORCE)")
