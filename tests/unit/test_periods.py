"""Report periods named the way officials say them."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.errors import InvalidPeriod
from bot.domain.periods import Period, PeriodKind, PeriodSpec, parse_period_kind, period_of


def label(kind: PeriodKind, due: date, *, shift: int = 0, fixed: str = "") -> str:
    return period_of(PeriodSpec(kind, fixed, shift), due).label


@pytest.mark.parametrize(
    ("due", "expected"),
    [(date(2020, 3, 10), "Quý I/2020"), (date(2020, 6, 10), "Quý II/2020"),
     (date(2020, 9, 10), "Quý III/2020"), (date(2020, 12, 10), "Quý IV/2020")],
)
def test_the_quarterly_report_covers_the_quarter_it_is_due_in(due: date, expected: str) -> None:
    assert label(PeriodKind.QUARTER, due) == expected


def test_half_year_nine_months_year_and_month_names() -> None:
    assert label(PeriodKind.HALF_YEAR, date(2020, 6, 10)) == "6 tháng đầu năm 2020"
    assert label(PeriodKind.HALF_YEAR, date(2020, 12, 10)) == "6 tháng cuối năm 2020"
    assert label(PeriodKind.NINE_MONTHS, date(2020, 9, 10)) == "9 tháng năm 2020"
    assert label(PeriodKind.YEAR, date(2020, 11, 10)) == "Năm 2020"
    assert label(PeriodKind.MONTH, date(2020, 7, 10)) == "Tháng 7/2020"


def test_the_implementing_documents_due_in_january_are_for_the_current_year() -> None:
    assert label(PeriodKind.YEAR, date(2020, 1, 20)) == "Năm 2020"


def test_a_shift_names_the_previous_period_across_the_year_boundary() -> None:
    assert label(PeriodKind.YEAR, date(2021, 1, 15), shift=-1) == "Năm 2020"
    assert label(PeriodKind.QUARTER, date(2021, 1, 15), shift=-1) == "Quý IV/2020"
    assert label(PeriodKind.MONTH, date(2021, 1, 5), shift=-1) == "Tháng 12/2020"


def test_a_fixed_label_replaces_the_computed_name() -> None:
    assert label(PeriodKind.NONE, date(2020, 7, 10), fixed="5 năm 2021-2025") == "5 năm 2021-2025"
    assert label(PeriodKind.YEAR, date(2020, 7, 10), fixed="2021-2025") == "2021-2025"


def test_periods_have_their_first_and_last_days() -> None:
    february = period_of(PeriodSpec(PeriodKind.MONTH), date(2024, 2, 10))
    assert (february.start, february.end) == (date(2024, 2, 1), date(2024, 2, 29))
    assert period_of(PeriodSpec(PeriodKind.NONE, "x"), date(2020, 1, 1)) == Period("x")


def test_an_unknown_period_kind_is_rejected_listing_the_known_ones() -> None:
    assert parse_period_kind(" Quarter ") is PeriodKind.QUARTER
    with pytest.raises(InvalidPeriod) as raised:
        parse_period_kind("quý")
    assert "half_year" in str(raised.value.params["reason"])


def test_a_period_without_dates_cannot_shift() -> None:
    with pytest.raises(InvalidPeriod):
        PeriodSpec(PeriodKind.NONE, "x", -1)


@given(st.sampled_from([k for k in PeriodKind if k is not PeriodKind.NONE]),
       st.dates(min_value=date(1902, 1, 1), max_value=date(2099, 12, 31)))
def test_the_period_contains_its_due_date_unless_it_is_nine_months(
    kind: PeriodKind, due: date,
) -> None:
    period = period_of(PeriodSpec(kind), due)
    assert period.start is not None and period.end is not None
    assert period.start <= due <= period.end or kind is PeriodKind.NINE_MONTHS
    assert str(period.start.year) in period.label
