"""Settings from the environment and an optional `.env` file; nothing else reads the environment.

The variable names are a public contract (README, deployment scripts): each field name is its
environment variable, lower-cased.
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import dotenv_values
from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from bot.domain.calendar import DueDatePolicy
from bot.domain.digest_schedule import DEFAULT_WEEKLY_SLOT, WeeklySlot, parse_weekly_slot

DEFAULT_DATABASE_URL = "sqlite:///./data/deadline-bot.sqlite3"
SUPPORTED_DATABASE_DRIVERS = ("sqlite", "sqlite+pysqlite", "postgresql+psycopg")
_TOKEN_PATTERN = re.compile(r"^\d+:[A-Za-z0-9_-]{20,}$")
_WEBHOOK_SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")  # what setWebhook accepts
_LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
DEFAULT_WEB_BASE_URL = "http://127.0.0.1:8081"

Language = Literal["vi", "en"]
# Settings earlier versions read and this one does not: a .env or an environment still setting
# them gets a warning at start saying what took their place (their value is ignored).
RETIRED_SETTINGS = {
    "BOT_SEND_CONCURRENCY": "BOT_SEND_MAX_IN_FLIGHT replaced it: the reminder sender now keeps as "
                            "many sends in flight as the round trip to Telegram needs",
}
# An environment variable with one of these prefixes is meant for this bot.
SETTING_PREFIXES = ("TELEGRAM_", "BOT_", "WEBHOOK_", "WEB_", "DATABASE_")


class Settings(BaseSettings):
    """Validated configuration of one bot process."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    database_url: str = DEFAULT_DATABASE_URL
    bot_timezone: ZoneInfo = ZoneInfo("Asia/Ho_Chi_Minh")
    bot_admin_ids: Annotated[tuple[int, ...], NoDecode] = ()
    bot_language: Language = "vi"
    bot_log_level: Literal["TRACE", "DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    bot_log_json_file: Path | None = None
    bot_reminder_time: time = time(8, 0)
    bot_due_date_policy: DueDatePolicy = DueDatePolicy.NEXT_WORKING_DAY
    bot_province_file: Path | None = None
    # The bot's messages in any one second, reminders and replies together, from every process
    # (Telegram allows 30 per bot); a strict sliding window with a margin (bot.send_pace).
    bot_send_rate: Annotated[float, Field(gt=0, le=30)] = 30.0
    # Most reminder sends in flight at once: the sender keeps as many as the measured round trip
    # needs for the rate (1 over a fast link, ~15 at 400 ms); a killed process may leave that
    # many possible duplicates.
    bot_send_max_in_flight: Annotated[int, Field(ge=1, le=32)] = 16
    # Several workers on PostgreSQL: how often each checks who runs the scheduler (seconds); a
    # dead leader is replaced within about 4 periods.
    bot_leader_period: Annotated[float, Field(ge=0.01, le=60)] = 2.0
    # Weekly digest to the provincial office while any report is open ('mon 08:00'); empty: off.
    bot_weekly_digest: Annotated[WeeklySlot | None, NoDecode] = DEFAULT_WEEKLY_SLOT
    # Files attached to reports: larger ones are refused (Telegram lets bots download 20 MB; a
    # local Bot API server, 2000 MB). With an archive folder, the bot keeps a copy of each.
    bot_max_file_mb: Annotated[int, Field(ge=1, le=2000)] = 20
    bot_archive_dir: Path | None = None
    # Webhook mode (`run --webhook`): the public URL Telegram posts to (TLS ends at the reverse
    # proxy in front), the secret Telegram sends back with each post, where this process listens.
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: Annotated[int, Field(ge=1, le=65535)] = 8080
    # The office's dashboard: where this process serves it in polling mode (webhook mode serves
    # it on the webhook server), and the public address its login links and Mini App button use.
    web_listen: str = "127.0.0.1"
    web_port: Annotated[int, Field(ge=1, le=65535)] = 8081
    web_base_url: str = DEFAULT_WEB_BASE_URL

    @field_validator("telegram_bot_token")
    @classmethod
    def _token_looks_like_a_bot_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not _TOKEN_PATTERN.match(value.get_secret_value()):
            raise ValueError("not a bot token (expected <digits>:<secret> as given by @BotFather)")
        return value

    @field_validator("telegram_api_base_url")
    @classmethod
    def _base_url_is_http(cls, value: str) -> str:
        if not re.match(r"^https?://[^\s/]+", value):
            raise ValueError("must be an http(s) URL such as https://api.telegram.org/bot")
        return value

    @field_validator("database_url")
    @classmethod
    def _database_url_is_supported(cls, value: str) -> str:
        try:
            url = make_url(value)
        except ArgumentError:
            raise ValueError(f"malformed URL {value!r}") from None
        if url.drivername not in SUPPORTED_DATABASE_DRIVERS:
            supported = ", ".join(f"{d}://" for d in SUPPORTED_DATABASE_DRIVERS)
            raise ValueError(f"unsupported database {url.drivername!r} (use {supported})")
        return value

    @field_validator("bot_timezone", mode="before")
    @classmethod
    def _known_timezone(cls, value: object) -> object:
        if isinstance(value, str):
            try:
                return ZoneInfo(value)
            except (ZoneInfoNotFoundError, ValueError):
                raise ValueError(f"unknown time zone {value!r}") from None
        return value

    @field_validator("bot_admin_ids", mode="before")
    @classmethod
    def _comma_separated_ids(cls, value: object) -> object:
        if isinstance(value, int):
            return (value,)
        if not isinstance(value, str):
            return value
        ids: list[int] = []
        for part in (p.strip() for p in value.split(",")):
            if not part:
                continue
            if not re.fullmatch(r"\d{1,19}", part):
                raise ValueError(f"{part!r} is not a Telegram user id (digits only)")
            ids.append(int(part))
        return tuple(ids)

    @field_validator("bot_weekly_digest", mode="before")
    @classmethod
    def _weekly_slot(cls, value: object) -> object:
        return parse_weekly_slot(value) if isinstance(value, str) else value

    @field_validator("bot_province_file")
    @classmethod
    def _province_file_exists(cls, value: Path | None) -> Path | None:
        if value is not None and not value.is_file():
            raise ValueError(f"no such file {str(value)!r}")
        return value

    @field_validator("bot_archive_dir", mode="before")
    @classmethod
    def _empty_archive_dir_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("bot_archive_dir")
    @classmethod
    def _archive_dir_is_a_folder(cls, value: Path | None) -> Path | None:
        if value is not None and value.exists() and not value.is_dir():
            raise ValueError(f"{str(value)!r} exists and is not a folder")
        return value

    @field_validator("webhook_url", "webhook_secret", mode="before")
    @classmethod
    def _empty_webhook_value_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("webhook_url")
    @classmethod
    def _webhook_url_is_https(cls, value: str | None) -> str | None:
        if value is None:
            return None
        match = re.match(r"^(https?)://([^\s/:]+|\[[^\]]+\])(:\d+)?(/\S*)?$", value)
        if match is None:
            raise ValueError("must be a URL such as https://bot.example.gov.vn/telegram")
        # Telegram only posts to https; plain http is for tests on this machine.
        if match.group(1) == "http" and match.group(2) not in _LOOPBACK_HOSTS:
            raise ValueError("must be https (Telegram posts only to https URLs)")
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _webhook_secret_is_allowed(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not _WEBHOOK_SECRET_PATTERN.match(value.get_secret_value()):
            raise ValueError("must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
        return value

    @field_validator("web_base_url")
    @classmethod
    def _web_base_url_is_http(cls, value: str) -> str:
        if not re.fullmatch(r"https?://([^\s/:?#]+|\[[^\]\s]+\])(:\d+)?(/[^\s?#]*)?", value):
            raise ValueError("must be a URL such as https://bot.example.gov.vn/dashboard")
        return value.rstrip("/")

    @field_validator("webhook_listen", "web_listen")
    @classmethod
    def _listen_is_an_address(cls, value: str) -> str:
        try:
            ipaddress.ip_address(value)
        except ValueError:
            if not re.fullmatch(r"[A-Za-z0-9.-]{1,253}", value):
                raise ValueError(f"{value!r} is not an IP address or host name") from None
        return value

    @property
    def webhook(self) -> WebhookEndpoint:
        """Where Telegram posts and with which secret; only call in webhook mode."""
        if self.webhook_url is None:
            raise MissingSetting("WEBHOOK_URL", "required with --webhook (the public https URL "
                                 "Telegram posts updates to)")
        if self.webhook_secret is None:
            raise MissingSetting("WEBHOOK_SECRET", "required with --webhook (1-256 characters "
                                 "of A-Z, a-z, 0-9, _ and -)")
        path = "/" + self.webhook_url.split("://", 1)[1].partition("/")[2].partition("?")[0]
        return WebhookEndpoint(url=self.webhook_url, path=path,
                               secret=self.webhook_secret.get_secret_value(),
                               listen=self.webhook_listen, port=self.webhook_port)

    @property
    def web(self) -> WebEndpoint:
        """Where the dashboard listens (polling mode) and the public address of its pages."""
        path = self.web_base_url.split("://", 1)[1].partition("/")[2]
        return WebEndpoint(base_url=self.web_base_url, path_prefix=f"/{path}" if path else "",
                           secure=self.web_base_url.startswith("https://"),
                           listen=self.web_listen, port=self.web_port)

    @property
    def max_file_bytes(self) -> int:
        """BOT_MAX_FILE_MB in bytes."""
        return self.bot_max_file_mb * 1024 * 1024

    @property
    def telegram_file_base_url(self) -> str:
        """Telegram serves files beside the API: https://api.telegram.org/bot -> …/file/bot."""
        root, _, last = self.telegram_api_base_url.rstrip("/").rpartition("/")
        return f"{root}/file/{last}"

    @property
    def token(self) -> str:
        """The bot token; only call where the bot must run."""
        if self.telegram_bot_token is None:
            raise MissingSetting("TELEGRAM_BOT_TOKEN",
                                 "required to run the bot (get one from @BotFather)")
        return self.telegram_bot_token.get_secret_value()


@dataclass(frozen=True, slots=True)
class WebhookEndpoint:
    """The webhook settings, checked: `path` is the URL's path, served by this process."""

    url: str
    path: str
    secret: str = field(repr=False)
    listen: str
    port: int


@dataclass(frozen=True, slots=True)
class WebEndpoint:
    """The dashboard's settings, checked: `path_prefix` is the path of WEB_BASE_URL ('' at the
    root, else '/dashboard' with no trailing slash); `secure` when it is https."""

    base_url: str
    path_prefix: str
    secure: bool
    listen: str
    port: int


class SettingsError(Exception):
    """A setting is missing or invalid; `str()` is one line naming the variable."""

    def __init__(self, variable: str, reason: str) -> None:
        super().__init__(f"{variable}: {reason}")
        self.variable = variable


class MissingSetting(SettingsError):
    """A setting the requested command needs is not set."""


@dataclass(frozen=True, slots=True)
class UnusedSetting:
    """A variable set for this bot that no setting reads: `source` is '.env' or 'environment',
    `hint` what replaced it ('' when it never was a setting: a typo, most likely)."""

    name: str
    source: str
    hint: str


def unused_settings(env_file: Path | None = Path(".env"),
                    environ: Mapping[str, str] | None = None) -> list[UnusedSetting]:
    """Every name in `env_file` that is no setting, and every environment variable with one of
    SETTING_PREFIXES that is none; the settings themselves ignore them."""
    known = {name.upper() for name in Settings.model_fields}
    found: dict[str, str] = {}
    if env_file is not None and env_file.is_file():
        found.update((name.upper(), ".env") for name in dotenv_values(env_file)
                     if name.upper() not in known)
    for name in (os.environ if environ is None else environ):
        upper = name.upper()
        if upper.startswith(SETTING_PREFIXES) and upper not in known:
            found.setdefault(upper, "environment")
    return [UnusedSetting(name, source, RETIRED_SETTINGS.get(name, ""))
            for name, source in sorted(found.items())]


def load_settings(**overrides: object) -> Settings:
    """Read and validate the settings; raise SettingsError with one line naming the bad variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        first = error.errors()[0]
        variable = str(first["loc"][0]).upper() if first["loc"] else "settings"
        reason = first["msg"].removeprefix("Value error, ")
        raise SettingsError(variable, reason) from None
