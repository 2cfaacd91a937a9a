"""Refused due rules: each says what was wrong and what to type instead, in both languages."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.due_rules import DUE_RULE_EXAMPLES, ECHO_LIMIT, parse_due_rule
from bot.domain.errors import (
    DateDoesNotExist,
    DayMissingFromMonths,
    DomainError,
    InvalidDate,
    LeapDayNotEveryYear,
    MonthlyDayTooLate,
    PastOneOffDate,
    UnrecognisedDueRule,
)
from bot.texts import error_text
from bot.texts.errors import ERROR_MESSAGES

LATE_2026 = date(2026, 11, 23)  # a Monday late in the year: rules roll into 2027
NEW_YEAR_2020 = date(2020, 1, 1)  # the plan's year: the first dates are the province's own


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
