"""Mini App `initData` signed as Telegram signs it, for tests."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import datetime
from urllib.parse import urlencode


def signed_init_data(bot_token: str, user_id: int, signed_at: datetime,
                     **extra: str) -> str:
    """initData for `user_id` signed at `signed_at` with the bot's token (Telegram's algorithm,
    written out independently of bot.domain.web_auth)."""
    fields = {"query_id": "AAHdF6IQAAAAAN0XohDhrOrc",
              "user": json.dumps({"id": user_id, "first_name": "Hạnh", "language_code": "vi"},
                                 ensure_ascii=False, separators=(",", ":")),
              "auth_date": str(int(signed_at.timestamp())), **extra}
    check = "\n".join(f"{key}={fields[key]}" for key in sorted(fields))
    secret = hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()
    fields["hash"] = hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()
    return urlencode(fields)
