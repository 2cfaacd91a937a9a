"""Webhook settings: defaults, what Telegram accepts, and required only in webhook mode."""

from __future__ import annotations

import pytest

from config.settings import SettingsError, load_settings


def test_webhook_defaults_listen_on_this_machine_only() -> None:
    settings = load_settings(_env_file=None)
    assert (settings.webhook_url, settings.webhook_secret) == (None, None)
    assert (settings.webhook_listen, settings.webhook_port) == ("127.0.0.1", 8080)


def test_the_webhook_url_and_secret_are_required_only_in_webhook_mode() -> None:
    # An empty line in .env (WEBHOOK_SECRET=) counts as unset.
    settings = load_settings(_env_file=None, webhook_url="https://bot.example.gov.vn/tg",
                             webhook_secret="")
    with pytest.raises(SettingsError, match=r"^WEBHOOK_SECRET: required with --webhook"):
        _ = settings.webhook
    with pytest.raises(SettingsError, match=r"^WEBHOOK_URL: required with --webhook"):
        _ = load_settings(_env_file=None, webhook_secret="abc").webhook


def test_the_server_takes_posts_on_the_path_of_the_public_url() -> None:
    endpoint = load_settings(_env_file=None, webhook_url="https://bot.example.gov.vn:8443/tg/in?x=1",
                             webhook_secret="A_b-9", webhook_listen="0.0.0.0",
                             webhook_port=9000).webhook
    assert (endpoint.path, endpoint.listen, endpoint.port) == ("/tg/in", "0.0.0.0", 9000)
    assert load_settings(_env_file=None, webhook_url="https://bot.example.gov.vn",
                         webhook_secret="x").webhook.path == "/"
    assert "A_b-9" not in repr(endpoint)


@pytest.mark.parametrize("url", ["http://127.0.0.1:8080/telegram", "http://localhost/t",
                                 "http://[::1]:9000/t", "https://bot.example.gov.vn/t"])
def test_plain_http_is_accepted_only_on_this_machine(url: str) -> None:
    assert load_settings(_env_file=None, webhook_url=url).webhook_url == url


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("webhook_url", "http://bot.example.gov.vn/t", "WEBHOOK_URL: must be https"),
        ("webhook_url", "bot.example.gov.vn/t", "WEBHOOK_URL: must be a URL"),
        ("webhook_secret", "x" * 257, "WEBHOOK_SECRET: must be 1-256 characters"),
        ("webhook_secret", "bí-mật", "WEBHOOK_SECRET: must be 1-256 characters"),
        ("webhook_listen", "0.0.0.0 ", "WEBHOOK_LISTEN: '0.0.0.0 ' is not an IP address"),
        ("webhook_port", 0, "WEBHOOK_PORT: Input should be greater than or equal to 1"),
    ],
)
def test_a_bad_webhook_value_gives_one_line_naming_the_variable(
    field: str, value: object, expected: str
) -> None:
    with pytest.raises(SettingsError) as raised:
        load_settings(_env_file=None, **{field: value})
    assert str(raised.value).startswith(expected)
    assert "\n" not in str(raised.value)
    assert "bí-mật" not in str(raised.value)  # a secret is never repeated back
