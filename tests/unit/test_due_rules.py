"""Due rules typed in the officials' own words, read into iCalendar rules and said back."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from bot.domain.due_rules import (
    DUE_RULE_EXAMPLES,
    ECHO_LIMIT,
    DueRule,
    DueRuleKind,
    QuarterMonth,
    RuleWords,
    parse_due_rule,
    rule_in_words,
)
from bot.domain.errors import (
    DateDoesNotExist,
    DayMissingFromMonths,
    DomainError,
    InvalidDate,
    InvalidRule,
    LeapDayNotEveryYear,
    MonthlyDayTooLate,
    PastOneOffDate,
    UnrecognisedDueRule,
)
from bot.domain.periods import PeriodKind, PeriodSpec
from bot.domain.recurrence import (
    last_day_of_month_rule,
    monthly_rule,
    one_off_rule,
    parse_rule,
    quarterly_rule,
    yearly_rule,
)
from bot.texts import error_text
from bot.texts.due_rules_render import due_rule_text, rule_words_text
from bot.texts.errors import ERROR_MESSAGES
from config.province import load_province

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


# Refusals: the typed text, the error class, and the params the user's message is built from.
REFUSALS: list[tuple[str, date, type[DomainError], dict[str, object]]] = [
    (
        "05/01/2026",
        LATE_2026,
        PastOneOffDate,
        {"date": "05/01/2026", "today": "23/11/2026", "example": "05/01 hằng năm"},
    ),
    (
        "31/02/2021",
        NEW_YEAR_2020,
        DateDoesNotExist,
        {"value": "31/02/2021", "day": 31, "month": 2, "year": 2021, "days_in_month": 28},
    ),
    ("20/13/2021", NEW_YEAR_2020, InvalidDate, {"value": "20/13/2021"}),
    ("20/13 hằng năm", NEW_YEAR_2020, InvalidDate, {"value": "20/13"}),
    (
        "29/02 hằng năm",
        NEW_YEAR_2020,
        LeapDayNotEveryYear,
        {"typed": "29/02 hằng năm", "example": "28/02 hằng năm"},
    ),
    (
        "31/04 hằng năm",
        NEW_YEAR_2020,
        DayMissingFromMonths,
        {"day": 31, "months": (4,), "example": "30/04 hằng năm"},
    ),
    (
        "30/02 hằng năm",
        NEW_YEAR_2020,
        DayMissingFromMonths,
        {"day": 30, "months": (2,), "example": "28/02 hằng năm"},
    ),
    (
        "ngày 31 tháng cuối quý",
        NEW_YEAR_2020,
        DayMissingFromMonths,
        {"day": 31, "months": (6, 9), "example": "ngày 30 tháng cuối quý"},
    ),
    (
        "ngày 31 tháng đầu quý",
        NEW_YEAR_2020,
        DayMissingFromMonths,
        {"day": 31, "months": (4,), "example": "ngày 30 tháng đầu quý"},
    ),
    (
        "ngày 31 hằng quý",
        NEW_YEAR_2020,
        DayMissingFromMonths,
        {"day": 31, "months": (6, 9), "example": "ngày 30 tháng cuối quý"},
    ),
    (
        "ngày 30 tháng giữa quý",
        NEW_YEAR_2020,
        DayMissingFromMonths,
        {"day": 30, "months": (2,), "example": "ngày 28 tháng giữa quý"},
    ),
    (
        "ngày 31 tháng giữa quý",
        NEW_YEAR_2020,
        DayMissingFromMonths,
        {"day": 31, "months": (2, 11), "example": "ngày 28 tháng giữa quý"},
    ),
    (
        "ngày 29 tháng giữa quý",
        NEW_YEAR_2020,
        LeapDayNotEveryYear,
        {"typed": "ngày 29 tháng giữa quý", "example": "ngày 28 tháng giữa quý"},
    ),
    (
        "ngày 29 hằng tháng",
        NEW_YEAR_2020,
        MonthlyDayTooLate,
        {"day": 29, "maximum": 28, "example": "cuối tháng"},
    ),
    (
        "ngày 31 hằng tháng",
        NEW_YEAR_2020,
        MonthlyDayTooLate,
        {"day": 31, "maximum": 28, "example": "cuối tháng"},
    ),
    (
        "hôm qua",
        NEW_YEAR_2020,
        UnrecognisedDueRule,
        {"typed": "hôm qua", "examples": DUE_RULE_EXAMPLES},
    ),
    (
        "ngày 0 hằng tháng",
        NEW_YEAR_2020,
        UnrecognisedDueRule,
        {"typed": "ngày 0 hằng tháng", "examples": DUE_RULE_EXAMPLES},
    ),
    (
        "20/01/2021 hằng năm",
        NEW_YEAR_2020,
        UnrecognisedDueRule,
        {"typed": "20/01/2021 hằng năm", "examples": DUE_RULE_EXAMPLES},
    ),
    ("", NEW_YEAR_2020, UnrecognisedDueRule, {"typed": "", "examples": DUE_RULE_EXAMPLES}),
]


@pytest.mark.parametrize(("typed", "today", "error", "params"), REFUSALS)
def test_a_rule_that_cannot_be_kept_is_refused_with_what_to_type_instead(
    typed: str, today: date, error: type[DomainError], params: dict[str, object]
) -> None:
    with pytest.raises(error) as refused:
        parse_due_rule(typed, today)
    assert type(refused.value) is error
    assert {name: refused.value.params[name] for name in params} == params


def test_a_pasted_essay_is_echoed_back_cut_to_sixty_characters() -> None:
    essay = "Báo cáo tình hình thực hiện kế hoạch " * 20
    with pytest.raises(UnrecognisedDueRule) as refused:
        parse_due_rule(essay, LATE_2026)
    echoed = str(refused.value.params["typed"])
    assert len(echoed) == ECHO_LIMIT
    assert echoed.endswith("…")
    assert essay.startswith(echoed[:-1])


def test_the_refusal_lists_every_accepted_form_with_its_example() -> None:
    with pytest.raises(UnrecognisedDueRule) as refused:
        parse_due_rule("<b>sớm nhất có thể</b>", LATE_2026)
    message = error_text(refused.value, "vi")
    assert "“&lt;b&gt;sớm nhất có thể&lt;/b&gt;”" in message
    for example in DUE_RULE_EXAMPLES:
        assert f"<code>{example}</code>" in message


@pytest.mark.parametrize(
    ("typed", "today"),
    [(t, d) for t, d, _, _ in REFUSALS[:1]]
    + [
        ("29/02 hằng năm", NEW_YEAR_2020),
        ("ngày 31 tháng cuối quý", NEW_YEAR_2020),
        ("ngày 29 hằng tháng", NEW_YEAR_2020),
        ("hôm qua", NEW_YEAR_2020),
    ],
)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_each_new_refusal_has_its_own_message_in_both_languages(
    typed: str, today: date, lang: str
) -> None:
    with pytest.raises(DomainError) as refused:
        parse_due_rule(typed, today)
    rendered = error_text(refused.value, lang)  # type: ignore[arg-type]
    assert rendered != ERROR_MESSAGES["invalid_input"][lang]
    assert "{" not in rendered


# Round trip: typed → rule → words → the text officials read (and could type again).
ROUND_TRIPS: list[tuple[str, RuleWords, str, str]] = [
    (
        "10/07/2020",
        RuleWords(DueRuleKind.ONE_OFF, one_off_date=date(2020, 7, 10)),
        "ngày 10/07/2020 (một lần)",
        "once, on 10/07/2020",
    ),
    (
        "20/1 hang nam",
        RuleWords(DueRuleKind.YEARLY, day=20, month=1),
        "ngày 20/01 hằng năm",
        "every year on 20/01",
    ),
    (
        "hằng quý ngày 10",
        RuleWords(DueRuleKind.QUARTERLY, day=10, quarter_month=QuarterMonth.LAST),
        "ngày 10 tháng cuối quý",
        "on day 10 of the last month of each quarter",
    ),
    (
        "ngày 5 tháng đầu quý",
        RuleWords(DueRuleKind.QUARTERLY, day=5, quarter_month=QuarterMonth.FIRST),
        "ngày 5 tháng đầu quý",
        "on day 5 of the first month of each quarter",
    ),
    (
        "ngày 15 tháng giữa quý",
        RuleWords(DueRuleKind.QUARTERLY, day=15, quarter_month=QuarterMonth.MIDDLE),
        "ngày 15 tháng giữa quý",
        "on day 15 of the middle month of each quarter",
    ),
    (
        "25 hằng tháng",
        RuleWords(DueRuleKind.MONTHLY, day=25),
        "ngày 25 hằng tháng",
        "every month on day 25",
    ),
    (
        "cuối mỗi tháng",
        RuleWords(DueRuleKind.MONTH_END),
        "ngày cuối tháng",
        "on the last day of every month",
    ),
    (
        "DTSTART:20200103 RRULE:FREQ=WEEKLY;BYDAY=FR",
        RuleWords(DueRuleKind.CUSTOM, text="DTSTART:20200103\nRRULE:FREQ=WEEKLY;BYDAY=FR"),
        "theo quy tắc <code>DTSTART:20200103 RRULE:FREQ=WEEKLY;BYDAY=FR</code>",
        "by the rule <code>DTSTART:20200103 RRULE:FREQ=WEEKLY;BYDAY=FR</code>",
    ),
]


@pytest.mark.parametrize(("typed", "words", "vi", "en"), ROUND_TRIPS)
def test_a_rule_typed_is_said_back_the_way_officials_say_it(
    typed: str, words: RuleWords, vi: str, en: str
) -> None:
    rule = parse_due_rule(typed, NEW_YEAR_2020)
    assert rule_in_words(rule.recurrence) == words
    assert rule_words_text(words, "vi") == vi
    assert rule_words_text(words, "en") == en
    assert due_rule_text(rule.recurrence, "vi") == vi


@pytest.mark.parametrize(("typed", "words", "vi", "en"), ROUND_TRIPS[:-1])
def test_the_words_said_back_read_again_as_the_same_rule(
    typed: str, words: RuleWords, vi: str, en: str
) -> None:
    rule = parse_due_rule(typed, NEW_YEAR_2020)
    assert parse_due_rule(vi, NEW_YEAR_2020) == rule


def test_a_rule_that_ends_says_until_when() -> None:
    rule = quarterly_rule(date(2020, 3, 10), until=date(2025, 12, 31))
    assert rule_in_words(rule) == RuleWords(
        DueRuleKind.QUARTERLY, day=10, quarter_month=QuarterMonth.LAST, until=date(2025, 12, 31)
    )
    assert due_rule_text(rule, "vi") == "ngày 10 tháng cuối quý, đến hết ngày 31/12/2025"
    assert due_rule_text(rule, "en") == (
        "on day 10 of the last month of each quarter, until 31/12/2025"
    )


@pytest.mark.parametrize(
    "text",
    [
        "DTSTART:20200120\nRRULE:FREQ=YEARLY;BYMONTH=1,7;BYMONTHDAY=20",  # twice a year
        "DTSTART:20200120\nRRULE:FREQ=YEARLY;INTERVAL=2;BYMONTH=1;BYMONTHDAY=20",
        "DTSTART:20200120\nRRULE:FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=20\nEXDATE:20210120",
        "DTSTART:20200130\nRRULE:FREQ=MONTHLY;BYMONTHDAY=-2",
        "DTSTART:20200310\nRRULE:FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=10;COUNT=4",
        "DTSTART:20200710\nRDATE:20200710,20200720",
    ],
)
def test_any_other_rule_is_described_as_the_rule_itself(text: str) -> None:
    recurrence = parse_rule(text)
    assert rule_in_words(recurrence) == RuleWords(DueRuleKind.CUSTOM, text=recurrence.text)


def test_a_custom_rule_is_escaped_for_html() -> None:
    words = RuleWords(DueRuleKind.CUSTOM, text="DTSTART:20200101 <b>&")
    escaped = "DTSTART:20200101 &lt;b&gt;&amp;"
    assert rule_words_text(words, "vi") == f"theo quy tắc <code>{escaped}</code>"


def test_the_province_deadlines_are_said_in_the_plan_s_own_words() -> None:
    said = {
        deadline.code: due_rule_text(deadline.rule, "vi") for deadline in load_province().deadlines
    }
    assert said == {
        "trienkhai": "ngày 20/01 hằng năm",
        "quy": "ngày 10 tháng cuối quý",
        "khnam_noidung": "ngày 10/07/2020 (một lần)",
        "khnam_duthao": "ngày 20/07/2020 (một lần)",
        "tongket": "ngày 10/11 hằng năm",
    }
