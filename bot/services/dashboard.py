"""The dashboard's pages over the year's export: the compliance matrix and one report's lines.

Read from bot.services.export's year_export, so the standings are exactly those of /export.
Officers see only their own units (`visible`: None for every unit).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from bot.domain.dashboard import MatrixFilter, Page, page_of, parse_due_date
from bot.domain.deadlines import Occurrence
from bot.domain.errors import (
    InvalidDashboardFilter,
    NoReportsDueYet,
    OccurrenceNotInYear,
    UnitNotVisible,
    UnknownUnit,
)
from bot.domain.exports import OnTimeRate, UnitLine
from bot.domain.statuses import Standing
from bot.domain.units import Unit, close_codes, fold_code
from bot.services.charts import on_time_chart
from bot.services.export import OccurrenceSheet, year_export
from bot.services.reminders import ReminderTiming
from db.province_snapshot import province_snapshot

Visible = frozenset[str] | None


@dataclass(frozen=True, slots=True)
class MatrixRow:
    """A unit and its standing in each column's report (None where it does not report)."""

    unit: Unit
    cells: tuple[Standing | None, ...]


@dataclass(frozen=True, slots=True)
class YearMatrix:
    """One page of the year's matrix; `deadlines` (code, title) are the filter's choices and
    `matching` the rows of every page."""

    year: int
    today: date
    columns: tuple[Occurrence, ...]
    rows: tuple[MatrixRow, ...]
    matching: int
    page: Page
    deadlines: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class OccurrenceDetail:
    """One report occurrence and, for each unit the viewer may see, where it stands."""

    year: int
    today: date
    occurrence: Occurrence
    lines: tuple[UnitLine, ...]


@dataclass(frozen=True, slots=True)
class UnitHistory:
    """One unit's year: each report it had to send and where it stands, and its on-time rate
    as /chart counts it (None while none of its reports is past due)."""

    year: int
    today: date
    unit: Unit
    reports: tuple[tuple[Occurrence, UnitLine], ...]
    on_time: OnTimeRate | None


def year_matrix(session: Session, typed_year: str | None, now: datetime,
                timing: ReminderTiming, visible: Visible, wanted: MatrixFilter) -> YearMatrix:
    """The matrix of the year typed (default: this year) for the viewer and the filter.

    Raise the errors of year_export for a bad year, InvalidDashboardFilter for a deadline
    with no report in the year.
    """
    export = year_export(session, typed_year, now, timing)
    deadlines = _deadline_choices(export.sheets)
    if wanted.deadline is not None and wanted.deadline not in dict(deadlines):
        raise InvalidDashboardFilter(name="deadline")
    sheets = [s for s in export.sheets
              if wanted.deadline is None or s.occurrence.deadline_code == wanted.deadline]
    units = [u for u in export.units if (visible is None or u.code in visible)
             and (wanted.group is None or u.group is wanted.group)]
    grid = _standings(sheets, {u.code for u in units})
    rows = [MatrixRow(u, tuple(grid[u.code])) for u in units]
    if wanted.standing is not None:
        rows = [row for row in rows if wanted.standing in row.cells]
    page = page_of(len(rows), wanted.page)
    return YearMatrix(export.year, export.today, tuple(s.occurrence for s in sheets),
                      tuple(rows[page.start:page.stop]), len(rows), page, deadlines)


def _deadline_choices(sheets: tuple[OccurrenceSheet, ...]) -> tuple[tuple[str, str], ...]:
    seen: dict[str, str] = {}
    for sheet in sheets:
        seen.setdefault(sheet.occurrence.deadline_code, sheet.occurrence.title)
    return tuple(seen.items())


def _standings(sheets: list[OccurrenceSheet], codes: set[str]
               ) -> dict[str, list[Standing | None]]:
    """Each unit's standing per sheet, reading every sheet's lines once."""
    grid: dict[str, list[Standing | None]] = {code: [None] * len(sheets) for code in codes}
    for column, sheet in enumerate(sheets):
        for line in sheet.lines:
            if line.unit_code in grid:
                grid[line.unit_code][column] = line.standing
    return grid


def occurrence_detail(session: Session, typed_year: str | None, deadline: str, due: str,
                      now: datetime, timing: ReminderTiming, visible: Visible
                      ) -> OccurrenceDetail:
    """The report of `deadline` due (nominally) on `due` (2020-03-10) in the year.

    Raise OccurrenceNotInYear when the year has no such report.
    """
    export = year_export(session, typed_year, now, timing)
    due_date = parse_due_date(due)
    for sheet in export.sheets:
        if (sheet.occurrence.deadline_code, sheet.occurrence.due_date) == (deadline, due_date):
            lines = tuple(line for line in sheet.lines
                          if visible is None or line.unit_code in visible)
            return OccurrenceDetail(export.year, export.today, sheet.occurrence, lines)
    raise OccurrenceNotInYear(year=export.year, deadline=deadline[:32], due=due[:10])


def unit_history(session: Session, typed_year: str | None, unit_code: str, now: datetime,
                 timing: ReminderTiming, visible: Visible) -> UnitHistory:
    """The year typed of the unit `unit_code` (any case).

    Raise UnitNotVisible for an officer's look at another unit, UnknownUnit for a code that
    names no unit, and the errors of year_export for a bad year.
    """
    code = fold_code(unit_code)
    if visible is not None and code not in visible:
        raise UnitNotVisible(code=unit_code[:16])
    every_unit = province_snapshot(session).units
    unit = next((u for u in every_unit if u.code == code), None)
    if unit is None:
        raise UnknownUnit(code=unit_code[:16], reason="no unit has this code",
                          suggestions=close_codes(code, [u.code for u in every_unit]))
    export = year_export(session, typed_year, now, timing)
    reports = tuple((sheet.occurrence, line) for sheet in export.sheets
                    for line in sheet.lines if line.unit_code == code)
    return UnitHistory(export.year, export.today, unit, reports,
                       _on_time(session, str(export.year), code, now, timing))


def _on_time(session: Session, year: str, unit_code: str, now: datetime,
             timing: ReminderTiming) -> OnTimeRate | None:
    try:
        return on_time_chart(session, year, now, timing).rate_of(unit_code)
    except NoReportsDueYet:
        return None
