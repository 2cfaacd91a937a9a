"""Properties of recurrence rules over many years: quarters, leap years, year boundaries."""

from __future__ import annotations

import calendar as gregorian
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.calendar import DueDatePolicy, WorkingCalendar
from bot.domain.deadlines import Deadline, LegalBasis, Recipient, occurrences
from bot.domain.periods import PeriodKind, PeriodSpec
from bot.domain.recurrence import (
    last_day_of_month_rule,
    monthly_rule,
    parse_rule,
    quarterly_rule,
    yearly_rule,
)

CALENDAR = WorkingCalendar()
QUARTERLY = Deadline(
    code="quy", title="Báo cáo quý", legal_basis=LegalBasis("01/QĐ-UBND", "mục 1.3"),
    recipient=Recipient("vpubnd", "Văn phòng Ủy ban nhân dân tỉnh"), units=("skhdt",),
    rule=parse_rule("DTSTART:20200310\nRRULE:FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=10"),
    period=PeriodSpec(PeriodKind.QUARTER),
)
years = st.integers(min_value=2020, max_value=2099)


@settings(max_examples=60, deadline=None)
@given(years, st.sampled_from(DueDatePolicy))
def test_every_quarter_of_every_year_is_due_on_the_10th_of_its_last_month(
    year: int, policy: DueDatePolicy,
) -> None:
    found = occurrences(QUARTERLY, date(year, 1, 1), date(year, 12, 31), CALENDAR, policy)
    assert [o.due_date for o in found] == [date(year, m, 10) for m in (3, 6, 9, 12)]
    assert [o.period.label for o in found] == [f"Quý {q}/{year}" for q in ("I", "II", "III", "IV")]
    for occurrence in found:
        expected = occurrence.due_date
        step = timedelta(days=1 if policy is DueDatePolicy.NEXT_WORKING_DAY else -1)
        while not CALENDAR.is_working_day(expected):
            expected += step
        assert occurrence.effective_due_date == expected


@settings(max_examples=60, deadline=None)
@given(years)
def test_the_last_day_of_february_is_the_29th_exactly_in_leap_years(year: int) -> None:
    rule = last_day_of_month_rule(date(2020, 1, 31))
    (february,) = rule.dates_between(date(year, 2, 1), date(year, 2, 29 if gregorian.isleap(year)
                                                                     else 28))
    assert february.day == (29 if gregorian.isleap(year) else 28)


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=date(1901, 1, 1), max_value=date(2090, 12, 31)))
def test_a_yearly_rule_fires_once_a_year_and_never_twice_across_new_year(first: date) -> None:
    rule = yearly_rule(first)
    for year in range(first.year + 1, first.year + 6):
        found = rule.dates_between(date(year, 1, 1), date(year, 12, 31))
        if (first.month, first.day) == (2, 29):
            assert len(found) == gregorian.isleap(year)
        else:
            assert found == (first.replace(year=year),)


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=date(1901, 1, 1), max_value=date(2090, 12, 31)),
       st.integers(min_value=0, max_value=40))
def test_a_rule_never_gives_a_date_after_its_end(first: date, months: int) -> None:
    until = first + timedelta(days=31 * months)
    for rule in (monthly_rule(first, until=until), quarterly_rule(first, until=until)):
        found = rule.dates_between(first, until + timedelta(days=400))
        assert found and found[0] == first
        assert all(first <= day <= until for day in found)


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=date(1901, 1, 1), max_value=date(2090, 12, 31)))
def test_a_rule_read_back_from_its_text_is_the_same_rule(first: date) -> None:
    for rule in (yearly_rule(first), quarterly_rule(first), monthly_rule(first)):
        assert parse_rule(rule.text) == rule
        assert rule.start == first
