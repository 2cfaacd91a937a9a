"""Reading and writing dates the Vietnamese way: 20/01/2021."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.dates import format_vn_date, parse_date_text, parse_vn_date
from bot.domain.errors import DateDoesNotExist, InvalidDate


def test_a_full_vietnamese_date_is_day_month_year() -> None:
    assert parse_vn_date("20/01/2021") == date(2021, 1, 20)
    assert parse_vn_date(" 2/9/2020 ") == date(2020, 9, 2)
    assert parse_vn_date("10.07.2020") == date(2020, 7, 10)
    assert parse_vn_date("10-07-2020") == date(2020, 7, 10)


def test_day_and_month_alone_take_the_given_year() -> None:
    assert parse_vn_date("10/07", default_year=2020) == date(2020, 7, 10)


def test_day_and_month_alone_without_a_year_are_rejected() -> None:
    with pytest.raises(InvalidDate) as raised:
        parse_vn_date("10/07")
    assert raised.value.params["value"] == "10/07"
    assert "year" in str(raised.value.params["reason"])


def test_31_february_is_rejected_saying_how_many_days_february_has() -> None:
    with pytest.raises(DateDoesNotExist) as raised:
        parse_vn_date("31/02/2021")
    assert raised.value.params["days_in_month"] == 28
    assert raised.value.params["value"] == "31/02/2021"


def test_29_february_exists_only_in_leap_years() -> None:
    assert parse_vn_date("29/02/2024") == date(2024, 2, 29)
    assert parse_vn_date("29/02/2000") == date(2000, 2, 29)
    with pytest.raises(DateDoesNotExist):
        parse_vn_date("29/02/2021")
    with pytest.raises(DateDoesNotExist):
        parse_vn_date("29/02/2100")


@pytest.mark.parametrize("text", ["", "hôm nay", "2021/01/20", "20/13/2021", "00/01/2021",
                                  "20/01/21", "20/01/1800", "20//01/2021"])
def test_text_that_is_not_a_date_is_rejected_as_invalid(text: str) -> None:
    with pytest.raises(InvalidDate):
        parse_vn_date(text)


def test_the_data_file_may_use_iso_or_vietnamese_dates() -> None:
    assert parse_date_text("2020-01-02") == date(2020, 1, 2)
    assert parse_date_text("02/01/2020") == date(2020, 1, 2)
    with pytest.raises(DateDoesNotExist):
        parse_date_text("2020-02-31")


def test_dates_are_written_with_two_digit_day_and_month() -> None:
    assert format_vn_date(date(2020, 7, 1)) == "01/07/2020"


@given(st.dates(min_value=date(1901, 1, 1), max_value=date(2100, 12, 31)))
def test_writing_then_reading_a_date_gives_it_back(day: date) -> None:
    assert parse_vn_date(format_vn_date(day)) == day
