"""Settings: the public variable names, their defaults and one-line errors naming the variable."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from config.settings import (
    DEFAULT_DATABASE_URL,
    SettingsError,
    UnusedSetting,
    load_settings,
    unused_settings,
)

VALID_TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ_0123-45"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    for name in ("TELEGRAM_BOT_TOKEN", "TELEGRAM_API_BASE_URL", "DATABASE_URL", "BOT_TIMEZONE",
                 "BOT_ADMIN_IDS", "BOT_LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # type: ignore[arg-type]  # no stray .env


def test_defaults_match_the_documented_contract() -> None:
    settings = load_settings()
    assert settings.telegram_bot_token is None
    assert settings.telegram_api_base_url == "https://api.telegram.org/bot"
    assert settings.database_url == DEFAULT_DATABASE_URL
    assert settings.bot_timezone == ZoneInfo("Asia/Ho_Chi_Minh")
    assert settings.bot_admin_ids == ()
    assert settings.bot_language == "vi"


def test_values_are_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", VALID_TOKEN)
    monkeypatch.setenv("BOT_ADMIN_IDS", " 11, 22 ,33")
    monkeypatch.setenv("BOT_LANGUAGE", "en")
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://bot:pw@db.local/bot")
    settings = load_settings()
    assert settings.token == VALID_TOKEN
    assert settings.bot_admin_ids == (11, 22, 33)
    assert settings.bot_language == "en"
    assert settings.database_url.startswith("postgresql+psycopg://")


def test_values_are_read_from_a_dotenv_file(tmp_path: object) -> None:
    from pathlib import Path

    Path(".env").write_text("BOT_TIMEZONE=Asia/Bangkok\nBOT_ADMIN_IDS=5\n", encoding="utf-8")
    settings = load_settings()
    assert settings.bot_timezone == ZoneInfo("Asia/Bangkok")
    assert settings.bot_admin_ids == (5,)


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("BOT_TIMEZONE", "Mars/Olympus", "BOT_TIMEZONE: unknown time zone 'Mars/Olympus'"),
        ("BOT_ADMIN_IDS", "12,abc", "BOT_ADMIN_IDS: 'abc' is not a Telegram user id"),
        ("DATABASE_URL", "::not a url::", "DATABASE_URL: malformed URL"),
        ("DATABASE_URL", "mysql://u@h/d", "DATABASE_URL: unsupported database 'mysql'"),
        ("TELEGRAM_BOT_TOKEN", "hello", "TELEGRAM_BOT_TOKEN: not a bot token"),
        ("TELEGRAM_API_BASE_URL", "ftp://x", "TELEGRAM_API_BASE_URL: must be an http(s) URL"),
        ("BOT_LANGUAGE", "fr", "BOT_LANGUAGE: Input should be 'vi' or 'en'"),
    ],
)
def test_a_bad_value_gives_one_line_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, expected: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as raised:
        load_settings()
    assert str(raised.value).startswith(expected)
    assert "\n" not in str(raised.value)


def test_the_token_is_required_only_where_the_bot_runs() -> None:
    settings = load_settings()
    with pytest.raises(SettingsError, match="TELEGRAM_BOT_TOKEN: required"):
        _ = settings.token


def test_settings_no_longer_read_are_found_in_the_dotenv_file_and_the_environment(
    tmp_path: Path
) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("TELEGRAM_BOT_TOKEN=123456:ABCdefGHIjklMNOpqrSTUvwxYZ_0123-45\n"
                        "BOT_SEND_CONCURRENCY=4\nBOT_SEND_RATE=20\nbot_languge=en\n")
    environ = {"BOT_SEND_CONCURRENCY": "2", "BOT_LOG_LEVEL": "DEBUG", "WEB_PORTT": "8082",
               "PATH": "/usr/bin", "TELEGRAM_BOT_TOKEN": "x"}
    found = unused_settings(env_file, environ)
    assert [(unused.name, unused.source) for unused in found] == [
        ("BOT_LANGUGE", ".env"), ("BOT_SEND_CONCURRENCY", ".env"), ("WEB_PORTT", "environment")]
    assert found[1].hint.startswith("BOT_SEND_MAX_IN_FLIGHT replaced it")
    assert found[0].hint == found[2].hint == ""
    assert unused_settings(tmp_path / "absent.env", {}) == []
    assert load_settings(_env_file=env_file).bot_send_rate == 20  # the others still load


def test_only_what_no_setting_reads_is_reported(tmp_path: Path) -> None:
    every_setting = {name.upper(): "1" for name in
                     ("telegram_bot_token", "database_url", "bot_send_max_in_flight",
                      "webhook_secret", "web_base_url")}
    assert unused_settings(None, every_setting) == []
    assert unused_settings(None, {"BOT_SEND_CONCURRENCY": "1"}) == [UnusedSetting(
        "BOT_SEND_CONCURRENCY", "environment",
        "BOT_SEND_MAX_IN_FLIGHT replaced it: the reminder sender now keeps as many sends in "
        "flight as the round trip to Telegram needs")]
