"""Which occurrences `/digest <code> [period]` asks for: a due date, a year, a period's name.

The period is typed the way officials write it: the due date (10/03/2020), the year (2020), or
the period's name ('Quý I/2020', 'quy 1/2020', '6 tháng đầu năm 2020'); nothing means the latest
occurrence (one falling due within the coming week counts as the latest).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from bot.domain.calendar import DueDatePolicy, WorkingCalendar
from bot.domain.dates import MAX_YEAR, MIN_YEAR, format_vn_date, parse_vn_date
from bot.domain.deadlines import Deadline, Occurrence, occurrences
from bot.domain.digests import DUE_SOON
from bot.domain.errors import UnknownOccurrence
from bot.domain.units import fold_code

_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_DATE_LIKE = re.compile(r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}")
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}
# A due date moved by the calendar stays within this of its nominal date (Tết is the longest).
_MOVE_MARGIN = timedelta(days=15)
_KNOWN_SHOWN = 6


def pick_occurrences(deadline: Deadline, period: str | None, today: date,
                     calendar: WorkingCalendar, policy: DueDatePolicy) -> tuple[Occurrence, ...]:
    """The occurrences of `deadline` that `period` names; raise UnknownOccurrence if none.

    A paused deadline still has its past occurrences reported.
    """
    deadline = replace(deadline, active=True)
    wanted = " ".join((period or "").split())
    near = today
    if not wanted:
        found = _latest(deadline, today, calendar, policy)
    elif wanted.isdigit() and len(wanted) == 4:
        found = _in_year(deadline, int(wanted), calendar, policy)
    elif _DATE_LIKE.fullmatch(wanted):
        near = parse_vn_date(wanted)
        found = _on_date(deadline, near, calendar, policy)
    else:
        found = _named(deadline, wanted, calendar, policy)
    if not found:
        raise _unknown(deadline, wanted, _mid_year(wanted) or near, calendar, policy)
    return found


def fold_period_label(label: str) -> str:
    """A period's name reduced for comparison: 'Quý I/2020' and 'quy 1 / 2020' both 'quy 1/2020'."""
    folded = " ".join(fold_code(label).split())
    folded = re.sub(r"\s*/\s*", "/", folded)
    return re.sub(r"\bquy (iv|iii|ii|i)\b", lambda m: f"quy {_ROMAN[m[1]]}", folded)


def _latest(deadline: Deadline, today: date, calendar: WorkingCalendar,
            policy: DueDatePolicy) -> tuple[Occurrence, ...]:
    due = deadline.previous_due_date(today + DUE_SOON + timedelta(days=1))
    if due is None:
        due = deadline.next_due_date(today)
    return () if due is None else occurrences(deadline, due, due, calendar, policy)


def _in_year(deadline: Deadline, year: int, calendar: WorkingCalendar,
             policy: DueDatePolicy) -> tuple[Occurrence, ...]:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return ()
    return occurrences(deadline, date(year, 1, 1), date(year, 12, 31), calendar, policy)


def _on_date(deadline: Deadline, day: date, calendar: WorkingCalendar,
             policy: DueDatePolicy) -> tuple[Occurrence, ...]:
    """The occurrence due on `day` (its nominal date, else its effective one)."""
    near = occurrences(deadline, day - _MOVE_MARGIN, day + _MOVE_MARGIN, calendar, policy)
    nominal = tuple(o for o in near if o.due_date == day)
    return nominal or tuple(o for o in near if o.effective_due_date == day)


def _named(deadline: Deadline, wanted: str, calendar: WorkingCalendar,
           policy: DueDatePolicy) -> tuple[Occurrence, ...]:
    """Occurrences whose period's name is `wanted` (searched around the year it mentions)."""
    year = _YEAR.search(wanted)
    if year is None or not MIN_YEAR < int(year[1]) < MAX_YEAR:
        return ()
    middle = int(year[1])
    around = occurrences(deadline, date(middle - 1, 1, 1), date(middle + 1, 12, 31), calendar,
                         policy)
    folded = fold_period_label(wanted)
    return tuple(o for o in around if fold_period_label(o.period.label) == folded)


def _mid_year(wanted: str) -> date | None:
    """The middle of the year `wanted` names alone or in a period's name, if any."""
    year = _YEAR.search(wanted)
    if year is None or _DATE_LIKE.fullmatch(wanted) or not MIN_YEAR < int(year[1]) < MAX_YEAR:
        return None
    return date(int(year[1]), 7, 1)


def _unknown(deadline: Deadline, wanted: str, near: date, calendar: WorkingCalendar,
             policy: DueDatePolicy) -> UnknownOccurrence:
    """The error naming the occurrences due nearest to `near`."""
    around = occurrences(deadline, near - timedelta(days=366), near + timedelta(days=366),
                         calendar, policy)
    closest = sorted(around, key=lambda o: abs((o.due_date - near).days))[:_KNOWN_SHOWN]
    known = [_describe(o) for o in sorted(closest, key=lambda o: o.due_date)]
    example = format_vn_date(closest[0].due_date) if closest else format_vn_date(near)
    return UnknownOccurrence(code=deadline.code, period=wanted or "—", known=known or ["—"],
                             example=example,
                             reason=f"no occurrence of {deadline.code} matches {wanted!r}")


def _describe(occurrence: Occurrence) -> str:
    label = occurrence.period.label
    due = format_vn_date(occurrence.due_date)
    return f"{due} ({label})" if label else due
