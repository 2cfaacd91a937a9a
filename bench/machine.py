"""The machine a benchmark ran on, in one line per fact."""

from __future__ import annotations

import os
import platform
import sqlite3
import subprocess
from importlib import metadata
from pathlib import Path


def _first_line_with(path: str, prefix: str) -> str | None:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(prefix):
                return line.split(":", 1)[1].strip() if ":" in line else line
    except OSError:
        return None
    return None


def _os_name() -> str:
    pretty = _first_line_with("/etc/os-release", "PRETTY_NAME=")
    name = pretty.split("=", 1)[1].strip('"') if pretty else platform.system()
    return f"{name}, kernel {platform.release()}"


def _memory() -> str:
    total = _first_line_with("/proc/meminfo", "MemTotal")
    if total is None:
        return "unknown"
    return f"{int(total.split()[0]) / 2**20:.1f} GiB"


def postgresql_version(bindir: Path | None) -> str | None:
    """The version of the PostgreSQL server binaries, if installed."""
    if bindir is None:
        return None
    result = subprocess.run([str(bindir / "postgres"), "--version"], capture_output=True,
                            text=True, check=False)
    # "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"
    return result.stdout.strip().removeprefix("postgres (PostgreSQL)").strip() or None


def describe_machine(postgresql: str | None) -> dict[str, str]:
    """CPU, cores, memory, OS and the versions that matter to the figures."""
    cpu = _first_line_with("/proc/cpuinfo", "model name") or platform.processor() or "unknown"
    return {
        "CPU": cpu,
        "Cores": str(os.cpu_count()),
        "RAM": _memory(),
        "OS": _os_name(),
        "Python": platform.python_version(),
        "SQLite": sqlite3.sqlite_version,
        "PostgreSQL": postgresql or "not used",
        "python-telegram-bot": metadata.version("python-telegram-bot"),
        "SQLAlchemy": metadata.version("SQLAlchemy"),
        "uvicorn": metadata.version("uvicorn"),
    }
