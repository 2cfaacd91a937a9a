"""Recurrence rules: RFC 5545 text evaluated by dateutil, validated with precise messages."""

from __future__ import annotations

import time
from datetime import date

import pytest

from bot.domain.errors import InvalidRule, RuleNeverFires
from bot.domain.recurrence import (
    last_day_of_month_rule,
    monthly_rule,
    one_off_rule,
    parse_rule,
    quarterly_rule,
    yearly_rule,
)

QUARTERLY = "DTSTART:20200310\nRRULE:FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=10"


def test_quarterly_report_is_due_on_10th_of_last_month_of_each_quarter() -> None:
    rule = parse_rule(QUARTERLY)
    assert rule.dates_between(date(2020, 1, 1), date(2020, 12, 31)) == (
        date(2020, 3, 10), date(2020, 6, 10), date(2020, 9, 10), date(2020, 12, 10),
    )


def test_every_quarter_s_date_is_right_for_two_centuries() -> None:
    dates = parse_rule(QUARTERLY).dates_between(date(1901, 1, 1), date(2100, 12, 31))
    expected = tuple(date(year, month, 10) for year in range(2020, 2101) for month in (3, 6, 9, 12))
    assert dates == expected


def test_a_yearly_rule_fires_on_the_same_day_every_year() -> None:
    rule = parse_rule("DTSTART:20200120\nRRULE:FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=20")
    assert rule.dates_between(date(2020, 1, 1), date(2022, 12, 31)) == (
        date(2020, 1, 20), date(2021, 1, 20), date(2022, 1, 20),
    )


def test_a_one_off_rule_fires_once() -> None:
    rule = parse_rule("DTSTART:20200710\nRDATE:20200710")
    assert rule.dates_between(date(2000, 1, 1), date(2100, 12, 31)) == (date(2020, 7, 10),)
    assert parse_rule("DTSTART:20200710\nRRULE:FREQ=YEARLY;COUNT=1").dates_between(
        date(2000, 1, 1), date(2100, 12, 31)) == (date(2020, 7, 10),)


def test_a_rule_with_an_end_date_stops_after_it() -> None:
    rule = parse_rule(QUARTERLY + ";UNTIL=20211231")
    assert rule.dates_between(date(2021, 12, 1), date(2030, 12, 31)) == (date(2021, 12, 10),)
    assert rule.next_date(date(2021, 12, 10)) is None


def test_the_last_day_of_the_month_follows_leap_years() -> None:
    rule = parse_rule("DTSTART:20240131\nRRULE:FREQ=MONTHLY;BYMONTHDAY=-1")
    assert date(2024, 2, 29) in rule.dates_between(date(2024, 2, 1), date(2024, 2, 29))
    assert rule.dates_between(date(2025, 2, 1), date(2025, 2, 28)) == (date(2025, 2, 28),)
    assert rule.dates_between(date(2100, 2, 1), date(2100, 3, 1)) == (date(2100, 2, 28),)


def test_29_february_yearly_fires_only_in_leap_years() -> None:
    rule = parse_rule("DTSTART:20200229\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29")
    assert rule.dates_between(date(2020, 1, 1), date(2032, 12, 31)) == (
        date(2020, 2, 29), date(2024, 2, 29), date(2028, 2, 29), date(2032, 2, 29),
    )


def test_previous_and_next_dates_of_a_rule() -> None:
    rule = parse_rule(QUARTERLY)
    assert rule.previous_date(date(2021, 3, 10)) == date(2020, 12, 10)
    assert rule.previous_date(date(2020, 3, 10)) is None
    assert rule.next_date(date(2020, 12, 10)) == date(2021, 3, 10)


def test_an_excluded_date_is_skipped() -> None:
    rule = parse_rule(QUARTERLY + "\nEXDATE:20200610")
    assert date(2020, 6, 10) not in rule.dates_between(date(2020, 1, 1), date(2020, 12, 31))


def test_rules_are_stored_in_canonical_form() -> None:
    rule = parse_rule("  dtstart;VALUE=DATE:20200310   rrule:freq=yearly;bymonth=3,6,9,12;"
                      "bymonthday=10  ")
    assert rule.text == QUARTERLY
    assert rule.start == date(2020, 3, 10)
    assert parse_rule(rule.text) == rule


def test_builders_write_the_usual_rules() -> None:
    assert quarterly_rule(date(2020, 3, 10)) == parse_rule(QUARTERLY)
    assert yearly_rule(date(2020, 11, 10)).dates_between(date(2021, 1, 1), date(2021, 12, 31)) \
        == (date(2021, 11, 10),)
    assert one_off_rule(date(2020, 7, 20)).text == "DTSTART:20200720\nRDATE:20200720"
    assert monthly_rule(date(2020, 1, 25), until=date(2020, 3, 31)).dates_between(
        date(2020, 1, 1), date(2020, 12, 31)) == (date(2020, 1, 25), date(2020, 2, 25),
                                                  date(2020, 3, 25))
    assert last_day_of_month_rule(date(2020, 1, 31)).next_date(date(2020, 1, 31)) == \
        date(2020, 2, 29)


def test_a_quarterly_rule_can_use_another_month_of_the_quarter() -> None:
    assert quarterly_rule(date(2020, 1, 15)).dates_between(date(2020, 1, 1), date(2020, 12, 31)) \
        == (date(2020, 1, 15), date(2020, 4, 15), date(2020, 7, 15), date(2020, 10, 15))


@pytest.mark.parametrize(
    ("text", "part", "reason_words"),
    [
        ("", "", "empty"),
        ("RRULE:FREQ=YEARLY", "DTSTART", "missing"),
        ("DTSTART:20200120", "RRULE", "RRULE"),
        ("DTSTART:20200120\nRRULE:FREQ=HOURLY", "FREQ=HOURLY", "FREQ"),
        ("DTSTART:20200120\nRRULE:FREQ=YEARLY;BYMONTH=13", "BYMONTH=13", "between 1 and 12"),
        ("DTSTART:20200120\nRRULE:FREQ=YEARLY;BYMONTHDAY=32", "BYMONTHDAY=32", "not 32"),
        ("DTSTART:20200120\nRRULE:FREQ=YEARLY;BYMONTHDAY=0", "BYMONTHDAY=0", "not 0"),
        ("DTSTART:20200120\nRRULE:FREQ=YEARLY;BYHOUR=8", "BYHOUR=8", "unsupported"),
        ("DTSTART:20200120\nRRULE:FREQ=YEARLY;COUNT=2;UNTIL=20220101", "FREQ=YEARLY;COUNT=2;"
         "UNTIL=20220101", "COUNT and UNTIL"),
        ("DTSTART:20200120\nRRULE:BYMONTH=1", "BYMONTH=1", "FREQ"),
        ("DTSTART:20200120\nRRULE:FREQ=YEARLY;FREQ=MONTHLY", "FREQ=MONTHLY", "twice"),
        ("DTSTART:20200231\nRDATE:20200231", "DTSTART:20200231", "29 days"),
        ("DTSTART:20200120T080000Z\nRDATE:20200120", "DTSTART:20200120T080000Z", "YYYYMMDD"),
        ("DTSTART;TZID=Asia/Ho_Chi_Minh:20200120\nRDATE:20200120",
         "DTSTART;TZID=Asia/Ho_Chi_Minh:20200120", "parameter"),
        ("DTSTART:20200120\nDTSTART:20200121\nRDATE:20200121", "DTSTART:20200121", "one"),
        ("DTSTART:20200120\nRRULE:FREQ=YEARLY\nRRULE:FREQ=MONTHLY", "RRULE:FREQ=MONTHLY",
         "one RRULE"),
        ("DTSTART:20200120\nRDATE:20190101", "RDATE:20190101", "before DTSTART"),
        ("DTSTART:20200101\n" + QUARTERLY.split("\n")[1], "DTSTART:20200101", "20200310"),
        ("hằng quý ngày 10", "hằng", "DTSTART"),
    ],
)
def test_a_malformed_rule_is_rejected_naming_the_part_and_the_reason(
    text: str, part: str, reason_words: str,
) -> None:
    with pytest.raises(InvalidRule) as raised:
        parse_rule(text)
    assert raised.value.params["part"] == part
    assert reason_words in str(raised.value.params["reason"])
    assert raised.value.params["rule"] == text


@pytest.mark.parametrize(
    "text",
    [
        "DTSTART:20200101\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
        "DTSTART:20200101\nRRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31",
        "DTSTART:20200101\nRRULE:FREQ=MONTHLY;BYDAY=+6MO",
        "DTSTART:20200120\nRRULE:FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=20;UNTIL=20190101",
        "DTSTART:20200120\nRRULE:FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=20;COUNT=1\nEXDATE:20200120",
    ],
)
def test_a_rule_that_never_fires_is_rejected_quickly(text: str) -> None:
    started = time.perf_counter()
    with pytest.raises(RuleNeverFires) as raised:
        parse_rule(text)
    assert time.perf_counter() - started < 2
    assert raised.value.params["years"] == 10


def test_a_rule_whose_first_date_is_more_than_ten_years_away_never_fires_soon_enough() -> None:
    # 29 February on a Monday: 2016, then 2044.
    with pytest.raises(RuleNeverFires):
        parse_rule("DTSTART:20170101\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO")
