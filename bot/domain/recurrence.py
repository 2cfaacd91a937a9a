"""Recurrence rules in iCalendar (RFC 5545) form, evaluated with python-dateutil's rrule.

A rule is text: one DTSTART line (a date), then an RRULE line and/or RDATE lines, optionally
EXDATE lines, e.g.

    DTSTART:20200310
    RRULE:FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=10

DTSTART must itself be a date of the rule (RFC 5545 leaves anything else undefined, and other
tools disagree about it), so it is also the first due date; UNTIL (a date) ends the rule.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from dateutil.rrule import rrule, rruleset, rrulestr

from bot.domain.dates import checked_date
from bot.domain.errors import InvalidDate, InvalidRule, RuleNeverFires

# A rule must produce a date within this many years of DTSTART.
NEVER_FIRES_HORIZON_YEARS = 10
# The Gregorian calendar (leap years and weekdays alike) repeats every 400 years.
_GREGORIAN_CYCLE_YEARS = 400
_LAST_YEAR = 9999

_FREQUENCIES = ("YEARLY", "MONTHLY", "WEEKLY", "DAILY")
_DAY = r"(?:MO|TU|WE|TH|FR|SA|SU)"
_INT_LIST = r"[+-]?\d{1,3}(?:,[+-]?\d{1,3})*"
_PART_FORMATS = {
    "FREQ": "|".join(_FREQUENCIES),
    "INTERVAL": r"[1-9]\d{0,2}",
    "COUNT": r"[1-9]\d{0,3}",
    "UNTIL": r"\d{8}",
    "BYMONTH": _INT_LIST,
    "BYMONTHDAY": _INT_LIST,
    "BYSETPOS": _INT_LIST,
    "BYDAY": rf"(?:[+-]?\d{{1,2}})?{_DAY}(?:,(?:[+-]?\d{{1,2}})?{_DAY})*",
    "WKST": _DAY,
}
_PART_RANGES = {"BYMONTH": (1, 12), "BYMONTHDAY": (1, 31), "BYSETPOS": (1, 366)}


@dataclass(frozen=True, slots=True)
class Recurrence:
    """A validated rule: `text` in canonical form (one property per line) and its first date."""

    text: str
    start: date

    def dates_between(self, first: date, last: date) -> tuple[date, ...]:
        """The rule's dates d with first <= d <= last, in order."""
        if last < first:
            return ()
        found = _compiled(self.text).between(_midnight(first), _midnight(last), inc=True)
        return tuple(moment.date() for moment in found)

    def previous_date(self, before: date) -> date | None:
        """The rule's last date strictly before `before`, or None."""
        moment = _compiled(self.text).before(_midnight(before))
        return moment.date() if moment is not None else None

    def next_date(self, after: date) -> date | None:
        """The rule's first date strictly after `after`, or None when the rule has ended."""
        moment = _compiled(self.text).after(_midnight(after))
        return moment.date() if moment is not None else None


def parse_rule(text: str) -> Recurrence:
    """Validate RFC 5545 rule text; raise InvalidRule (naming the bad part) or RuleNeverFires."""
    # Lines may also be separated by spaces (one-line YAML) or a literal "\\n".
    lines = text.replace("\\n", "\n").split()
    if not lines:
        raise InvalidRule(rule=text, part="", reason="the rule is empty")
    parsed = _ParsedRule(text)
    for line in lines:
        parsed.add_line(line)
    parsed.check_complete()
    canonical = parsed.canonical()
    _check_fires(parsed, canonical)
    return Recurrence(canonical, parsed.start)


def one_off_rule(day: date) -> Recurrence:
    """A rule with the single date `day`."""
    return parse_rule(f"DTSTART:{_ical(day)}\nRDATE:{_ical(day)}")


def yearly_rule(first: date, *, until: date | None = None) -> Recurrence:
    """Every year on the day and month of `first`, from `first` (to `until` if given)."""
    return _rule(first, f"FREQ=YEARLY;BYMONTH={first.month};BYMONTHDAY={first.day}", until)


def quarterly_rule(first: date, *, until: date | None = None) -> Recurrence:
    """Every quarter on `first`'s day of the same month of the quarter (3,6,9,12 for the last).

    The quarterly report due the 10th of the last month of each quarter is
    quarterly_rule(date(2020, 3, 10)).
    """
    months = ",".join(str(month) for month in range((first.month - 1) % 3 + 1, 13, 3))
    return _rule(first, f"FREQ=YEARLY;BYMONTH={months};BYMONTHDAY={first.day}", until)


def monthly_rule(first: date, *, until: date | None = None) -> Recurrence:
    """Every month on `first`'s day of the month (months too short for it are skipped)."""
    return _rule(first, f"FREQ=MONTHLY;BYMONTHDAY={first.day}", until)


def last_day_of_month_rule(first: date, *, until: date | None = None) -> Recurrence:
    """Every month on its last day; `first` must be the last day of its month."""
    return _rule(first, "FREQ=MONTHLY;BYMONTHDAY=-1", until)


def ended_rule(rule: Recurrence, last_day: date) -> Recurrence | None:
    """`rule` cut after `last_day` (its later dates dropped, the earlier ones kept as they
    were), or None when it had no date by then."""
    kept = rule.dates_between(rule.start, last_day)
    if not kept:
        return None
    lines = []
    for line in rule.text.split("\n"):
        name, _, value = line.partition(":")
        if name == "RRULE":
            parts = [part for part in value.split(";")
                     if not part.startswith(("UNTIL=", "COUNT="))]
            line = f"RRULE:{';'.join(parts)};UNTIL={_ical(kept[-1])}"
        elif name == "RDATE":
            days = [day for day in value.split(",") if day <= _ical(last_day)]
            if not days:
                continue
            line = f"RDATE:{','.join(days)}"
        lines.append(line)
    return parse_rule("\n".join(lines))


def _rule(first: date, rrule_value: str, until: date | None) -> Recurrence:
    ending = f";UNTIL={_ical(until)}" if until is not None else ""
    return parse_rule(f"DTSTART:{_ical(first)}\nRRULE:{rrule_value}{ending}")


class _ParsedRule:
    """The pieces of a rule text, checked one line at a time."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.dtstart: date | None = None
        self.rrule: str | None = None
        self.rdates: list[date] = []
        self.exdates: list[date] = []
        self.until: date | None = None

    @property
    def start(self) -> date:
        assert self.dtstart is not None
        return self.dtstart

    def add_line(self, line: str) -> None:
        name, _, value = line.partition(":")
        name, *params = name.upper().split(";")
        if not value or name not in ("DTSTART", "RRULE", "RDATE", "EXDATE"):
            raise self.error(line, "each line must be DTSTART:…, RRULE:…, RDATE:… or EXDATE:…")
        if params and (name == "RRULE" or params != ["VALUE=DATE"]):
            raise self.error(line, f"unsupported parameter {';'.join(params)} (dates only)")
        if name == "RRULE":
            if self.rrule is not None:
                raise self.error(line, "only one RRULE line is allowed")
            self.rrule = self._checked_rrule(value.upper())
            return
        dates = [self._date(line, piece) for piece in value.split(",")]
        if name == "DTSTART":
            if self.dtstart is not None or len(dates) != 1:
                raise self.error(line, "give exactly one DTSTART date")
            self.dtstart = dates[0]
        else:
            (self.rdates if name == "RDATE" else self.exdates).extend(dates)

    def check_complete(self) -> None:
        if self.dtstart is None:
            raise self.error("DTSTART", "DTSTART (the first due date, e.g. DTSTART:20200120) "
                             "is missing")
        if self.rrule is None and not self.rdates:
            raise self.error("RRULE", "give an RRULE line or at least one RDATE")
        early = [day for day in self.rdates if day < self.dtstart]
        if early:
            raise self.error(f"RDATE:{_ical(early[0])}", "an RDATE cannot come before DTSTART")

    def canonical(self) -> str:
        lines = [f"DTSTART:{_ical(self.start)}"]
        if self.rrule is not None:
            lines.append(f"RRULE:{self.rrule}")
        lines += [f"RDATE:{','.join(_ical(d) for d in self.rdates)}"] if self.rdates else []
        lines += [f"EXDATE:{','.join(_ical(d) for d in self.exdates)}"] if self.exdates else []
        return "\n".join(lines)

    def error(self, part: str, reason: str) -> InvalidRule:
        return InvalidRule(rule=self.text, part=part, reason=reason)

    def _date(self, line: str, value: str) -> date:
        value = value.strip()
        if not re.fullmatch(r"\d{8}", value):
            raise self.error(line, f"{value!r} is not a date written YYYYMMDD (no time, no zone)")
        try:
            return checked_date(value, int(value[:4]), int(value[4:6]), int(value[6:]))
        except InvalidDate as error:
            raise self.error(line, str(error.params["reason"])) from None

    def _checked_rrule(self, value: str) -> str:
        seen: dict[str, str] = {}
        for part in value.split(";"):
            key, _, part_value = part.partition("=")
            if key not in _PART_FORMATS:
                known = ", ".join(_PART_FORMATS)
                raise self.error(part, f"unsupported rule part {key!r} (use {known})")
            if key in seen:
                raise self.error(part, f"{key} is given twice")
            if not re.fullmatch(_PART_FORMATS[key], part_value):
                raise self.error(part, f"{part_value!r} is not a valid {key} value")
            self._check_range(part, key, part_value)
            seen[key] = part_value
        if "FREQ" not in seen:
            raise self.error(value, "FREQ (YEARLY, MONTHLY, WEEKLY or DAILY) is missing")
        if "COUNT" in seen and "UNTIL" in seen:
            raise self.error(value, "COUNT and UNTIL cannot both be given")
        if "UNTIL" in seen:
            self.until = self._date(f"UNTIL={seen['UNTIL']}", seen["UNTIL"])
        return value

    def _check_range(self, part: str, key: str, value: str) -> None:
        if key not in _PART_RANGES:
            return
        low, high = _PART_RANGES[key]
        for number in (int(piece) for piece in value.split(",")):
            allowed = low <= number <= high or (key != "BYMONTH" and -high <= number <= -low)
            if not allowed:
                sign = "" if key == "BYMONTH" else "±"
                raise self.error(part, f"{key} must be between {sign}{low} and {sign}{high}, "
                                 f"not {number}")


def _check_fires(parsed: _ParsedRule, canonical: str) -> None:
    """Raise RuleNeverFires without a date soon after DTSTART, InvalidRule if DTSTART is not one."""
    try:
        _compiled(canonical)
    except (ValueError, TypeError) as error:  # dateutil's own checks
        raise parsed.error(canonical, str(error)) from None
    start = parsed.start
    last_year = start.year + NEVER_FIRES_HORIZON_YEARS
    rule_dates = _early_dates(parsed, len(parsed.exdates) + 1)
    if not any(start <= d and d.year <= last_year and d not in parsed.exdates
               for d in (*rule_dates, *parsed.rdates)):
        raise RuleNeverFires(rule=parsed.text, years=NEVER_FIRES_HORIZON_YEARS,
                             reason=f"no date within {NEVER_FIRES_HORIZON_YEARS} years of DTSTART")
    if start not in (*rule_dates[:1], *parsed.rdates):
        first = min((*rule_dates[:1], *parsed.rdates))
        raise parsed.error(f"DTSTART:{_ical(start)}",
                           f"DTSTART must be the first due date of the rule ({_ical(first)})")


def _early_dates(parsed: _ParsedRule, count: int) -> list[date]:
    """The RRULE's first `count` dates, found in bounded time even when it never fires.

    dateutil searches up to year 9999 for a date that may not exist (BYMONTHDAY=30 in February
    takes seconds), so the rule is replayed from a start moved by whole 400-year cycles to near
    year 9999 (the Gregorian calendar, weekdays included, repeats every 400 years, so the dates
    are the same, shifted) and the dates are shifted back.
    """
    if parsed.rrule is None:
        return []
    start = parsed.start
    cycles = max(0, (_LAST_YEAR - _GREGORIAN_CYCLE_YEARS - start.year) // _GREGORIAN_CYCLE_YEARS)
    shift = cycles * _GREGORIAN_CYCLE_YEARS
    probe = _single_rule(parsed.rrule, _midnight(start).replace(year=start.year + shift))
    if parsed.until is not None:
        probe = probe.replace(until=_midnight(parsed.until).replace(year=parsed.until.year + shift))
    return [moment.date().replace(year=moment.year - shift)
            for moment in itertools.islice(iter(probe), count)]


@lru_cache(maxsize=512)
def _compiled(canonical: str) -> rruleset:
    """The dateutil rule set of a canonical rule text (parsed once, then shared read-only)."""
    lines = dict(line.split(":", 1) for line in canonical.split("\n"))
    compiled = rruleset()
    if "RRULE" in lines:
        compiled.rrule(_single_rule(lines["RRULE"], datetime.strptime(lines["DTSTART"], "%Y%m%d")))
    for value in lines.get("RDATE", "").split(","):
        if value:
            compiled.rdate(datetime.strptime(value, "%Y%m%d"))
    for value in lines.get("EXDATE", "").split(","):
        if value:
            compiled.exdate(datetime.strptime(value, "%Y%m%d"))
    return compiled


def _single_rule(rrule_value: str, start: datetime) -> rrule:
    parsed = rrulestr(rrule_value, dtstart=start, cache=False)
    assert isinstance(parsed, rrule)
    return parsed


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


def _ical(day: date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"
