"""The year's export for the provincial office: every report occurrence of a year, every unit.

The rows are not loaded here: each sheet's lines are read from the database (the digest's
latest-answer query, a batch at a time) while the workbook is written, so a province of any
size costs one batch of memory. Build and render in the same unit of work.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, tzinfo
from functools import cache

from sqlalchemy.orm import Session

from bot.domain.calendar import DueDatePolicy
from bot.domain.deadlines import Occurrence, occurrences
from bot.domain.errors import NoReportsInYear
from bot.domain.exports import (
    UnitLine,
    export_order,
    parse_report_year,
    sheet_names,
    suggested_year,
)
from bot.domain.pauses import PauseSpan, pause_spans, paused_on
from bot.domain.statuses import ReportStatus, Standing, days_late, standing, unit_due_date
from bot.domain.units import Unit
from bot.services.digests import DigestContext, digest_context
from bot.services.reminders import ReminderTiming
from db import deadlines as deadline_rows
from db import digests as figures_db
from db.digests import UnitAnswerRow, UnitScope

Pauses = Mapping[str, tuple[PauseSpan, ...]]  # by deadline code


@dataclass(frozen=True, slots=True)
class OccurrenceSheet:
    """One occurrence and its sheet's name; `lines` (one per expected unit, in the order units
    were added) is read from the database as it is iterated, once, within the session."""

    occurrence: Occurrence
    name: str
    lines: Iterator[UnitLine]


@dataclass(frozen=True, slots=True)
class YearExport:
    """A year's occurrences (by effective due date) and the units any of them expects."""

    year: int
    today: date
    units: tuple[Unit, ...]
    sheets: tuple[OccurrenceSheet, ...]


@dataclass(frozen=True, slots=True)
class UnitYear:
    """One unit's reports of a year, each with its line as the export has it."""

    year: int
    today: date
    reports: tuple[tuple[Occurrence, UnitLine], ...]


def year_export(session: Session, typed_year: str | None, now: datetime,
                timing: ReminderTiming) -> YearExport:
    """The export of the year typed (default: the reader's current year).

    Raise InvalidReportYear or ReportYearOutOfRange for a bad year, NoReportsInYear when no
    report falls due in it.
    """
    context = digest_context(session, now, timing)
    year, chosen = reports_of_year(typed_year, context, timing.policy,
                                   deadline_pauses(session, context.tz))
    every_unit = context.province.units
    expected = {code for occurrence in chosen for code in occurrence.units}
    sheets = tuple(OccurrenceSheet(occurrence, name, _lines(session, occurrence, context))
                   for occurrence, name in zip(chosen, sheet_names(chosen), strict=True))
    return YearExport(year, context.today, tuple(u for u in every_unit if u.code in expected),
                      sheets)


def unit_year(session: Session, typed_year: str | None, unit_code: str, now: datetime,
              timing: ReminderTiming) -> UnitYear:
    """The year typed of one unit: the occurrences that expect it, each with its line, reading
    only this unit's answers. Raise as year_export does for a bad or empty year."""
    context = digest_context(session, now, timing)
    year, chosen = reports_of_year(typed_year, context, timing.policy,
                                   deadline_pauses(session, context.tz))
    only_unit = UnitScope((context.unit_ids[unit_code],), excluded=False)
    return UnitYear(year, context.today, tuple(
        (occurrence, line) for occurrence in chosen if unit_code in occurrence.units
        for line in _lines(session, occurrence, context, only_unit)))


def reports_of_year(typed_year: str | None, context: DigestContext, policy: DueDatePolicy,
                    pauses: Pauses) -> tuple[int, tuple[Occurrence, ...]]:
    """The year typed (default: the reader's current year) and its occurrences.

    Raise InvalidReportYear or ReportYearOutOfRange for a bad year, NoReportsInYear when no
    report falls due in it.
    """
    year = parse_report_year(typed_year, context.today, "export")
    chosen = year_occurrences(year, context, policy, pauses)
    if not chosen:
        raise NoReportsInYear(year=year, command="export",
                              example=suggested_year(year, context.today),
                              reason=f"nothing is due in {year}")
    return year, chosen


def year_occurrences(year: int, context: DigestContext, policy: DueDatePolicy,
                     pauses: Pauses) -> tuple[Occurrence, ...]:
    """The occurrences due (nominally) in `year`, by effective due date: every one of the
    deadlines in force, and of paused or deleted deadlines those due up to today (their
    history; a deleted deadline's rule ends at its deletion). None that fell due while its
    deadline was paused: nobody was asked for it."""
    found: list[Occurrence] = []
    for deadline in (*context.province.deadlines, *context.province.ended):
        in_year = occurrences(replace(deadline, active=True), date(year, 1, 1),
                              date(year, 12, 31), context.calendar, policy)
        paused = pauses.get(deadline.code, ())
        found += [o for o in in_year if (deadline.active or o.due_date <= context.today)
                  and not paused_on(paused, o.effective_due_date)]
    return export_order(found)


def deadline_pauses(session: Session, tz: tzinfo) -> Pauses:
    """When each deadline ever paused was paused, in days of `tz` (for year_occurrences)."""
    return {code: pause_spans(history.created_at.astimezone(tz).date(),
                              [(at.astimezone(tz).date(), pausing)
                               for at, pausing in history.changes],
                              history.paused_now)
            for code, history in deadline_rows.pause_histories(session).items()}


def occurrence_scope(occurrence: Occurrence, context: DigestContext) -> UnitScope:
    """The units the occurrence expects, as the digest queries take them."""
    return context.province.scope_of(occurrence.units)


def _lines(session: Session, occurrence: Occurrence, context: DigestContext,
           scope: UnitScope | None = None) -> Iterator[UnitLine]:
    """The occurrence's lines for every expected unit (or only those of `scope`)."""
    late_by: Callable[[date, date], int] = cache(
        lambda sent_on, due: days_late(sent_on, due, context.calendar))
    rows = figures_db.every_unit_answer(session, context.deadline_ids[occurrence.deadline_code],
                                        occurrence.due_date,
                                        scope or occurrence_scope(occurrence, context))
    for row in rows:
        yield unit_line(row, occurrence.effective_due_date, context.today, context.tz, late_by)


def unit_line(row: UnitAnswerRow, effective_due_date: date, today: date, tz: tzinfo,
              late_by: Callable[[date, date], int]) -> UnitLine:
    """A sheet's row from a unit's latest answer (or its silence), judged against the unit's
    own due date (the occurrence's, or the later one the office granted)."""
    due = unit_due_date(effective_due_date, row.granted_until)
    status = None if row.status is None else ReportStatus(row.status)
    where = standing(status, row.on_time, today, due)
    sent_on = None
    if status is ReportStatus.SUBMITTED and row.received_at is not None:
        sent_on = row.received_at.astimezone(tz).date()
    return UnitLine(
        unit_code=row.unit_code, unit_name=row.unit_name, standing=where, sent_on=sent_on,
        days_late=late_by(sent_on, due) if where is Standing.SENT_LATE and sent_on else None,
        note=row.note or "", proposal=row.proposal or "", document_ref=row.document_ref or "",
        wanted_date=row.wanted_date, updated_by=row.person_name or "",
        granted_until=row.granted_until)
