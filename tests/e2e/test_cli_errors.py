"""The command line as an operator meets it: bad settings give one line and exit code 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

VALID_TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ_0123-45"


def run_cli(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith(("TELEGRAM_", "BOT_", "DATABASE_URL"))}
    clean.update(env)
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=tmp_path, env=clean,
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "TELEGRAM_BOT_TOKEN: required to run the bot"),
        ({"TELEGRAM_BOT_TOKEN": "nonsense"}, "TELEGRAM_BOT_TOKEN: not a bot token"),
        ({"TELEGRAM_BOT_TOKEN": VALID_TOKEN, "DATABASE_URL": "oracle://x"},
         "DATABASE_URL: unsupported database 'oracle'"),
        ({"TELEGRAM_BOT_TOKEN": VALID_TOKEN,
          "DATABASE_URL": "postgresql+psycopg://u:p@127.0.0.1:1/none"},
         "DATABASE_URL: cannot open the database"),
        ({"TELEGRAM_BOT_TOKEN": VALID_TOKEN, "BOT_TIMEZONE": "Asia/Atlantis"},
         "BOT_TIMEZONE: unknown time zone 'Asia/Atlantis'"),
        ({"TELEGRAM_BOT_TOKEN": VALID_TOKEN, "BOT_ADMIN_IDS": "1;2"},
         "BOT_ADMIN_IDS: '1;2' is not a Telegram user id"),
    ],
)
def test_run_with_a_bad_setting_exits_2_with_one_line_and_no_traceback(
    tmp_path: Path, env: dict[str, str], expected: str
) -> None:
    result = run_cli(tmp_path, "run", **env)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"deadline-bot: configuration error: {expected}")
    assert "Traceback" not in result.stderr + result.stdout


def test_db_upgrade_creates_the_database_and_is_idempotent(tmp_path: Path) -> None:
    first = run_cli(tmp_path, "db", "upgrade")
    second = run_cli(tmp_path, "db", "upgrade")
    assert first.returncode == 0, first.stderr
    assert "(was empty)" in first.stdout
    assert (tmp_path / "data" / "deadline-bot.sqlite3").exists()
    assert second.returncode == 0 and "(was" not in second.stdout


@pytest.mark.parametrize("args", [["--help"], ["run", "--help"], ["db", "--help"],
                                  ["db", "upgrade", "--help"]])
def test_every_command_has_help(tmp_path: Path, args: list[str]) -> None:
    result = run_cli(tmp_path, *args)
    assert result.returncode == 0
    assert result.stdout.startswith("usage: ")


def test_a_retired_setting_in_the_dotenv_file_gets_one_warning_at_start(tmp_path: Path) -> None:
    """BOT_SEND_CONCURRENCY is no longer read (BOT_SEND_MAX_IN_FLIGHT replaced it)."""
    (tmp_path / ".env").write_text("BOT_SEND_CONCURRENCY=4\n")
    result = run_cli(tmp_path, "db", "upgrade")
    warnings = [line for line in result.stderr.splitlines() if "WARNING" in line]
    assert result.returncode == 0, result.stderr
    assert len(warnings) == 1
    assert ("BOT_SEND_CONCURRENCY (set in the .env) is no longer used and is ignored: "
            "BOT_SEND_MAX_IN_FLIGHT replaced it") in warnings[0]
