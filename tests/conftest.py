"""Fixtures shared by every test: databases (SQLite and a real PostgreSQL server).

Under pytest-xdist (`-n`, as scripts/test runs) the controlling process starts one throw-away
PostgreSQL server before the workers and hands its address to them in TEST_POSTGRESQL_URL; each
worker migrates its own template database and gives every test a database of its own, so
workers never share one. Tests that stop a server start their own (test_scheduler_failover).
"""

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


def pytest_configure(config: pytest.Config) -> None:
    """On the xdist controller: start the server the workers share (they inherit the URL)."""
    if not _is_xdist_controller(config) or postgres_server_from_environment() is not None:
        return
    bindir = find_postgres_bindir()
    if bindir is None:
        return  # each worker skips or fails its PostgreSQL tests as a single process would
    server = start_postgres_server(bindir)
    config.stash[_SHARED_SERVER] = server
    os.environ["TEST_POSTGRESQL_URL"] = server.url("postgres")


def pytest_unconfigure(config: pytest.Config) -> None:
    server = config.stash.get(_SHARED_SERVER, None)
    if server is not None:
        os.environ.pop("TEST_POSTGRESQL_URL", None)
        server.stop()


def _is_xdist_controller(config: pytest.Config) -> bool:
    workers = getattr(config.option, "numprocesses", None)
    return bool(workers) and not hasattr(config, "workerinput")


_SHARED_SERVER = pytest.StashKey[PostgresServer]()


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
