"""The on-time chart for the provincial office: how often each unit sent on time, per quarter.

Counted in SQL (the digest's latest-answer query, grouped by unit and by due date); only the
reports already past their due date count, so a report still open is not held against anyone.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby

from sqlalchemy.orm import Session

from bot.domain.dates import format_vn_date
from bot.domain.deadlines import Occurrence
from bot.domain.errors import NoReportsDueYet, NoReportsInYear
from bot.domain.exports import OnTimeRate, parse_report_year, quarter_of, suggested_year
from bot.domain.statuses import ReportStatus
from bot.services.digests import DigestContext, digest_context
from bot.services.export import deadline_pauses, occurrence_scope, year_occurrences
from bot.services.reminders import ReminderTiming
from db import digests as figures_db

QUARTER_NAMES = ("I", "II", "III", "IV")


@dataclass(frozen=True, slots=True)
class OnTimeChart:
    """A year's on-time rates: per unit (every unit with a report due) and per quarter (the
    quarter of the nominal due date; `due` 0 when none fell due), over `reports` occurrences.
    `unit_codes` are the codes of `units`, in the same order."""

    year: int
    today: date
    reports: int
    units: tuple[OnTimeRate, ...]
    quarters: tuple[OnTimeRate, ...]
    unit_codes: tuple[str, ...]

    def rate_of(self, unit_code: str) -> OnTimeRate | None:
        """The unit's rate, or None when none of its reports fell due."""
        return dict(zip(self.unit_codes, self.units, strict=True)).get(unit_code)


def on_time_chart(session: Session, typed_year: str | None, now: datetime,
                  timing: ReminderTiming) -> OnTimeChart:
    """The rates of the year typed (default: the reader's current year), as of `now`.

    Raise InvalidReportYear or ReportYearOutOfRange for a bad year, NoReportsInYear when no
    report falls due in it, NoReportsDueYet when none is past its effective due date yet.
    """
    context = digest_context(session, now, timing)
    year = parse_report_year(typed_year, context.today, "chart")
    every_unit = context.province.units
    in_year = year_occurrences(year, context, timing.policy,
                               deadline_pauses(session, context.tz))
    if not in_year:
        raise NoReportsInYear(year=year, command="chart",
                              example=suggested_year(year, context.today),
                              reason=f"nothing is due in {year}")
    due = [o for o in in_year if o.effective_due_date < context.today]
    if not due:
        raise NoReportsDueYet(year=year, today=format_vn_date(context.today),
                              reason=f"no report of {year} is past its due date")
    by_unit, by_occurrence = _on_time(session, due, context)
    expected = Counter(code for occurrence in due for code in occurrence.units)
    counted = [u for u in every_unit if expected[u.code]]
    unit_rates = tuple(OnTimeRate(u.name, by_unit[context.unit_ids[u.code]], expected[u.code])
                       for u in counted)
    return OnTimeChart(year, context.today, len(due), unit_rates, _quarters(due, by_occurrence),
                       tuple(u.code for u in counted))


def _quarters(due: list[Occurrence], on_time: Counter[tuple[str, date]]
              ) -> tuple[OnTimeRate, ...]:
    """Per quarter of the nominal due date: reports sent on time out of those due."""
    rates = []
    for quarter, name in enumerate(QUARTER_NAMES, start=1):
        within = [o for o in due if quarter_of(o.due_date) == quarter]
        rates.append(OnTimeRate(name, sum(on_time[o.deadline_code, o.due_date] for o in within),
                                sum(len(o.units) for o in within)))
    return tuple(rates)


def _on_time(session: Session, due: list[Occurrence], context: DigestContext
             ) -> tuple[Counter[int], Counter[tuple[str, date]]]:
    """Reports sent on time per unit id and per occurrence (deadline code, nominal due date),
    one deadline at a time."""
    by_unit: Counter[int] = Counter()
    by_occurrence: Counter[tuple[str, date]] = Counter()
    ordered = sorted(due, key=lambda o: (o.deadline_code, o.due_date))
    for code, group in groupby(ordered, key=lambda o: o.deadline_code):
        chosen = list(group)
        deadline_id, scope = context.deadline_ids[code], occurrence_scope(chosen[0], context)
        dues = [o.due_date for o in chosen]
        by_unit.update(figures_db.on_time_counts(session, deadline_id, dues, scope))
        for row in figures_db.standing_tallies(session, deadline_id, dues, scope):
            if row.status == ReportStatus.SUBMITTED.value and row.on_time:
                by_occurrence[code, row.due_date] += row.count
    return by_unit, by_occurrence
