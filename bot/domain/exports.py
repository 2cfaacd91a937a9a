"""The year's export and chart for the provincial office: which year, which sheets, which rates.

Pure: the service hands in occurrences and aggregated counts; the renderers in bot.texts turn
the results into a workbook or a picture.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from bot.domain.dates import MAX_YEAR, MIN_YEAR
from bot.domain.deadlines import Occurrence
from bot.domain.errors import InvalidReportYear, ReportYearOutOfRange
from bot.domain.statuses import Standing

SHEET_NAME_LIMIT = 31  # Excel's limit on a sheet's name
SUMMARY_SHEET = "Tổng hợp"
# With more units than twice this, the chart shows the best and the worst this many.
CHART_UNITS_EACH_END = 10


def parse_report_year(typed: str | None, today: date, command: str) -> int:
    """The year typed after /export or /chart (today's year when nothing was typed).

    Raise InvalidReportYear for anything but four digits, ReportYearOutOfRange outside the
    calendar's years.
    """
    wanted = " ".join((typed or "").split())
    if not wanted:
        return today.year
    if not (wanted.isascii() and wanted.isdigit() and len(wanted) == 4):
        raise InvalidReportYear(value=wanted[:32], command=command, example=today.year,
                                reason="the year must be four digits")
    year = int(wanted)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ReportYearOutOfRange(value=year, command=command, minimum=MIN_YEAR,
                                   maximum=MAX_YEAR, example=today.year,
                                   reason=f"the year must be between {MIN_YEAR} and {MAX_YEAR}")
    return year


def suggested_year(asked: int, today: date) -> int:
    """A year to suggest instead of `asked`: the current one, or the last when that was asked."""
    return today.year if asked != today.year else today.year - 1


def export_order(found: Iterable[Occurrence]) -> tuple[Occurrence, ...]:
    """Occurrences in the order of the workbook's sheets: by effective due date, then code."""
    return tuple(sorted(found, key=lambda o: (o.effective_due_date, o.deadline_code)))


def sheet_names(occurrences: Sequence[Occurrence]) -> tuple[str, ...]:
    """One sheet name per occurrence, e.g. 'quy 10.03.2020': at most 31 characters, unique
    (Excel compares them ignoring case) and never the summary sheet's."""
    taken = {SUMMARY_SHEET.casefold()}
    names = []
    for occurrence in occurrences:
        due, suffix, number = occurrence.due_date.strftime("%d.%m.%Y"), "", 1
        while True:  # the code is shortened to fit; the date and the suffix never are
            code = occurrence.deadline_code[:SHEET_NAME_LIMIT - len(due) - len(suffix) - 1]
            name = f"{code} {due}{suffix}"
            if name.casefold() not in taken:
                break
            number += 1
            suffix = f" ({number})"
        taken.add(name.casefold())
        names.append(name)
    return tuple(names)


@dataclass(frozen=True, slots=True)
class UnitLine:
    """One row of an occurrence's sheet: a unit that must report and where it stands.

    `sent_on` is the local date a submitted report was received (None otherwise); `days_late`
    the working days it was late (None unless sent late); `updated_by` who gave the latest answer;
    `granted_until` the later due date the office approved for the unit, if any.
    """

    unit_code: str
    unit_name: str
    standing: Standing
    sent_on: date | None = None
    days_late: int | None = None
    note: str = ""
    proposal: str = ""
    document_ref: str = ""
    wanted_date: date | None = None
    updated_by: str = ""
    granted_until: date | None = None


@dataclass(frozen=True, slots=True)
class OnTimeRate:
    """Reports sent on time out of those due, for one unit or one quarter."""

    label: str
    on_time: int
    due: int

    @property
    def rate(self) -> float:
        """The share sent on time, 0 to 1 (0 when nothing was due)."""
        return self.on_time / self.due if self.due else 0.0


def unit_on_time_rate(name: str, reports: Iterable[tuple[Occurrence, UnitLine]],
                      today: date) -> OnTimeRate | None:
    """One unit's rate as /chart counts it: of its reports past their effective due date,
    those sent on time (None while none is past due)."""
    due = [line for occurrence, line in reports if occurrence.effective_due_date < today]
    if not due:
        return None
    return OnTimeRate(name, sum(line.standing is Standing.SENT_ON_TIME for line in due), len(due))


def ranked_units(rates: Iterable[OnTimeRate], each_end: int = CHART_UNITS_EACH_END
                 ) -> tuple[tuple[OnTimeRate, ...], tuple[OnTimeRate, ...]]:
    """The units by on-time rate, best first: all of them (and no bottom list) when there are
    at most 2 × `each_end`, else the best `each_end` and the worst `each_end`."""
    ranked = sorted((r for r in rates if r.due), key=lambda r: (-r.rate, -r.due, r.label))
    if len(ranked) <= 2 * each_end:
        return tuple(ranked), ()
    return tuple(ranked[:each_end]), tuple(ranked[-each_end:])


def quarter_of(day: date) -> int:
    """1 to 4."""
    return (day.month - 1) // 3 + 1
