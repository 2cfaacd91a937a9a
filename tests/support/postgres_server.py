"""A throw-away PostgreSQL server for the test session, started from the machine's binaries.

`TEST_POSTGRESQL_URL` (a server you run yourself) wins; otherwise the binaries are looked up
(`pg_config --bindir`, then /usr/lib/postgresql/*/bin) and a cluster is created in a temporary
directory, listening on 127.0.0.1 only. PostgreSQL refuses to run as root, so as root the cluster
belongs to the `postgres` system user (present wherever the Debian package is installed).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import psycopg


def find_postgres_bindir() -> Path | None:
    """The directory holding initdb and pg_ctl, or None if PostgreSQL is not installed."""
    pg_config = shutil.which("pg_config")
    candidates: list[str] = []
    if pg_config:
        bindir = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
        candidates.append(bindir.stdout.strip())
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for candidate in candidates:
        if candidate and (Path(candidate) / "initdb").exists():
            return Path(candidate)
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class PostgresServer:
    """A running server; `url(db)` gives a SQLAlchemy URL for one of its databases."""

    host: str
    port: int
    user: str
    password: str
    data_dir: Path | None = None
    bindir: Path | None = None
    owner: str | None = None
    options: str = ""

    def url(self, database: str) -> str:
        return (f"postgresql+psycopg://{self.user}:{self.password}@{self.host}:{self.port}/"
                f"{database}")

    def execute(self, sql: str) -> None:
        """Run one statement outside a transaction (CREATE/DROP DATABASE) on the admin database."""
        with psycopg.connect(host=self.host, port=self.port, user=self.user,
                             password=self.password, dbname="postgres", autocommit=True) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def stop(self) -> None:
        if self.data_dir is None or self.bindir is None:
            return
        self._pg_ctl("-m", "immediate", "-w", "stop")
        shutil.rmtree(self.data_dir.parent, ignore_errors=True)

    def shut_down(self) -> None:
        """Stop the server cleanly (every session is cut; committed data is kept: with
        synchronous_commit off, an immediate stop could drop the last commits)."""
        self._pg_ctl("-m", "fast", "-w", "stop")

    def start_again(self) -> None:
        """Start the server shut down by `shut_down` on the same data and port."""
        assert self.data_dir is not None
        self._pg_ctl("-o", self.options, "-l", str(self.data_dir.parent / "server.log"),
                     "-w", "start")

    def _pg_ctl(self, *arguments: str) -> None:
        if self.data_dir is None or self.bindir is None:
            raise RuntimeError("only a server started by these tests can be stopped")
        _run_as(self.owner, [str(self.bindir / "pg_ctl"), "-D", str(self.data_dir), *arguments])


def _run_as(owner: str | None, command: list[str]) -> None:
    if owner is not None:
        command = ["runuser", "-u", owner, "--", *command]
    subprocess.run(command, check=True, capture_output=True, text=True)


def start_postgres_server(bindir: Path) -> PostgresServer:
    """initdb + pg_ctl start in a fresh temporary directory (fsync off: test data only)."""
    owner = "postgres" if os.geteuid() == 0 else None
    base = Path(tempfile.mkdtemp(prefix="deadline-bot-pg-"))
    data_dir = base / "data"
    if owner is not None:
        os.chmod(base, 0o755)
        os.chown(base, pwd.getpwnam(owner).pw_uid, pwd.getpwnam(owner).pw_gid)
    password_file = base / "password"
    password_file.write_text("test\n")
    os.chmod(password_file, 0o644)
    _run_as(owner, [str(bindir / "initdb"), "-D", str(data_dir), "-U", "test", "-A", "md5",
                    "--pwfile", str(password_file), "-E", "UTF8", "--locale", "C.UTF-8"])
    port = _free_port()
    options = (f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off "
               "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
    _run_as(owner, [str(bindir / "pg_ctl"), "-D", str(data_dir), "-o", options,
                    "-l", str(base / "server.log"), "-w", "start"])
    return PostgresServer("127.0.0.1", port, "test", "test", data_dir, bindir, owner, options)


def postgres_server_from_environment() -> PostgresServer | None:
    """The server named by TEST_POSTGRESQL_URL (user, password, host, port are used)."""
    url = os.environ.get("TEST_POSTGRESQL_URL")
    if not url:
        return None
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    return PostgresServer(parsed.host or "127.0.0.1", parsed.port or 5432,
                          parsed.username or "postgres", parsed.password or "")
