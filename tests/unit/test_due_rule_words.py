"""Due rules said back in the officials' own words, and read again as the same rule."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.due_rules import DueRuleKind, QuarterMonth, RuleWords, parse_due_rule, rule_in_words
from bot.domain.recurrence import parse_rule, quarterly_rule
from bot.texts.due_rules_render import due_rule_text, rule_words_text
from config.province import load_province

NEW_YEAR_2020 = date(2020, 1, 1)  # the plan's year: the first dates are the province's own


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
