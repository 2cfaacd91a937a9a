"""Signing in to the dashboard: Mini App initData as Telegram signs it, tokens and CSRF."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, urlencode

import pytest

from bot.domain.errors import ExpiredInitData, InvalidInitData
from bot.domain.web_auth import (
    csrf_matches,
    csrf_token,
    looks_like_token,
    new_token,
    token_digest,
    validate_init_data,
)
from tests.support.mini_app import signed_init_data

TOKEN = "123456789:AAF-test-token-of-the-bot-abcdefgh"
NOW = datetime(2020, 3, 16, 2, 0, tzinfo=UTC)


def altered(init_data: str, **changes: str) -> str:
    fields = dict(parse_qsl(init_data, keep_blank_values=True))
    return urlencode({**fields, **changes})


def without(init_data: str, key: str) -> str:
    return urlencode([(k, v) for k, v in parse_qsl(init_data) if k != key])


def test_init_data_signed_with_the_token_gives_the_user() -> None:
    data = signed_init_data(TOKEN, 4242, NOW - timedelta(minutes=59))
    user = validate_init_data(data, TOKEN, NOW)
    assert user.telegram_user_id == 4242
    assert user.signed_at == NOW - timedelta(minutes=59)


def test_every_field_but_the_hash_is_signed_even_ones_the_bot_does_not_read() -> None:
    data = signed_init_data(TOKEN, 4242, NOW, chat_type="private", signature="abc")
    assert validate_init_data(data, TOKEN, NOW).telegram_user_id == 4242
    with pytest.raises(InvalidInitData):
        validate_init_data(altered(data, chat_type="group"), TOKEN, NOW)


def test_init_data_signed_with_another_token_is_refused() -> None:
    data = signed_init_data("987654321:AAF-another-bots-token-xyz", 4242, NOW)
    with pytest.raises(InvalidInitData) as refused:
        validate_init_data(data, TOKEN, NOW)
    assert refused.value.params == {"reason": "hash does not match"}


def test_a_forged_hash_is_refused() -> None:
    data = signed_init_data(TOKEN, 4242, NOW)
    with pytest.raises(InvalidInitData):
        validate_init_data(altered(data, hash="0" * 64), TOKEN, NOW)


def test_changing_the_user_breaks_the_signature() -> None:
    data = signed_init_data(TOKEN, 4242, NOW)
    with pytest.raises(InvalidInitData):
        validate_init_data(altered(data, user='{"id":1,"first_name":"Admin"}'), TOKEN, NOW)


def test_init_data_older_than_an_hour_is_refused() -> None:
    data = signed_init_data(TOKEN, 4242, NOW - timedelta(hours=1, seconds=1))
    with pytest.raises(ExpiredInitData):
        validate_init_data(data, TOKEN, NOW)


def test_moving_the_auth_date_forward_breaks_the_signature() -> None:
    data = signed_init_data(TOKEN, 4242, NOW - timedelta(hours=2))
    with pytest.raises(InvalidInitData):
        validate_init_data(altered(data, auth_date=str(int(NOW.timestamp()))), TOKEN, NOW)


def test_init_data_signed_in_the_future_is_refused() -> None:
    data = signed_init_data(TOKEN, 4242, NOW + timedelta(hours=1))
    with pytest.raises(InvalidInitData) as refused:
        validate_init_data(data, TOKEN, NOW)
    assert refused.value.params == {"reason": "auth_date in the future"}


@pytest.mark.parametrize(
    ("mangle", "reason"),
    [
        (lambda data: without(data, "hash"), "no hash"),
        (lambda data: altered(data, hash=""), "no hash"),
        (lambda data: data + "&auth_date=1", "a field is repeated"),
        (lambda data: "not a query string", "not a query string"),
        (lambda data: "", "no hash"),
        (lambda data: altered(data, hash="ĥ" * 64), "hash does not match"),
    ],
)
def test_malformed_init_data_is_refused_with_its_reason(mangle: object, reason: str) -> None:
    data = signed_init_data(TOKEN, 4242, NOW)
    with pytest.raises(InvalidInitData) as refused:
        validate_init_data(mangle(data), TOKEN, NOW)  # type: ignore[operator]
    assert refused.value.params == {"reason": reason}


@pytest.mark.parametrize(("field", "value", "reason"), [
    ("user", "not json", "user is not JSON"),
    ("user", '{"first_name":"no id"}', "user has no id"),
    ("user", '{"id":true}', "user has no id"),
    ("auth_date", "yesterday", "auth_date is not a Unix time"),
])
def test_signed_but_unusable_fields_are_refused(field: str, value: str, reason: str) -> None:
    data = signed_init_data(TOKEN, 4242, NOW, **{field: value})
    with pytest.raises(InvalidInitData) as refused:
        validate_init_data(data, TOKEN, NOW)
    assert refused.value.params == {"reason": reason}


def test_tokens_are_random_url_safe_and_stored_only_as_their_digest() -> None:
    first, second = new_token(), new_token()
    assert first != second and looks_like_token(first)
    assert token_digest(first) != first and len(token_digest(first)) == 64
    assert not looks_like_token(first[:-1]) and not looks_like_token(first[:-1] + "/")


def test_the_csrf_token_belongs_to_its_session_only() -> None:
    session, other = new_token(), new_token()
    assert csrf_matches(session, csrf_token(session))
    assert not csrf_matches(session, csrf_token(other))
    assert not csrf_matches(session, "")
    assert not csrf_matches(session, "ĥ")
