"""The reporting deadline a clause of an official document sets, read into the bot's due rules.

Works on a clause's folded text (bot.domain.directive_text): lowercase ASCII where 'hằng',
'hàng' and 'hang' read alike. Spaces are optional between the words of a marker, because OCR
and web copies join them ('trướcngày'). A date counts only after a deadline marker ('trước',
'chậm nhất', 'không quá', 'hạn'); so the dates of other documents ('Căn cứ … ngày …'), signing
dates, effective dates and reporting periods ('từ ngày … đến ngày …') are not deadlines.

A clause whose deadline has no day ('định kỳ hằng tháng'), only a period ('trong quý I/2020') or
is relative ('5 ngày làm việc sau khi …') is kept with what it says; the admin supplies the day.
"""

from __future__ import annotations

import calendar as gregorian
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.domain.dates import checked_date
from bot.domain.errors import InvalidDate

# The verbs of a reporting duty: report, send, submit, present, issue, compile, propose.
REPORTING = re.compile(
    r"\b(?:bao\s*cao|gui|nop|trinh|ban\s*hanh|tong\s*hop|cung\s*cap|de\s*xuat|thong\s*bao"
    r"|report|submit|send)\b")
_NOT_A_DUTY = re.compile(r"^\W*(?:can\s*cu|xet\s*de\s*nghi|theo\s*de\s*nghi|bieu\s*(?:so|mau))\b")
# OCR splits words ('trư ớc') and web copies join them ('trướcngày').
# 'năm trước', 'quý trước' name a previous period, not a deadline ('hằng năm trước ngày' is).
_MARKER = re.compile(
    r"\b(?:(?<!nam )(?<!thang )(?<!quy )(?<!ky )tr\s?u\s?o\s?c|truoc(?=\s*ngay)|cham\s*nhat"
    r"|khong\s*qua"
    r"|han\s*(?:chot|cuoi|nop|gui)?|den\s*het|trong\s*ngay|ngay\s*nhan\s*bao\s*cao|before|by|no\s*later\s*than)(?:(?![a-z])|(?=ngay))")
# A lead-in that sets the deadline of the items under it: '* Ngày nhận báo cáo:'.
_DEADLINE_HEADING = re.compile(r"\b(?:thoi\s*han|ngay\s*nhan|han)\s*(?:gui|nop|nhan)?\s*"
                               r"bao\s*cao\s*:\s*$")
_BARE_DATE = re.compile(r"\bngay(?=\s*\d)")
_DATE = (r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?(?![\d/])"
         r"|(?<!\d)(\d{1,2})\s*thang\s*(\d{1,2})(?:\s*(?:nam|/)\s*(\d{4}))?(?!\d)")
# After a marker: words of no weight, a time of day ('14 giờ', '14h30'), then the date.
_LEAD = (r"(?:\s|,|:|la\b|vao\b|den\b|ngay\b"
         r"|\d{1,2}\s*(?:gio|h)\s*(?:\d{1,2}\s*(?:phut|')?)?)*")
_DATED = re.compile(_LEAD + r"(?:" + _DATE + r")")
_NEXT_DATE = re.compile(r"\s*(?:va|hoac|,|;)\s*(?:truoc\s*)?(?:ngay\s*)?(?:" + _DATE + r")")
_MONTH_END = re.compile(_LEAD + r"cuoi\s*thang\s*(\d{1,2})(?:\s*(?:nam|/)\s*(\d{4}))?(?!\d)")
_QUARTERLY = re.compile(r"\b(?:truoc|cham\s*nhat|vao)?\s*ngay\s*(\d{1,2})\s*(?:cua\s*)?"
                        r"(?:thang\s*(cuoi|dau|giua)\s*(?:cua\s*)?(?:moi\s*|hang\s*)?quy"
                        r"(\s*(?:sau|tiep\s*theo))?|quy\s*(tiep\s*theo|sau)\b)")
_MONTHLY = (re.compile(r"\bngay\s*(\d{1,2})\s*(?:cua\s*)?(?:hang|moi)\s*thang"),
            re.compile(r"\b(?:hang|moi)\s*thang\b[^.;]{0,60}?\b(?:truoc|cham\s*nhat|vao)\s*"
                       r"ngay\s*(\d{1,2})(?!\s*(?:[/.-]\s*\d|thang|\d))"),
            # 'chậm nhất vào ngày 20 của tháng báo cáo', 'ngày 10 tháng sau': a marker first, as
            # 'chốt số liệu ngày 25 tháng báo cáo' is a cut-off.
            re.compile(r"\b(?:truoc|cham\s*nhat(?:\s*(?:la|vao))*|han\s*(?:chot|cuoi)?"
                       r"|nhan\s*bao\s*cao\s*:?)\s*ngay\s*(\d{1,2})\s*(?:cua\s*)?thang\s*"
                       r"(?:bao\s*cao|(sau|tiep\s*theo|ke\s*tiep)(?:\s*thang\s*bao\s*cao)?)\b"))
# 'ngày 20 của tháng đầu năm tiếp theo': the year report's deadline in January.
_NEXT_JANUARY = re.compile(r"\bngay\s*(\d{1,2})\s*(?:cua\s*)?thang\s*dau(?:\s*tien)?\s*(?:cua\s*)?"
                           r"nam\s*(?:tiep\s*theo|sau|duong\s*lich)\b")
# Which period a report named by it covers: its deadline 'the month after' falls accordingly.
_HALF_YEAR_REPORT = re.compile(r"\bbao\s*cao\s*(?:6|sau)\s*thang\b")
_QUARTER_REPORT = re.compile(r"\bbao\s*cao\s*quy\b")
_YEAR_REPORT = re.compile(r"\bbao\s*cao\s*(?:ca\s*)?nam\b(?!\s*\d)")
_MONTH_ENDS = re.compile(r"\b(?:truoc|cham\s*nhat|vao)?\s*(?:ngay\s*)?cuoi\s*(?:hang|moi)\s*"
                         r"thang|\b(?:hang|moi)\s*thang\b[^.;]{0,40}?\bcuoi\s*thang\b(?!\s*\d)")
# A report named by its period ('báo cáo 6 tháng', 'báo cáo quý I') recurs; 'năm 2020' does not.
_RECURRING = re.compile(r"\b(?:hang|moi)\s*nam\b|\bdinh\s*ky\b"
                        r"|\bnam\s*(?:tiep\s*theo|sau|truoc\s*lien\s*ke)\b"
                        r"|\bbao\s*cao\s*(?:6\s*thang|sau\s*thang|9\s*thang|ca\s*nam|nam(?!\s*\d)"
                        r"|quy(?:\s*(?:[ivx]{1,3}|[1-4])\b)?(?!\s*[/.-]?\s*(?:nam\s*)?\d{4}))")
_FROM_BEFORE = re.compile(r"\btu\s*(?:ngay\s*)?\d")
_NUMBER_WORDS = r"(?:\d{1,3}|mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi(?:\s*(?:lam|nam))?)"
_RELATIVE = re.compile(
    r"\b(?:trong\s*(?:vong|thoi\s*(?:han|gian))?|truoc|cham\s*nhat|sau|khong\s*qua)\s*"
    r"(?:la\s*)?" + _NUMBER_WORDS + r"(?:\s*\([^)]{0,20}\))?\s*ngay(?:\s*lam\s*viec)?\s*,?\s*"
    r"(?:ke\s*tu|sau\s*khi|truoc\s*khi|tinh\s*tu|sau|truoc)\b"
    r"|\bngay\s*\d{1,3}\s*,?\s*ke\s*tu\b|\bngay\s*sau\s*(?:khi|ngay|ky)\b|\bngay\s*khi\b|\bngay\s*lam\s*viec\s*tiep\s*theo\b"
    r"|\bsau\s*khi\s*(?:ket\s*thuc|co\s*(?:ket\s*qua|quyet\s*dinh|y\s*kien))")
_PERIOD = re.compile(
    r"\b(?:trong|truoc|cham\s*nhat(?:\s*trong)?|vao)\s*(?:quy\s*(?:[ivx]{1,3}|[1-4])\b"
    r"(?:\s*[/.-]?\s*(?:nam\s*)?\d{4})?|thang\s*\d{1,2}\s*[/.-]\s*\d{4})"
    r"|\bngay\s*\d{1,2}\s*(?:cua\s*)?thang\s*(?:cuoi|dau)\s*ky\b")
_PERIODIC = re.compile(r"\b(?:dinh\s*ky\s*)?(?:hang|moi)\s*(?:thang|quy)\b"
                       r"|\bdinh\s*ky\s*hang\s*nam\b|\bdinh\s*ky\s*(?:6\s*thang|sau\s*thang|nam|quy|thang)\b")
# A clause that opens by citing a document describes that document's reports, not a duty,
# unless it gives a date itself.
_CITING = re.compile(r"^\W*(?:thuc\s*hien|theo|trien\s*khai)\s*(?:quyet\s*dinh|nghi\s*quyet"
                     r"|chi\s*thi|cong\s*van|ke\s*hoach|thong\s*tu|nghi\s*dinh)\s*so\b")
_SPELLED_NUMBER = re.compile(r"(?<=\d)\s*\([a-z\s]{2,30}\)")
_EFFECTIVE = re.compile(r"\bhieu\s*luc\b")
_UNITS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "lam": 5, "sau": 6,
          "bay": 7, "tam": 8, "chin": 9}
_NUMBER_WORD = r"(?:mot|hai|ba|bon|tu|nam|lam|sau|bay|tam|chin|muoi)"
_SPELLED_DAY = re.compile(r"\bngay\s*thu\s*(" + _NUMBER_WORD + r"(?:\s+" + _NUMBER_WORD
                          + r"){0,2})\b")
_FEWEST_WORDS = 6  # of a duty with no date: fewer is a heading
_NEAR = 60  # characters between a periodic word and 'báo cáo' for them to belong together


class RuleStatus(StrEnum):
    """Whether the clause gives the due rule, or the admin must say it."""

    FOUND = "found"
    ASK_DAY = "ask_day"  # periodic, no day: 'định kỳ hằng tháng'
    ASK_PERIOD = "ask_period"  # a period only: 'trong quý I/2020'
    RELATIVE = "relative"  # '5 ngày làm việc sau khi …'


@dataclass(frozen=True, slots=True)
class DeadlinePhrase:
    """What a clause sets: the due rules in the bot's typed forms ('20/01/2020',
    '15/06 hằng năm', 'ngày 10 tháng cuối quý') when found, and the words as written."""

    status: RuleStatus
    words: str
    rules: tuple[str, ...] = ()


def recurs(folded: str) -> bool:
    """True when the (folded) text speaks of a recurring report: 'hằng năm', 'định kỳ'…"""
    return _RECURRING.search(folded) is not None


def sets_deadline_of_items(heading: str) -> bool:
    """True for a lead-in such as 'Ngày nhận báo cáo:' (folded) whose items give only dates."""
    return _DEADLINE_HEADING.search(heading) is not None


def deadline_phrase(text: str, folded: str, issued: date, *,
                    under_deadline_heading: bool = False,
                    recurring_heading: bool = False) -> DeadlinePhrase | None:
    """The deadline the clause `text` (folded: `folded`) sets, or None when it sets none;
    dates without a year fall on or after `issued`. Under a heading that names the deadline
    ('Ngày nhận báo cáo:'), a bare date counts and the verb may be in the heading; under one
    that recurs ('Báo cáo định kỳ'), a date without a year recurs too."""
    if _NOT_A_DUTY.search(folded):
        return None
    if not under_deadline_heading and not REPORTING.search(folded):
        return None
    # 'ngày 06 (sáu) tháng 06 (sáu)': the numbers in words go, the length stays.
    folded = _spelled_days(_SPELLED_NUMBER.sub(lambda match: " " * len(match[0]), folded))
    for read in (_quarterly, _next_january, _monthly, _month_end):
        found = read(text, folded, issued)
        if found is not None:
            return found
    found = _dates(text, folded, issued, bare=under_deadline_heading,
                   recurring=recurring_heading)
    return found if found is not None else _without_day(text, folded)


def _quarterly(text: str, folded: str, issued: date) -> DeadlinePhrase | None:
    match = _QUARTERLY.search(folded)
    if match is None or _in_period(folded, match.start()):
        return None
    next_quarter = match[3] or match[4]
    which = "đầu" if next_quarter else {"cuoi": "cuối", "dau": "đầu", "giua": "giữa"}[match[2]]
    if not 1 <= int(match[1]) <= (30 if which == "đầu" else 28):  # Jan, Apr, Jul, Oct: 30+
        return None
    return DeadlinePhrase(RuleStatus.FOUND, _words(text, match),
                          (f"ngày {int(match[1])} tháng {which} quý",))


def _next_january(text: str, folded: str, issued: date) -> DeadlinePhrase | None:
    match = _NEXT_JANUARY.search(folded)
    if match is None or not 1 <= int(match[1]) <= 31:
        return None
    return DeadlinePhrase(RuleStatus.FOUND, _words(text, match),
                          (f"{int(match[1]):02d}/01 hằng năm",))


def _monthly(text: str, folded: str, issued: date) -> DeadlinePhrase | None:
    """'ngày 20 hằng tháng'; 'ngày 20 của tháng tiếp theo' after a half-year, quarter or year
    report falls in the month after each such period."""
    for pattern in _MONTHLY:
        match = pattern.search(folded)
        if match is not None and 1 <= int(match[1]) <= 28:
            day = int(match[1])
            following = match.lastindex is not None and match.lastindex >= 2 and match[2]
            return DeadlinePhrase(RuleStatus.FOUND, _words(text, match),
                                  _month_after_period(folded, day) if following
                                  else (f"ngày {day} hằng tháng",))
    return None


def _month_after_period(folded: str, day: int) -> tuple[str, ...]:
    if _HALF_YEAR_REPORT.search(folded):
        return (f"{day:02d}/07 hằng năm", f"{day:02d}/01 hằng năm")
    if _QUARTER_REPORT.search(folded):
        return (f"ngày {day} tháng đầu quý",)
    if _YEAR_REPORT.search(folded):
        return (f"{day:02d}/01 hằng năm",)
    return (f"ngày {day} hằng tháng",)


def _month_end(text: str, folded: str, issued: date) -> DeadlinePhrase | None:
    match = _MONTH_ENDS.search(folded)
    if match is None:
        return None
    return DeadlinePhrase(RuleStatus.FOUND, _words(text, match), ("cuối tháng",))


def _dates(text: str, folded: str, issued: date, *, bare: bool = False,
           recurring: bool = False) -> DeadlinePhrase | None:
    """Every date set after a deadline marker (or any 'ngày …' when `bare`): one-off, or
    yearly when the clause (or its heading) recurs."""
    recurring = recurring or recurs(folded)
    rules: list[str] = []
    spans: list[str] = []
    for start, end, days in _marked_dates(folded, _BARE_DATE if bare else None):
        for day in days:
            rule = _yearly(day) if recurring and not day.year else _one_off(day, issued)
            if rule is not None and rule not in rules:
                rules.append(rule)
        spans.append(" ".join(text[start:end].split()))
    if not rules:
        return None
    return DeadlinePhrase(RuleStatus.FOUND, " … ".join(spans), tuple(rules))


@dataclass(frozen=True, slots=True)
class _Day:
    """A day and month, with the year when the text gives one (0 when it does not)."""

    day: int
    month: int
    year: int


def _marked_dates(folded: str, bare: re.Pattern[str] | None
                  ) -> Iterator[tuple[int, int, list[_Day]]]:
    """Each marker's span and the dates it sets ('trước ngày 05/6 và 05/12': two)."""
    markers = list(_MARKER.finditer(folded))
    if not markers and bare is not None:
        markers = list(bare.finditer(folded))
    for marker in markers:
        if _in_period(folded, marker.start()):
            continue
        month_end = _month_end_day(folded, marker.end())
        if month_end is not None:
            yield marker.start(), month_end[0], [month_end[1]]
            continue
        days: list[_Day] = []
        end = marker.end()
        match = _DATED.match(folded, marker.end())
        while match is not None:
            day = _day_of(match)
            if day is not None:
                days.append(day)
                end = match.end()
            match = _NEXT_DATE.match(folded, match.end())
        if days:
            yield marker.start(), end, days


def _in_period(folded: str, at: int) -> bool:
    """True when the words at `at` end a reporting period: 'từ ngày 15/12 đến ngày 14/12'."""
    return any(found.start() <= at + 1  # 'từ ngày 15 …' may start where the match does
               for found in _FROM_BEFORE.finditer(folded, max(0, at - 40), at + 12))


def _spelled_days(folded: str) -> str:
    """'ngày thứ hai mươi' → 'ngày 20' (padded with spaces: the length stays)."""
    def digits(match: re.Match[str]) -> str:
        number = _spelled_number(match[1].split())
        if number is None:
            return match[0]
        written = f"ngay {number}"
        return written + " " * (len(match[0]) - len(written))
    return _SPELLED_DAY.sub(digits, folded)


def _spelled_number(words: list[str]) -> int | None:
    """Vietnamese numbers below 100 in words: 'mười' 10, 'hai mươi' 20, 'ba mươi mốt' 31."""
    if "muoi" not in words:
        return _UNITS.get(words[0]) if len(words) == 1 else None
    tens_at = words.index("muoi")
    tens = 1 if tens_at == 0 else _UNITS.get(words[0]) if tens_at == 1 else None
    after = words[tens_at + 1:]
    unit = 0 if not after else _UNITS.get(after[0]) if len(after) == 1 else None
    if tens is None or unit is None:
        return None
    return 10 * tens + unit


def _month_end_day(folded: str, at: int) -> tuple[int, _Day] | None:
    """'cuối tháng 02 năm 2020' after a marker: the month's last day (day 0 until the year is
    known)."""
    match = _MONTH_END.match(folded, at)
    if match is None:
        return None
    month, year = int(match[1]), int(match[2] or 0)
    try:
        checked_date(match[0], year or 2000, month, 1)
    except InvalidDate:
        return None
    return match.end(), _Day(0, month, year)


def _day_of(match: re.Match[str]) -> _Day | None:
    parts = match.groups()[-6:]
    day, month, year = (parts[0], parts[1], parts[2]) if parts[0] else (parts[3], parts[4],
                                                                        parts[5])
    if day is None or month is None:
        return None
    value = _Day(int(day), int(month), int(year or 0))
    try:
        checked_date(match[0], value.year or 2000, value.month, value.day)
    except InvalidDate:
        return None
    return value


def _yearly(day: _Day) -> str:
    last = gregorian.monthrange(2001, day.month)[1]  # February's end: the 28th every year
    return f"{day.day or last:02d}/{day.month:02d} hằng năm"


def _one_off(day: _Day, issued: date) -> str | None:
    """The date in dd/mm/yyyy: the year written, else the first one on or after `issued`
    (day 0: the month's last day); None when that year has no such day (29/02/2021)."""
    year = day.year or issued.year
    if not day.year and (day.month, day.day or 28) < (issued.month, issued.day):
        year += 1
    try:
        last = gregorian.monthrange(year, day.month)[1] if 1 <= day.month <= 12 else 0
        due = checked_date(f"{day.day}/{day.month}/{year}", year, day.month, day.day or last)
    except InvalidDate:
        return None
    return f"{due.day:02d}/{due.month:02d}/{due.year}"


def _without_day(text: str, folded: str) -> DeadlinePhrase | None:
    """A relative deadline, a period only, or a periodic report with no day; None if none."""
    for pattern, status in ((_RELATIVE, RuleStatus.RELATIVE), (_PERIOD, RuleStatus.ASK_PERIOD)):
        match = pattern.search(folded)
        if match is not None and not _EFFECTIVE.search(folded, 0, match.start()):
            return DeadlinePhrase(status, _words(text, match))
    if _CITING.search(folded) or text.rstrip().endswith(":") or len(folded.split()) < _FEWEST_WORDS:
        return None  # a citation's reports, a lead-in or a bare title ('- Báo cáo hằng quý')
    for match in _PERIODIC.finditer(folded):
        near = folded[max(0, match.start() - _NEAR):match.end() + _NEAR]
        if re.search(r"\bbao\s*cao\b", near):
            return DeadlinePhrase(RuleStatus.ASK_DAY, _words(text, match))
    return None


def _words(text: str, match: re.Match[str]) -> str:
    return " ".join(text[match.start():match.end()].split())
