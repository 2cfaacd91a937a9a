"""The provincial office's buttons under a digest: "Duyệt gia hạn <unit>", "Đôn đốc <unit>".

Data: `of:<giahan|dondoc>:<deadline code>:<nominal due date yyyymmdd>:<unit code>`, at most
64 bytes with the longest codes (32 and 16 characters). The button only names the report and
the action; the service checks, when it is pressed, that the presser is office or admin, that
the unit must send that report and that the action still makes sense.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.office_actions import OfficeAction, OfficeActionKind
from bot.texts import Lang
from bot.texts.office_actions_render import action_label

CALLBACK_PATTERN = r"^of:"
CALLBACK_DATA_LIMIT = 64  # bytes, Telegram's limit
_KINDS = {OfficeActionKind.APPROVE_EXTENSION: "g", OfficeActionKind.FOLLOW_UP: "d"}
_BY_LETTER = {letter: kind for kind, letter in _KINDS.items()}
_CALLBACK = re.compile(r"of:([gd]):([a-z][a-z0-9_]{1,31}):([0-9]{8}):([a-z0-9]{2,16})")
DONE_MARK = "✓ "
BUTTONS_PER_ROW = 2


def office_callback(action: OfficeAction) -> str:
    data = (f"of:{_KINDS[action.kind]}:{action.deadline_code}:{action.due_date:%Y%m%d}:"
            f"{action.unit_code}")
    assert len(data.encode()) <= CALLBACK_DATA_LIMIT, data
    return data


def parse_office_callback(data: str) -> OfficeAction | None:
    """The action a button names, or None for data that is not an office button."""
    match = _CALLBACK.fullmatch(data)
    if match is None:
        return None
    try:
        due = datetime.strptime(match[3], "%Y%m%d").date()
    except ValueError:
        return None
    return OfficeAction(_BY_LETTER[match[1]], match[2], due, match[4])


def office_keyboard(actions: Sequence[OfficeAction], lang: Lang) -> InlineKeyboardMarkup | None:
    """Two buttons a row, in the order given; None without actions."""
    if not actions:
        return None
    buttons = [InlineKeyboardButton(action_label(action, lang),
                                    callback_data=office_callback(action))
               for action in actions]
    return InlineKeyboardMarkup([buttons[i:i + BUTTONS_PER_ROW]
                                 for i in range(0, len(buttons), BUTTONS_PER_ROW)])


def mark_done(markup: InlineKeyboardMarkup, data: str) -> InlineKeyboardMarkup | None:
    """The same keyboard with the button carrying `data` ticked; None if already ticked (or
    not there), so the caller leaves the message alone."""
    changed = False
    rows = []
    for row in markup.inline_keyboard:
        new_row = []
        for button in row:
            if button.callback_data == data and not button.text.startswith(DONE_MARK):
                button = InlineKeyboardButton(DONE_MARK + button.text, callback_data=data)
                changed = True
            new_row.append(button)
        rows.append(new_row)
    return InlineKeyboardMarkup(rows) if changed else None
