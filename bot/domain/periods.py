"""The period a report covers, named the way officials say it: 'Quý I/2020', '9 tháng năm 2020'."""

from __future__ import annotations

import calendar as gregorian
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.domain.errors import InvalidPeriod

_ROMAN_QUARTERS = ("I", "II", "III", "IV")


class PeriodKind(StrEnum):
    """How a deadline's reports are counted (Decree 09/2019: monthly, quarterly, half-yearly…)."""

    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    NINE_MONTHS = "nine_months"
    YEAR = "year"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class PeriodSpec:
    """A deadline's period rule: its kind, an optional fixed label, and a shift in whole periods.

    The period is the one containing the due date, moved by `shift` periods (-1: a report due in
    January on the previous year). A non-empty `label` replaces the computed name (e.g. the
    five-year plan's '5 năm 2021-2025').
    """

    kind: PeriodKind = PeriodKind.NONE
    label: str = ""
    shift: int = 0

    def __post_init__(self) -> None:
        if not -12 <= self.shift <= 12:
            raise InvalidPeriod(value=self.shift, reason="the shift must be between -12 and 12")
        if self.kind is PeriodKind.NONE and self.shift:
            raise InvalidPeriod(value=self.shift, reason="a period of kind 'none' cannot shift")


@dataclass(frozen=True, slots=True)
class Period:
    """A named stretch of time; start and end are None when the period has no dates (kind none)."""

    label: str
    start: date | None = None
    end: date | None = None


def parse_period_kind(value: str) -> PeriodKind:
    """The PeriodKind named `value`; raise InvalidPeriod listing the known kinds otherwise."""
    try:
        return PeriodKind(value.strip().lower())
    except ValueError:
        known = ", ".join(kind.value for kind in PeriodKind)
        reason = f"unknown period kind (use one of {known})"
        raise InvalidPeriod(value=value, reason=reason) from None


def period_of(spec: PeriodSpec, due: date) -> Period:
    """The period a report due on `due` covers under `spec`, with its official Vietnamese name."""
    if spec.kind is PeriodKind.NONE:
        return Period(spec.label)
    start, end = _bounds(spec.kind, due, spec.shift)
    return Period(spec.label or _name(spec.kind, start), start, end)


def _bounds(kind: PeriodKind, due: date, shift: int) -> tuple[date, date]:
    """First and last day of the `kind` period containing `due`, moved by `shift` periods."""
    if kind is PeriodKind.YEAR:
        return date(due.year + shift, 1, 1), date(due.year + shift, 12, 31)
    if kind is PeriodKind.NINE_MONTHS:  # the first nine months of the due date's year
        return date(due.year + shift, 1, 1), date(due.year + shift, 9, 30)
    months = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.HALF_YEAR: 6}[kind]
    index = (due.year * 12 + due.month - 1) // months + shift
    first_month = index * months
    year, month = divmod(first_month, 12)
    last_year, last_month = divmod(first_month + months - 1, 12)
    last_day = gregorian.monthrange(last_year, last_month + 1)[1]
    return date(year, month + 1, 1), date(last_year, last_month + 1, last_day)


def _name(kind: PeriodKind, start: date) -> str:
    year = start.year
    if kind is PeriodKind.MONTH:
        return f"Tháng {start.month}/{year}"
    if kind is PeriodKind.QUARTER:
        return f"Quý {_ROMAN_QUARTERS[(start.month - 1) // 3]}/{year}"
    if kind is PeriodKind.HALF_YEAR:
        return f"6 tháng {'đầu' if start.month == 1 else 'cuối'} năm {year}"
    if kind is PeriodKind.NINE_MONTHS:
        return f"9 tháng năm {year}"
    return f"Năm {year}"
