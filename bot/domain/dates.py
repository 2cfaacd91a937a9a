"""Dates written the way Vietnamese officials write them: 20/01/2021, or 20/01 in a known year."""

from __future__ import annotations

import calendar as gregorian
import re
from datetime import date

from bot.domain.errors import DateDoesNotExist, DateOutOfRange, InvalidDate

# The span the working calendar knows (the lunar holidays are computed for these years).
MIN_YEAR = 1901
MAX_YEAR = 2100

_VIETNAMESE = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def format_vn_date(day: date) -> str:
    """`day` as dd/mm/yyyy, e.g. 20/01/2021."""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def parse_vn_date(text: str, *, default_year: int | None = None) -> date:
    """Read dd/mm/yyyy (or dd/mm given `default_year`); raise InvalidDate if it is not a date.

    Slashes, dots or dashes separate the parts; a date that does not exist (31/02/2021) raises
    DateDoesNotExist, a subclass of InvalidDate.
    """
    value = text.strip()
    match = _VIETNAMESE.fullmatch(value)
    if match is None:
        raise InvalidDate(value=value, reason="expected dd/mm/yyyy, e.g. 20/01/2021")
    day, month = int(match[1]), int(match[2])
    if match[3] is None and default_year is None:
        raise InvalidDate(value=value, reason="the year is missing (dd/mm/yyyy)")
    year = int(match[3]) if match[3] is not None else default_year
    assert year is not None
    return checked_date(value, year, month, day)


def parse_date_text(text: str) -> date:
    """Read an ISO date (2020-01-02) or a Vietnamese one (02/01/2020); else raise InvalidDate."""
    value = text.strip()
    match = _ISO.fullmatch(value)
    if match is None:
        return parse_vn_date(value)
    return checked_date(value, int(match[1]), int(match[2]), int(match[3]))


def checked_date(value: str, year: int, month: int, day: int) -> date:
    """The date year-month-day; raise InvalidDate naming `value` when it is not in the calendar."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateOutOfRange(value=value, minimum=MIN_YEAR, maximum=MAX_YEAR,
                             reason=f"the year must be between {MIN_YEAR} and {MAX_YEAR}")
    if not 1 <= month <= 12:
        raise InvalidDate(value=value, reason=f"there is no month {month}")
    days_in_month = gregorian.monthrange(year, month)[1]
    if not 1 <= day <= days_in_month:
        raise DateDoesNotExist(
            value=value,
            reason=f"{month:02d}/{year} has {days_in_month} days, not {day}",
            day=day, month=month, year=year, days_in_month=days_in_month,
        )
    return date(year, month, day)
