"""Signing in to the office's dashboard: Telegram Mini App data, login links, sessions, CSRF.

Pure: no HTTP, no database. Secrets handed out (login links, session cookies) are random
tokens of which only the SHA-256 is stored; the CSRF token of a session is derived from its
cookie, so it needs no storage and changes with every session.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl

from bot.domain.errors import ExpiredInitData, InvalidInitData

INIT_DATA_MAX_AGE = timedelta(hours=1)
# Telegram's clock and ours may differ a little; data signed further in the future is forged.
INIT_DATA_CLOCK_SKEW = timedelta(minutes=5)
LOGIN_LINK_LIFETIME = timedelta(minutes=10)
SESSION_LIFETIME = timedelta(hours=8)
TOKEN_BYTES = 32
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{43}")  # secrets.token_urlsafe(32)
_CSRF_PURPOSE = b"deadline-bot dashboard csrf"


@dataclass(frozen=True, slots=True)
class MiniAppUser:
    """Who opened the Mini App, as Telegram signed it."""

    telegram_user_id: int
    signed_at: datetime


def validate_init_data(init_data: str, bot_token: str, now: datetime,
                       max_age: timedelta = INIT_DATA_MAX_AGE) -> MiniAppUser:
    """The user behind a Mini App's `initData`, checked as Telegram specifies: the hash is
    HMAC-SHA256 of the sorted `key=value` lines (all but `hash`) with the key
    HMAC-SHA256("WebAppData", bot token), and `auth_date` is at most `max_age` before `now`.

    Raise InvalidInitData for anything malformed or not signed with the token, ExpiredInitData
    for data signed too long ago.
    """
    fields = _init_data_fields(init_data)
    given = fields.pop("hash", "")
    if not given:
        raise InvalidInitData(reason="no hash")
    check_string = "\n".join(f"{key}={value}" for key, value in sorted(fields.items()))
    secret = hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()
    expected = hmac.new(secret, check_string.encode(), hashlib.sha256).hexdigest()
    # Constant time: the answer's timing must not tell how much of a guess was right.
    if not hmac.compare_digest(expected.encode(), given.encode()):
        raise InvalidInitData(reason="hash does not match")
    signed_at = _auth_date(fields.get("auth_date", ""))
    if signed_at > now + INIT_DATA_CLOCK_SKEW:
        raise InvalidInitData(reason="auth_date in the future")
    if now - signed_at > max_age:
        raise ExpiredInitData()
    return MiniAppUser(_user_id(fields.get("user", "")), signed_at)


def _init_data_fields(init_data: str) -> dict[str, str]:
    try:
        pairs = parse_qsl(init_data, keep_blank_values=True, strict_parsing=True)
    except ValueError:
        raise InvalidInitData(reason="not a query string") from None
    fields = dict(pairs)
    if len(fields) != len(pairs):
        raise InvalidInitData(reason="a field is repeated")
    return fields


def _auth_date(value: str) -> datetime:
    if not (value.isascii() and value.isdigit() and len(value) <= 12):
        raise InvalidInitData(reason="auth_date is not a Unix time")
    return datetime.fromtimestamp(int(value), UTC)


def _user_id(value: str) -> int:
    try:
        user = json.loads(value)
    except ValueError:
        raise InvalidInitData(reason="user is not JSON") from None
    user_id = user.get("id") if isinstance(user, dict) else None
    if not isinstance(user_id, int) or isinstance(user_id, bool) or user_id <= 0:
        raise InvalidInitData(reason="user has no id")
    return user_id


def new_token() -> str:
    """A fresh secret for a login link or a session cookie (256 random bits, URL-safe)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def looks_like_token(value: str) -> bool:
    """Whether `value` has the shape of a token from new_token (checked before any lookup)."""
    return _TOKEN_SHAPE.fullmatch(value) is not None


def token_digest(token: str) -> str:
    """What is stored of a token: a leaked database holds no usable link or cookie."""
    return hashlib.sha256(token.encode()).hexdigest()


def csrf_token(session_token: str) -> str:
    """The CSRF token of a session: put in every form, checked on every POST."""
    return hmac.new(session_token.encode(), _CSRF_PURPOSE, hashlib.sha256).hexdigest()


def csrf_matches(session_token: str, given: str) -> bool:
    """Whether a form's CSRF token belongs to the session (compared in constant time)."""
    return hmac.compare_digest(csrf_token(session_token).encode(), given.encode())
