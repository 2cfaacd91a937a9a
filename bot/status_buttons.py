"""The four answer buttons under a reminder or an open report, and their callback data.

Data: `st:<deadline id>:<nominal due date yyyymmdd>:<unit id>:<s|p|b|e>` (at most ~40 bytes).
The button only names the report; the handler checks that the presser serves the unit.
"""

from __future__ import annotations

import re
from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.statuses import ReportStatus
from bot.services.statuses import ReportRef
from bot.texts import Lang, text

CALLBACK_PATTERN = r"^st:"
_CALLBACK = re.compile(r"st:([0-9]{1,12}):([0-9]{8}):([0-9]{1,12}):([spbe])")
_LETTERS = {ReportStatus.SUBMITTED: "s", ReportStatus.IN_PROGRESS: "p",
            ReportStatus.BLOCKED: "b", ReportStatus.EXTENSION: "e"}
_BY_LETTER = {letter: status for status, letter in _LETTERS.items()}
CURRENT_MARK = "✓ "


def status_callback(ref: ReportRef, status: ReportStatus) -> str:
    return f"st:{ref.deadline_id}:{ref.due_date:%Y%m%d}:{ref.unit_id}:{_LETTERS[status]}"


def parse_status_callback(data: str) -> tuple[ReportRef, ReportStatus] | None:
    """The report and answer a button names, or None for data that is not a status button."""
    match = _CALLBACK.fullmatch(data)
    if match is None:
        return None
    try:
        due = datetime.strptime(match[2], "%Y%m%d").date()
    except ValueError:
        return None
    return ReportRef(int(match[1]), due, int(match[3])), _BY_LETTER[match[4]]


def status_keyboard(ref: ReportRef, lang: Lang,
                    current: ReportStatus | None = None) -> InlineKeyboardMarkup:
    """Two rows of two answers; the unit's current answer is ticked."""
    def button(status: ReportStatus) -> InlineKeyboardButton:
        label = text(f"status.button.{status.value}", lang)
        mark = CURRENT_MARK if status is current else ""
        return InlineKeyboardButton(mark + label, callback_data=status_callback(ref, status))

    return InlineKeyboardMarkup([
        [button(ReportStatus.SUBMITTED), button(ReportStatus.IN_PROGRESS)],
        [button(ReportStatus.BLOCKED), button(ReportStatus.EXTENSION)],
    ])

