"""The office's button under a reorganisation notice: "Xác nhận <person> là lãnh đạo <unit>".

Data: `rh:<person id>:<unit code>` (at most ~32 bytes). The button only names the person and
the unit; the handler checks that the presser belongs to the office.
"""

from __future__ import annotations

import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.texts import Lang, text

CALLBACK_PATTERN = r"^rh:"
_CALLBACK = re.compile(r"rh:([0-9]{1,12}):([a-z0-9]{2,16})")


def head_callback(person_id: int, unit_code: str) -> str:
    return f"rh:{person_id}:{unit_code}"


def parse_head_callback(data: str) -> tuple[int, str] | None:
    """(person id, unit code) a button names, or None for other data."""
    match = _CALLBACK.fullmatch(data)
    return (int(match[1]), match[2]) if match else None


def head_keyboard(person_id: int, person_name: str, unit_code: str,
                  lang: Lang) -> InlineKeyboardMarkup:
    label = text("reorg.head.button", lang, name=person_name[:40], code=unit_code)
    return InlineKeyboardMarkup([[InlineKeyboardButton(
        label, callback_data=head_callback(person_id, unit_code))]])
