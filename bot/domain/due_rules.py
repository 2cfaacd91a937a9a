"""Due rules typed the way officials say them ('20/01 hằng năm', 'ngày 10 tháng cuối quý'),
read into RFC 5545 rules, and stored rules described back in the same words.

Typed text is folded first (case, NFC/NFD, diacritics, 'hằng'/'hàng'/'mỗi', date separators,
spaces), so '20-1 hang nam' and 'Ngày 20/01 Hằng Năm' read alike. A rule that would silently
skip some months or years (29/02 every year, the 31st every month) is refused with a suggestion,
because a reminder that never comes is worse than a question now.
"""

from __future__ import annotations

import calendar as gregorian
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.domain.dates import checked_date, format_vn_date
from bot.domain.errors import (
    DayMissingFromMonths,
    InvalidDate,
    LeapDayNotEveryYear,
    MonthlyDayTooLate,
    PastOneOffDate,
    UnrecognisedDueRule,
)
from bot.domain.periods import PeriodKind, PeriodSpec
from bot.domain.recurrence import (
    Recurrence,
    last_day_of_month_rule,
    monthly_rule,
    one_off_rule,
    parse_rule,
    quarterly_rule,
    yearly_rule,
)
from bot.domain.units import fold_code

# One example per accepted form, in the order the refusal message lists them.
DUE_RULE_EXAMPLES = (
    "10/07/2020",
    "20/01 hằng năm",
    "ngày 10 tháng cuối quý",
    "ngày 25 hằng tháng",
    "cuối tháng",
)
# What a refusal echoes of the typed text: enough to recognise it, not a pasted essay.
ECHO_LIMIT = 60
# Every month has days 1..28, so a monthly rule up to the 28th never skips a month.
LAST_DAY_IN_EVERY_MONTH = 28
_COMMON_YEAR = 2001  # February has 28 days
_ICALENDAR_NAMES = ("DTSTART", "RRULE", "RDATE", "EXDATE")


class DueRuleKind(StrEnum):
    """The shape of a due rule, as officials name it."""

    ONE_OFF = "one_off"
    YEARLY = "yearly"
    QUARTERLY = "quarterly"
    MONTHLY = "monthly"
    MONTH_END = "month_end"
    CUSTOM = "custom"


class QuarterMonth(StrEnum):
    """Which month of each quarter a quarterly rule falls in ('tháng đầu/giữa/cuối quý')."""

    FIRST = "first"
    MIDDLE = "middle"
    LAST = "last"


_QUARTER_MONTHS = {
    QuarterMonth.FIRST: (1, 4, 7, 10),
    QuarterMonth.MIDDLE: (2, 5, 8, 11),
    QuarterMonth.LAST: (3, 6, 9, 12),
}
_QUARTER_WORDS = {"dau": QuarterMonth.FIRST, "giua": QuarterMonth.MIDDLE, "cuoi": QuarterMonth.LAST}
_QUARTER_EXAMPLE_WORDS = {
    QuarterMonth.FIRST: "đầu",
    QuarterMonth.MIDDLE: "giữa",
    QuarterMonth.LAST: "cuối",
}
_PERIOD_OF_KIND = {
    DueRuleKind.YEARLY: PeriodKind.YEAR,
    DueRuleKind.QUARTERLY: PeriodKind.QUARTER,
    DueRuleKind.MONTHLY: PeriodKind.MONTH,
    DueRuleKind.MONTH_END: PeriodKind.MONTH,
}


@dataclass(frozen=True, slots=True)
class DueRule:
    """A typed due rule read: the rule, its kind and the period its reports cover."""

    recurrence: Recurrence
    kind: DueRuleKind
    period: PeriodSpec


@dataclass(frozen=True, slots=True)
class RuleWords:
    """A stored rule as officials would say it; the fields its kind needs are set.

    one_off: one_off_date; yearly: day, month; quarterly: day, quarter_month; monthly: day;
    month_end: nothing; custom: text (the rule itself). `until` is the last day a rule may fall.
    """

    kind: DueRuleKind
    day: int | None = None
    month: int | None = None
    quarter_month: QuarterMonth | None = None
    one_off_date: date | None = None
    until: date | None = None
    text: str = ""


def parse_due_rule(typed: str, today: date) -> DueRule:
    """Read a due rule typed in words (or raw iCalendar text); its first date is on/after today.

    Raise UnrecognisedDueRule for text in no accepted form, InvalidRule for bad iCalendar text,
    and the specific errors of each form (past one-off date, days some months lack).
    """
    stripped = unicodedata.normalize("NFC", typed).strip()
    if stripped.upper().startswith(_ICALENDAR_NAMES):
        return DueRule(parse_rule(stripped), DueRuleKind.CUSTOM, PeriodSpec())
    folded = _folded(stripped)
    for pattern, read in _FORMS:
        match = pattern.fullmatch(folded)
        if match is not None:
            return read(match, today, stripped)
    raise UnrecognisedDueRule(
        typed=_echo(stripped),
        examples=DUE_RULE_EXAMPLES,
        reason="the due rule is in none of the accepted forms",
    )


def _folded(text: str) -> str:
    """Lowercase ASCII words with one spelling per meaning, e.g. 'ngay 20/1 hang nam'."""
    folded = re.sub(r"[(),;:!?]", " ", fold_code(text)).strip(" .")
    folded = re.sub(r"(?<=\d)\s*[/.-]\s*(?=\d)", "/", folded)
    for pattern, replacement in _SYNONYMS:
        folded = " ".join(re.sub(pattern, replacement, " ".join(folded.split())).split())
    return folded


# Applied in order to the folded text: words that mean the same become one word, filler goes.
_SYNONYMS: tuple[tuple[str, str], ...] = (
    (r"\bmoi\b", "hang"),  # 'mỗi năm' = 'hằng năm' = 'hàng năm' (the last two fold alike)
    (r"\b(?:yearly|annually|every year)\b", "hang nam"),
    (r"\b(?:quarterly|every quarter)\b", "hang quy"),
    (r"\b(?:last day of|end of)(?: the| each| every)? month\b|\bmonth end\b", "cuoi thang"),
    (r"\b(?:monthly|every month)\b", "hang thang"),
    (r"\bcuoi cung\b", "cuoi"),  # 'ngày cuối cùng của tháng'
    (r"\b(?:vao|cua)\b", ""),  # 'hằng tháng vào ngày 25', 'ngày 10 của tháng cuối quý'
    (r"^(?:(?:han|truoc) )+", ""),  # 'trước ngày 10 tháng cuối quý', as plans write it
    # 'ngày 20 tháng 01 (năm 2020)' is the long way of writing 20/01(/2020).
    (r"\b(\d{1,2}) thang (\d{1,2})(?: nam (\d{4}))?\b", r"\1/\2/\3"),
    (r"/(?= |$)", ""),  # the empty year left by the line above
)

_DAY = r"(0?[1-9]|[1-9]\d)"  # no day 0; days past the month's end are refused with a reason
_ON = r"(?:ngay )?"


def _read_one_off(match: re.Match[str], today: date, typed: str) -> DueRule:
    day, month, year = int(match[1]), int(match[2]), int(match[3])
    due = checked_date(f"{match[1]}/{match[2]}/{match[3]}", year, month, day)
    if due < today:
        raise PastOneOffDate(
            date=format_vn_date(due),
            today=format_vn_date(today),
            example=f"{day:02d}/{month:02d} hằng năm",
            reason="a one-off due date must not be in the past",
        )
    return _due(one_off_rule(due), DueRuleKind.ONE_OFF)


def _read_yearly(match: re.Match[str], today: date, typed: str) -> DueRule:
    day, month = int(match[1]), int(match[2])
    if not 1 <= month <= 12:
        raise InvalidDate(value=f"{match[1]}/{match[2]}", reason=f"there is no month {month}")
    if (day, month) == (29, 2):
        raise LeapDayNotEveryYear(
            typed=_echo(typed),
            example="28/02 hằng năm",
            reason="29/02 every year would skip three years in four",
        )
    longest = gregorian.monthrange(_COMMON_YEAR, month)[1]  # 29/02 is refused above
    if day > longest:
        raise DayMissingFromMonths(
            day=day,
            months=(month,),
            example=f"{longest:02d}/{month:02d} hằng năm",
            reason=f"month {month} has no day {day}",
        )
    return _due(yearly_rule(_first_on_or_after(today, (month,), day)), DueRuleKind.YEARLY)


def _read_quarterly(match: re.Match[str], today: date, typed: str) -> DueRule:
    day = int(match[1])
    # 'hằng quý ngày 10' means the last month: the province's 'ngày 10 tháng cuối quý'.
    words = match.groups()
    which = _QUARTER_WORDS[words[1]] if len(words) > 1 else QuarterMonth.LAST
    months = _QUARTER_MONTHS[which]
    lacking = tuple(m for m in months if day > gregorian.monthrange(_COMMON_YEAR, m)[1])
    shortest = min(gregorian.monthrange(_COMMON_YEAR, m)[1] for m in months)
    example = f"ngày {shortest} tháng {_QUARTER_EXAMPLE_WORDS[which]} quý"
    if lacking == (2,) and day == 29:
        raise LeapDayNotEveryYear(
            typed=_echo(typed),
            example=example,
            reason="the 29th of February would skip three years in four",
        )
    if lacking:
        raise DayMissingFromMonths(
            day=day, months=lacking, example=example, reason=f"months {lacking} have no day {day}"
        )
    return _due(quarterly_rule(_first_on_or_after(today, months, day)), DueRuleKind.QUARTERLY)


def _read_monthly(match: re.Match[str], today: date, typed: str) -> DueRule:
    day = int(match[1])
    if day > LAST_DAY_IN_EVERY_MONTH:
        raise MonthlyDayTooLate(
            day=day,
            maximum=LAST_DAY_IN_EVERY_MONTH,
            example="cuối tháng",
            reason=f"day {day} is missing from some months",
        )
    first = _first_on_or_after(today, range(1, 13), day)
    return _due(monthly_rule(first), DueRuleKind.MONTHLY)


def _read_month_end(match: re.Match[str], today: date, typed: str) -> DueRule:
    month_end = date(today.year, today.month, gregorian.monthrange(today.year, today.month)[1])
    return _due(last_day_of_month_rule(month_end), DueRuleKind.MONTH_END)


def _first_on_or_after(today: date, months: Sequence[int], day: int) -> date:
    """The first date on or after `today` falling on `day` of one of `months` (all have it)."""
    for year in (today.year, today.year + 1):
        for month in months:
            candidate = date(year, month, day)
            if candidate >= today:
                return candidate
    raise AssertionError("every month list recurs within a year")  # pragma: no cover


def _due(recurrence: Recurrence, kind: DueRuleKind) -> DueRule:
    return DueRule(recurrence, kind, PeriodSpec(_PERIOD_OF_KIND.get(kind, PeriodKind.NONE)))


def _echo(typed: str) -> str:
    """The typed text on one line, cut to ECHO_LIMIT characters."""
    line = " ".join(typed.split())
    return line if len(line) <= ECHO_LIMIT else line[: ECHO_LIMIT - 1] + "…"


_Reader = Callable[[re.Match[str], date, str], DueRule]
_FORMS: tuple[tuple[re.Pattern[str], _Reader], ...] = tuple(
    (re.compile(pattern), read)
    for pattern, read in (
        (rf"{_ON}{_DAY}/(\d{{1,2}})/(\d{{4}})(?: mot lan)?", _read_one_off),
        (rf"{_ON}{_DAY}/(\d{{1,2}}) hang nam", _read_yearly),
        (rf"hang nam {_ON}{_DAY}/(\d{{1,2}})", _read_yearly),
        (rf"(?:hang quy )?{_ON}{_DAY} thang (dau|giua|cuoi) (?:hang )?quy", _read_quarterly),
        (rf"hang quy {_ON}{_DAY}", _read_quarterly),
        (rf"{_ON}{_DAY} hang quy", _read_quarterly),
        (rf"{_ON}{_DAY} hang thang", _read_monthly),
        (rf"hang thang {_ON}{_DAY}", _read_monthly),
        (rf"{_ON}cuoi (?:hang )?thang(?: hang thang)?", _read_month_end),
        (rf"hang thang {_ON}cuoi(?: thang)?", _read_month_end),
    )
)


def rule_in_words(recurrence: Recurrence) -> RuleWords:
    """Describe a stored rule by kind; rules other than the builders' canonical ones are custom."""
    custom = RuleWords(DueRuleKind.CUSTOM, text=recurrence.text)
    lines = {
        name: value
        for name, _, value in (line.partition(":") for line in recurrence.text.split("\n"))
    }
    if lines.keys() == {"DTSTART", "RDATE"} and lines["RDATE"] == lines["DTSTART"]:
        return RuleWords(DueRuleKind.ONE_OFF, one_off_date=recurrence.start)
    if lines.keys() != {"DTSTART", "RRULE"}:
        return custom
    parts = dict(part.partition("=")[::2] for part in lines["RRULE"].split(";"))
    until_text = parts.pop("UNTIL", None)
    until = _ical_date(until_text) if until_text is not None else None
    words = _words_of_parts(parts)
    if words is None:
        return custom
    return RuleWords(words.kind, words.day, words.month, words.quarter_month, until=until)


def _words_of_parts(parts: dict[str, str]) -> RuleWords | None:
    """The words of an RRULE without UNTIL, or None when it is not one of the named kinds."""
    frequency, day = parts.get("FREQ"), _number(parts.get("BYMONTHDAY", ""))
    if frequency == "MONTHLY" and parts.keys() == {"FREQ", "BYMONTHDAY"}:
        if day == -1:
            return RuleWords(DueRuleKind.MONTH_END)
        return RuleWords(DueRuleKind.MONTHLY, day=day) if day is not None and day > 0 else None
    if frequency != "YEARLY" or parts.keys() != {"FREQ", "BYMONTH", "BYMONTHDAY"}:
        return None
    months = tuple(sorted(_number(month) or 0 for month in parts["BYMONTH"].split(",")))
    if day is None or day < 1:
        return None
    if len(months) == 1:
        return RuleWords(DueRuleKind.YEARLY, day=day, month=months[0])
    for which, quarter_months in _QUARTER_MONTHS.items():
        if months == quarter_months:
            return RuleWords(DueRuleKind.QUARTERLY, day=day, quarter_month=which)
    return None


def _number(value: str) -> int | None:
    return int(value) if re.fullmatch(r"[+-]?\d{1,3}", value) else None


def _ical_date(value: str) -> date:
    return date(int(value[:4]), int(value[4:6]), int(value[6:]))
