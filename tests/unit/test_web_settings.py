"""Dashboard settings: defaults on this machine, the public address and its path."""

from __future__ import annotations

import pytest

from config.settings import SettingsError, load_settings


def test_the_dashboard_defaults_to_this_machine_over_plain_http() -> None:
    web = load_settings(_env_file=None).web
    assert (web.listen, web.port, web.base_url) == ("127.0.0.1", 8081, "http://127.0.0.1:8081")
    assert (web.path_prefix, web.secure) == ("", False)


def test_the_public_address_gives_the_path_prefix_and_secure_cookies() -> None:
    web = load_settings(_env_file=None, web_base_url="https://bot.example.gov.vn/dashboard/",
                        web_listen="0.0.0.0", web_port=9001).web
    assert web.base_url == "https://bot.example.gov.vn/dashboard"  # the trailing slash dropped
    assert (web.path_prefix, web.secure, web.listen, web.port) == ("/dashboard", True,
                                                                   "0.0.0.0", 9001)


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("web_base_url", "bot.example.gov.vn", "WEB_BASE_URL: must be a URL"),
        ("web_base_url", "https://bot.example.gov.vn/?a=1", "WEB_BASE_URL: must be a URL"),
        ("web_listen", "localhost:80", "WEB_LISTEN: 'localhost:80' is not an IP address"),
        ("web_port", 70000, "WEB_PORT: Input should be less than or equal to 65535"),
    ],
)
def test_a_bad_dashboard_value_gives_one_line_naming_the_variable(
    field: str, value: object, expected: str
) -> None:
    with pytest.raises(SettingsError) as raised:
        load_settings(_env_file=None, **{field: value})
    assert str(raised.value).startswith(expected)
