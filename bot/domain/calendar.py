"""Working days of Vietnamese state agencies, and where a deadline lands when it falls on a day off.

The public holidays (Tết and Giỗ Tổ Hùng Vương on the lunar calendar, nghỉ bù, and the day swaps
the government announced) come from the maintained `holidays` package; admins add the swaps it
does not know yet. Saturdays and Sundays are days off unless the government made one a make-up
working day.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from datetime import MAXYEAR, MINYEAR, date, timedelta
from enum import StrEnum

import holidays

from bot.domain.dates import format_vn_date
from bot.domain.errors import ConflictingCalendarDay

_ONE_DAY = timedelta(days=1)
MAKE_UP_DAY_NAME = "Ngày làm việc bù"


class DueDatePolicy(StrEnum):
    """Where a deadline that falls on a day off really ends (a setting; see DOMAIN.md)."""

    # Civil Code 2015, Art. 148: a time limit ending on a day off ends on the next working day.
    NEXT_WORKING_DAY = "next_working_day"
    # For provinces that read "trước ngày" strictly.
    PREVIOUS_WORKING_DAY = "previous_working_day"


class _PublicHolidays:
    """Vietnam's public holidays from the `holidays` package, loaded a year at a time and shared
    by every calendar of the process (they do not change; admins' days are layered on top)."""

    def __init__(self) -> None:
        self.days = holidays.country_holidays("VN", years=(), language="vi")
        self._loaded_years: set[int] = set()
        self._lock = threading.Lock()

    def load_around(self, year: int) -> None:
        # A swap can cross a year boundary (the 2018 list moves 05/01/2019), so the neighbouring
        # years are loaded too.
        if year in self._loaded_years:
            return
        with self._lock:
            for neighbour in (year - 1, year, year + 1):
                if MINYEAR <= neighbour <= MAXYEAR and neighbour not in self.days.years:
                    self.days.get(date(neighbour, 1, 1))  # lazy expansion loads the year
            self._loaded_years.add(year)


_PUBLIC = _PublicHolidays()


class WorkingCalendar:
    """Monday–Friday minus Vietnamese public holidays, with admins' extra days off and working days.

    Admin days win over the package: an extra working day is worked even on a Saturday or a
    holiday; an extra day off is off. Holiday years are loaded lazily and cached for the whole
    process; instances are cheap and safe to share between threads.
    """

    def __init__(
        self,
        extra_days_off: Mapping[date, str] | None = None,
        extra_working_days: Mapping[date, str] | None = None,
    ) -> None:
        days_off = dict(extra_days_off or {})
        working_days = dict(extra_working_days or {})
        conflicts = sorted(days_off.keys() & working_days.keys())
        if conflicts:
            raise ConflictingCalendarDay(
                day=format_vn_date(conflicts[0]),
                reason="the same date is both an extra day off and an extra working day",
            )
        self._extra_days_off = days_off
        self._extra_working_days = working_days
        # Answers per day, kept: a digest counts the days late of thousands of units.
        self._answers: dict[date, bool] = {}

    @property
    def extra_days_off(self) -> Mapping[date, str]:
        """The days off admins added, with their reasons."""
        return dict(self._extra_days_off)

    @property
    def extra_working_days(self) -> Mapping[date, str]:
        """The working days admins added (make-up Saturdays), with their reasons."""
        return dict(self._extra_working_days)

    def is_working_day(self, day: date) -> bool:
        """True when state agencies work on `day`."""
        known = self._answers.get(day)
        if known is None:
            known = self._answers[day] = self._decide(day)
        return known

    def _decide(self, day: date) -> bool:
        if day in self._extra_working_days:
            return True
        if day in self._extra_days_off:
            return False
        self._load_around(day.year)
        return bool(self._public.is_working_day(day))

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        return self.add_working_days(day, 1)

    def previous_working_day(self, day: date) -> date:
        """The last working day strictly before `day`."""
        return self.add_working_days(day, -1)

    def add_working_days(self, day: date, n: int) -> date:
        """The n-th working day after `day` (before it when n < 0); n == 0 gives `day` itself.

        `day` need not be a working day: add_working_days(Saturday, 1) is the next Monday when it is
        a working day.
        """
        step = _ONE_DAY if n > 0 else -_ONE_DAY
        remaining = abs(n)
        while remaining:
            day += step
            if self.is_working_day(day):
                remaining -= 1
        return day

    def count_working_days(self, after: date, until: date) -> int:
        """How many working days d satisfy after < d <= until (0 when until <= after)."""
        count, day = 0, after
        while day < until:
            day += _ONE_DAY
            count += self.is_working_day(day)
        return count

    def effective_due_date(self, due: date, policy: DueDatePolicy) -> date:
        """`due` itself on a working day, else the next or previous working day as `policy` says."""
        if self.is_working_day(due):
            return due
        if policy is DueDatePolicy.PREVIOUS_WORKING_DAY:
            return self.previous_working_day(due)
        return self.next_working_day(due)

    def holidays_in(self, year: int) -> tuple[tuple[date, str], ...]:
        """Named days off of `year` (public holidays, nghỉ bù, swaps, admins' days off), by date.

        Plain weekends are not listed; a holiday an admin turned into a working day is left out.
        """
        self._load_around(year)
        named = {
            day: str(name)
            for day, name in list(self._public.items())  # a copy: other years may load
            if day.year == year and day not in self._extra_working_days
        }
        named.update((day, name) for day, name in self._extra_days_off.items() if day.year == year)
        return tuple(sorted(named.items()))

    def working_weekend_days_in(self, year: int) -> tuple[tuple[date, str], ...]:
        """Saturdays and Sundays of `year` that are worked (announced make-up days and admins')."""
        self._load_around(year)
        named = {
            day: MAKE_UP_DAY_NAME
            for day in list(self._public.weekend_workdays)
            if day.year == year and day not in self._extra_days_off
        }
        named.update(
            (day, name)
            for day, name in self._extra_working_days.items()
            if day.year == year and day.weekday() >= 5
        )
        return tuple(sorted(named.items()))

    def _load_around(self, year: int) -> None:
        _PUBLIC.load_around(year)

    @property
    def _public(self) -> holidays.HolidayBase:
        return _PUBLIC.days
