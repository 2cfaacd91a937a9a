"""What an admin types to add or change a deadline, checked field by field (pure).

The one-line form is `/deadline_add <due rule> | <title> | <units> | <reminder offsets>`, e.g.
`/deadline_add 20/01 hằng năm | Văn bản triển khai kế hoạch | all | 7,3,1`; the guided flow asks
the same fields one at a time, plus the legal basis and the recipient. Every field goes through
the same checks here, whichever way it was typed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from bot.domain.calendar import DueDatePolicy, WorkingCalendar
from bot.domain.deadlines import Deadline, Occurrence, check_offsets_fit, occurrences
from bot.domain.errors import (
    DeadlineTextControlCharacters,
    DeadlineTitleTooLong,
    EmptyDeadlineTitle,
    InvalidOffsets,
    LegalBasisTooLong,
    WrongUsage,
)
from bot.domain.reminder_offsets import MAX_OFFSET, ReminderOffsets, checked_offsets
from bot.domain.units import fold_code

MAX_TITLE_LENGTH = 512  # the column's size
MAX_LEGAL_BASIS_LENGTH = 1000
DEFAULT_UNITS = "all"
DEFAULT_BEFORE_OFFSETS = (7, 3, 1)
# Offsets are checked against the previous occurrence for the due dates of this many years.
OFFSET_CHECK_YEARS = 2
PREVIEW_DUE_DATES = 5
_CODE_LENGTH = 12
_NO_VALUE = {"", "-", "khong", "none", "bo qua", "skip"}

ADD_USAGE = WrongUsage(
    usage="/deadline_add <hạn> | <tên báo cáo> | <đơn vị> | <mốc nhắc>",
    example="/deadline_add 20/01 hằng năm | Văn bản triển khai kế hoạch | all | 7,3,1")

DeadlineField = Literal["title", "legal", "recipient", "rule", "units", "offsets"]
_FIELD_WORDS: dict[str, DeadlineField] = {
    "title": "title", "ten": "title", "legal": "legal", "cancu": "legal",
    "recipient": "recipient", "noinhan": "recipient", "rule": "rule", "han": "rule",
    "units": "units", "donvi": "units", "offsets": "offsets", "nhac": "offsets",
}
DEADLINE_FIELDS: tuple[DeadlineField, ...] = ("title", "legal", "recipient", "rule", "units",
                                              "offsets")


@dataclass(frozen=True, slots=True)
class OneLineDeadline:
    """The fields of the one-line /deadline_add, as typed (units and offsets defaulted)."""

    rule: str
    title: str
    units: str = DEFAULT_UNITS
    offsets: str = ""


def split_one_line(typed: str) -> OneLineDeadline:
    """The parts of `rule | title [| units [| offsets]]`; raise WrongUsage when there is no
    rule, no title part or too many parts (an empty title is clean_title's to explain)."""
    parts = [part.strip() for part in typed.split("|")]
    if len(parts) < 2 or len(parts) > 4 or not parts[0]:
        raise ADD_USAGE
    units = parts[2] if len(parts) > 2 and parts[2] else DEFAULT_UNITS
    offsets = parts[3] if len(parts) > 3 else ""
    return OneLineDeadline(parts[0], parts[1], units, offsets)


def parse_deadline_field(typed: str) -> DeadlineField | None:
    """The field an admin named: title/tên, legal/căn cứ, recipient/nơi nhận, rule/hạn,
    units/đơn vị, offsets/nhắc (any case, with or without diacritics); None otherwise."""
    return _FIELD_WORDS.get(re.sub(r"[\s_]", "", fold_code(typed)))


def clean_title(typed: str) -> str:
    """The title in NFC with single spaces; raise if empty, too long or holding hidden
    characters."""
    title = _one_line(typed)
    if not title:
        raise EmptyDeadlineTitle(reason="the title is empty")
    if len(title) > MAX_TITLE_LENGTH:
        raise DeadlineTitleTooLong(length=len(title), maximum=MAX_TITLE_LENGTH,
                                   reason=f"{len(title)} characters")
    return title


def clean_legal_basis(typed: str) -> str:
    """The legal basis as written ('' for none: '-', 'không', 'bỏ qua'); raise if too long or
    holding hidden characters."""
    basis = _one_line(typed)
    if fold_code(basis) in _NO_VALUE:
        return ""
    if len(basis) > MAX_LEGAL_BASIS_LENGTH:
        raise LegalBasisTooLong(length=len(basis), maximum=MAX_LEGAL_BASIS_LENGTH,
                                reason=f"{len(basis)} characters")
    return basis


def parse_before_offsets(typed: str, overdue: ReminderOffsets | None = None) -> ReminderOffsets:
    """Offsets typed as '7,3,1' or '7 3 1' (working days before the due date; '' gives the
    default 7, 3, 1; '0' or 'không' none), keeping `overdue`'s overdue and escalation offsets."""
    kept = overdue or ReminderOffsets()
    words = [word for word in re.split(r"[\s,;]+", typed.strip()) if word]
    if not words:
        before: tuple[int, ...] = DEFAULT_BEFORE_OFFSETS
    elif len(words) == 1 and fold_code(words[0]) in {"0", "khong", "none"}:
        before = ()
    else:
        if not all(word.isascii() and word.isdigit() and len(word) <= 4 for word in words):
            raise InvalidOffsets(kind="before", offsets=typed.strip()[:40], maximum=MAX_OFFSET,
                                 reason="expected numbers of working days, e.g. 7,3,1")
        before = checked_offsets("before", [int(word) for word in words])
    return ReminderOffsets(before=before, overdue=kept.overdue, escalation=kept.escalation,
                           on_due_day=kept.on_due_day)


def suggest_code(title: str, taken: set[str]) -> str:
    """A new deadline code from the title's initials ('Báo cáo tình hình quý' → 'bcthq'),
    with a number added when it is taken."""
    initials = "".join(word[0] for word in re.findall(r"[a-z0-9]+", fold_code(title)))
    base = initials[:_CODE_LENGTH]
    if len(base) < 2 or not base[0].isalpha():
        base = f"bc{base}"[:_CODE_LENGTH]
    code, number = base, 1
    while code in taken:
        number += 1
        code = f"{base}{number}"
    return code


def check_deadline(deadline: Deadline, calendar: WorkingCalendar, policy: DueDatePolicy,
                   today: date) -> None:
    """Raise OffsetBeyondPreviousOccurrence when a before-reminder of a due date in the next
    OFFSET_CHECK_YEARS would fall on or before the previous due date."""
    check_offsets_fit(deadline.rule, deadline.offsets, calendar, policy, start=today,
                      end=today + timedelta(days=366 * OFFSET_CHECK_YEARS))


def next_occurrences(deadline: Deadline, today: date, calendar: WorkingCalendar,
                     policy: DueDatePolicy, count: int = PREVIEW_DUE_DATES
                     ) -> tuple[Occurrence, ...]:
    """The next `count` occurrences whose effective due date is today or later."""
    found: list[Occurrence] = []
    start = today - timedelta(days=31)  # a due date on a day off moves up to a few days later
    for years in (1, 2, 5, 10):
        end = today + timedelta(days=366 * years)
        found = [o for o in occurrences(deadline, start, end, calendar, policy)
                 if o.effective_due_date >= today]
        if len(found) >= count:
            break
    return tuple(found[:count])


def _one_line(typed: str) -> str:
    text = unicodedata.normalize("NFC", typed)
    if any(unicodedata.category(char).startswith("C") for char in text):
        raise DeadlineTextControlCharacters(reason="holds control or invisible characters")
    return " ".join(text.split())
