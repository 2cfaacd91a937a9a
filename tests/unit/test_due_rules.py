"""Due rules typed in the officials' own words and read into iCalendar rules."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from bot.domain.due_rules import DueRule, DueRuleKind, parse_due_rule
from bot.domain.errors import InvalidRule
from bot.domain.periods import PeriodKind, PeriodSpec
from bot.domain.recurrence import (
    last_day_of_month_rule,
    monthly_rule,
    one_off_rule,
    quarterly_rule,
    yearly_rule,
)

LATE_2026 = date(2026, 11, 23)  # a Monday late in the year: rules roll into 2027
NEW_YEAR_2020 = date(2020, 1, 1)  # the plan's year: the first dates are the province's own


def _next_five(rule: DueRule) -> list[date]:
    dates = [rule.recurrence.start]
    while len(dates) < 5:
        following = rule.recurrence.next_date(dates[-1])
        assert following is not None
        dates.append(following)
    return dates


def _d(*days: str) -> list[date]:
    return [date.fromisoformat(day) for day in days]


JAN_20_FROM_2027 = _d("2027-01-20", "2028-01-20", "2029-01-20", "2030-01-20", "2031-01-20")
LAST_MONTH_OF_QUARTER_FROM_LATE_2026 = _d(
    "2026-12-10", "2027-03-10", "2027-06-10", "2027-09-10", "2027-12-10"
)
DAY_25_FROM_LATE_2026 = _d("2026-11-25", "2026-12-25", "2027-01-25", "2027-02-25", "2027-03-25")
MONTH_ENDS_FROM_LATE_2026 = _d("2026-11-30", "2026-12-31", "2027-01-31", "2027-02-28", "2027-03-31")

ACCEPTED_FROM_LATE_2026: list[tuple[str, DueRuleKind, list[date]]] = [
    ("20/01 hằng năm", DueRuleKind.YEARLY, JAN_20_FROM_2027),
    ("hằng năm 20/01", DueRuleKind.YEARLY, JAN_20_FROM_2027),
    ("ngày 20/01 hằng năm", DueRuleKind.YEARLY, JAN_20_FROM_2027),
    ("20/01 hàng năm", DueRuleKind.YEARLY, JAN_20_FROM_2027),
    ("20/01 mỗi năm", DueRuleKind.YEARLY, JAN_20_FROM_2027),
    ("20/01 hang nam", DueRuleKind.YEARLY, JAN_20_FROM_2027),
    ("yearly 20/01", DueRuleKind.YEARLY, JAN_20_FROM_2027),
    ("20-1 hằng năm", DueRuleKind.YEARLY, JAN_20_FROM_2027),
    ("20.01 hằng năm", DueRuleKind.YEARLY, JAN_20_FROM_2027),
    ("20 / 01 hằng năm", DueRuleKind.YEARLY, JAN_20_FROM_2027),
    ("ngày 20 tháng 01 hằng năm", DueRuleKind.YEARLY, JAN_20_FROM_2027),
    ("trước ngày 20/01 hằng năm", DueRuleKind.YEARLY, JAN_20_FROM_2027),
    (
        "23/11 hằng năm",
        DueRuleKind.YEARLY,
        _d("2026-11-23", "2027-11-23", "2028-11-23", "2029-11-23", "2030-11-23"),
    ),
    ("ngày 10 tháng cuối quý", DueRuleKind.QUARTERLY, LAST_MONTH_OF_QUARTER_FROM_LATE_2026),
    ("trước ngày 10 tháng cuối quý", DueRuleKind.QUARTERLY, LAST_MONTH_OF_QUARTER_FROM_LATE_2026),
    ("hằng quý ngày 10", DueRuleKind.QUARTERLY, LAST_MONTH_OF_QUARTER_FROM_LATE_2026),
    ("ngày 10 hằng quý", DueRuleKind.QUARTERLY, LAST_MONTH_OF_QUARTER_FROM_LATE_2026),
    ("ngày 10 của tháng cuối mỗi quý", DueRuleKind.QUARTERLY, LAST_MONTH_OF_QUARTER_FROM_LATE_2026),
    (
        "ngày 10 tháng đầu quý",
        DueRuleKind.QUARTERLY,
        _d("2027-01-10", "2027-04-10", "2027-07-10", "2027-10-10", "2028-01-10"),
    ),
    (
        "ngày 10 tháng giữa quý",
        DueRuleKind.QUARTERLY,
        _d("2027-02-10", "2027-05-10", "2027-08-10", "2027-11-10", "2028-02-10"),
    ),
    (
        "ngày 30 tháng cuối quý",
        DueRuleKind.QUARTERLY,
        _d("2026-12-30", "2027-03-30", "2027-06-30", "2027-09-30", "2027-12-30"),
    ),
    ("ngày 25 hằng tháng", DueRuleKind.MONTHLY, DAY_25_FROM_LATE_2026),
    ("hằng tháng ngày 25", DueRuleKind.MONTHLY, DAY_25_FROM_LATE_2026),
    ("25 hằng tháng", DueRuleKind.MONTHLY, DAY_25_FROM_LATE_2026),
    ("hằng tháng vào ngày 25", DueRuleKind.MONTHLY, DAY_25_FROM_LATE_2026),
    (
        "ngày 23 hằng tháng",
        DueRuleKind.MONTHLY,
        _d("2026-11-23", "2026-12-23", "2027-01-23", "2027-02-23", "2027-03-23"),
    ),
    ("cuối tháng", DueRuleKind.MONTH_END, MONTH_ENDS_FROM_LATE_2026),
    ("ngày cuối tháng", DueRuleKind.MONTH_END, MONTH_ENDS_FROM_LATE_2026),
    ("cuối mỗi tháng", DueRuleKind.MONTH_END, MONTH_ENDS_FROM_LATE_2026),
    ("hằng tháng ngày cuối", DueRuleKind.MONTH_END, MONTH_ENDS_FROM_LATE_2026),
    ("ngày cuối cùng của tháng", DueRuleKind.MONTH_END, MONTH_ENDS_FROM_LATE_2026),
]

ACCEPTED_FROM_2020: list[tuple[str, DueRuleKind, list[date]]] = [
    (
        "20/01 hằng năm",
        DueRuleKind.YEARLY,
        _d("2020-01-20", "2021-01-20", "2022-01-20", "2023-01-20", "2024-01-20"),
    ),
    (
        "01/01 hằng năm",
        DueRuleKind.YEARLY,
        _d("2020-01-01", "2021-01-01", "2022-01-01", "2023-01-01", "2024-01-01"),
    ),
    (
        "ngày 10 tháng cuối quý",
        DueRuleKind.QUARTERLY,
        _d("2020-03-10", "2020-06-10", "2020-09-10", "2020-12-10", "2021-03-10"),
    ),
    (
        "ngày 28 tháng giữa quý",
        DueRuleKind.QUARTERLY,
        _d("2020-02-28", "2020-05-28", "2020-08-28", "2020-11-28", "2021-02-28"),
    ),
    (
        "ngày 28 hằng tháng",
        DueRuleKind.MONTHLY,
        _d("2020-01-28", "2020-02-28", "2020-03-28", "2020-04-28", "2020-05-28"),
    ),
    (
        "cuối tháng",
        DueRuleKind.MONTH_END,
        _d("2020-01-31", "2020-02-29", "2020-03-31", "2020-04-30", "2020-05-31"),
    ),
]

PERIOD_OF_KIND = {
    DueRuleKind.YEARLY: PeriodKind.YEAR,
    DueRuleKind.QUARTERLY: PeriodKind.QUARTER,
    DueRuleKind.MONTHLY: PeriodKind.MONTH,
    DueRuleKind.MONTH_END: PeriodKind.MONTH,
    DueRuleKind.ONE_OFF: PeriodKind.NONE,
    DueRuleKind.CUSTOM: PeriodKind.NONE,
}


@pytest.mark.parametrize(("typed", "kind", "expected"), ACCEPTED_FROM_LATE_2026)
def test_each_accepted_form_gives_the_next_five_due_dates_from_today(
    typed: str, kind: DueRuleKind, expected: list[date]
) -> None:
    rule = parse_due_rule(typed, LATE_2026)
    assert rule.kind is kind
    assert _next_five(rule) == expected


@pytest.mark.parametrize(("typed", "kind", "expected"), ACCEPTED_FROM_2020)
def test_rules_typed_on_new_year_2020_start_on_the_first_date_of_2020(
    typed: str, kind: DueRuleKind, expected: list[date]
) -> None:
    rule = parse_due_rule(typed, NEW_YEAR_2020)
    assert rule.kind is kind
    assert _next_five(rule) == expected


@pytest.mark.parametrize("kind", list(DueRuleKind))
def test_each_kind_counts_its_reports_by_the_matching_period_without_shift(
    kind: DueRuleKind,
) -> None:
    typed = {
        DueRuleKind.ONE_OFF: "10/07/2027",
        DueRuleKind.CUSTOM: "DTSTART:20270120 RRULE:FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=20",
    }
    examples = {k: t for t, k, _ in ACCEPTED_FROM_LATE_2026} | typed
    rule = parse_due_rule(examples[kind], LATE_2026)
    assert rule.kind is kind
    assert rule.period == PeriodSpec(PERIOD_OF_KIND[kind])


def test_the_rules_built_are_the_core_builders_canonical_rules() -> None:
    assert parse_due_rule("20/01 hằng năm", NEW_YEAR_2020).recurrence == yearly_rule(
        date(2020, 1, 20)
    )
    assert parse_due_rule("ngày 10 tháng cuối quý", NEW_YEAR_2020).recurrence == quarterly_rule(
        date(2020, 3, 10)
    )
    assert parse_due_rule("ngày 25 hằng tháng", NEW_YEAR_2020).recurrence == monthly_rule(
        date(2020, 1, 25)
    )
    assert parse_due_rule("cuối tháng", NEW_YEAR_2020).recurrence == last_day_of_month_rule(
        date(2020, 1, 31)
    )
    assert parse_due_rule("10/07/2020", NEW_YEAR_2020).recurrence == one_off_rule(date(2020, 7, 10))


@pytest.mark.parametrize(
    "typed",
    [
        "10/07/2020",
        "ngày 10/07/2020",
        "10-7-2020",
        "10.07.2020",
        "ngày 10 tháng 7 năm 2020",
        "ngày 10/07/2020 (một lần)",
    ],
)
def test_a_full_date_is_a_one_off_deadline_on_that_day_only(typed: str) -> None:
    rule = parse_due_rule(typed, NEW_YEAR_2020)
    assert rule.kind is DueRuleKind.ONE_OFF
    assert rule.recurrence.start == date(2020, 7, 10)
    assert rule.recurrence.next_date(date(2020, 7, 10)) is None


def test_a_one_off_date_of_today_is_accepted() -> None:
    assert parse_due_rule("23/11/2026", LATE_2026).recurrence.start == LATE_2026


@pytest.mark.parametrize(
    "typed",
    [
        "NGÀY 10 THÁNG CUỐI QUÝ",
        "Ngày 10 Tháng Cuối Quý",
        unicodedata.normalize("NFD", "ngày 10 tháng cuối quý"),
        unicodedata.normalize("NFD", "NGÀY 10 THÁNG CUỐI QUÝ"),
        "ngay 10 thang cuoi quy",
        "  ngày   10\ttháng  cuối   quý.  ",
        "quarterly 10",
    ],
)
def test_case_composition_diacritics_and_spaces_do_not_matter(typed: str) -> None:
    rule = parse_due_rule(typed, NEW_YEAR_2020)
    assert rule.recurrence == quarterly_rule(date(2020, 3, 10))


@pytest.mark.parametrize(
    "typed",
    [
        "DTSTART:20200310 RRULE:FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=10",
        "DTSTART:20200310\nRRULE:FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=10",
        "dtstart:20200310 rrule:freq=yearly;bymonth=3,6,9,12;bymonthday=10",
    ],
)
def test_raw_icalendar_text_is_a_custom_rule_read_as_written(typed: str) -> None:
    rule = parse_due_rule(typed, LATE_2026)
    assert rule == DueRule(quarterly_rule(date(2020, 3, 10)), DueRuleKind.CUSTOM, PeriodSpec())


def test_an_rrule_without_dtstart_is_refused_naming_dtstart() -> None:
    with pytest.raises(InvalidRule) as refused:
        parse_due_rule("RRULE:FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=20", LATE_2026)
    assert refused.value.params["part"] == "DTSTART"
