"""The dashboard's pages over the year's export: the compliance matrix and one report's lines.

The year's reports are bot.services.export's, and each standing is judged as the export
judges it (`standing` against the unit's own due date), so the pages agree with /export; the
matrix reads only the answers of the units its page shows. Officers see only their own units
(`visible`: None for every unit). A report's page lists the files each unit attached to it;
file_to_download tells the route which file to fetch from Telegram, once the reader may see it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy.orm import Session

from bot.domain.dashboard import MatrixFilter, Page, page_of, parse_due_date
from bot.domain.deadlines import Occurrence
from bot.domain.errors import (
    InvalidDashboardFilter,
    OccurrenceNotInYear,
    StatusFileNotVisible,
    UnitNotVisible,
    UnknownStatusFile,
    UnknownUnit,
)
from bot.domain.exports import OnTimeRate, UnitLine, unit_on_time_rate
from bot.domain.reorganisations import Reorganisation
from bot.domain.statuses import ReportStatus, Standing, standing, unit_due_date
from bot.domain.units import Unit, close_codes, fold_code
from bot.services.digests import DigestContext, digest_context
from bot.services.export import deadline_pauses, reports_of_year, unit_year, year_export
from bot.services.reminders import ReminderTiming
from db import dashboard as matrix_db
from db import status_files
from db.province_snapshot import province_snapshot

Visible = frozenset[str] | None
DEFAULT_MIME_TYPE = "application/octet-stream"
# A type to send back as it was stored: 'type/subtype' only, so it cannot break the header.
_MIME_TYPE = re.compile(r"[A-Za-z0-9][\w!#$&^.+-]{0,63}/[A-Za-z0-9][\w!#$&^.+-]{0,63}", re.ASCII)
# Types a page would run (the Mini App's script writes an HTML answer into the page): the
# sender chose the type, so these are handed over as plain bytes.
_ACTIVE_TYPE = re.compile(r"text/.*|.*(html|svg|javascript|ecmascript|/xml|\+xml).*",
                          re.IGNORECASE)
_MAX_FILE_ID_DIGITS = 18  # fits the database's BIGINT, so no typed id overflows the query


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
class AttachedFile:
    """A file listed on a report's page: its id (its address), name and size (None when
    Telegram did not say)."""

    id: int
    name: str
    size: int | None


@dataclass(frozen=True, slots=True)
class OccurrenceDetail:
    """One report occurrence and, for each unit the viewer may see, where it stands and the
    files it attached (`files` by unit code; units without files are left out)."""

    year: int
    today: date
    occurrence: Occurrence
    lines: tuple[UnitLine, ...]
    files: dict[str, tuple[AttachedFile, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class FileToDownload:
    """What the route needs to fetch a file through the bot and hand it over."""

    telegram_file_id: str
    file_name: str
    mime_type: str


@dataclass(frozen=True, slots=True)
class UnitHistory:
    """One unit's year: each report it had to send and where it stands, and its on-time rate
    as /chart counts it (None while none of its reports is past due)."""

    year: int
    today: date
    unit: Unit
    reports: tuple[tuple[Occurrence, UnitLine], ...]
    on_time: OnTimeRate | None
    took_over: tuple[LineageLink, ...] = ()  # the reorganisations that gave it other units
    handed_to: LineageLink | None = None  # the one that closed it
    # Each predecessor's own reports of the year, as separate lines.
    predecessors: tuple[tuple[Unit, tuple[tuple[Occurrence, UnitLine], ...]], ...] = ()


@dataclass(frozen=True, slots=True)
class LineageLink:
    """A reorganisation seen from one unit: when, what kind, the other units, the basis."""

    day: date
    kind: str
    units: tuple[Unit, ...]
    basis: str


def year_matrix(session: Session, typed_year: str | None, now: datetime,
                timing: ReminderTiming, visible: Visible, wanted: MatrixFilter) -> YearMatrix:
    """The matrix of the year typed (default: this year) for the viewer and the filter.

    Raise the errors of year_export for a bad year, InvalidDashboardFilter for a deadline
    with no report in the year.

    Only the page's units have their answers read; a standing filter first asks the database
    which units have such an answer (or none) in the columns shown.
    """
    context = digest_context(session, now, timing)
    year, chosen = reports_of_year(typed_year, context, timing.policy,
                                   deadline_pauses(session, context.tz))
    deadlines = _deadline_choices(chosen)
    if wanted.deadline is not None and wanted.deadline not in dict(deadlines):
        raise InvalidDashboardFilter(name="deadline")
    columns = tuple(o for o in chosen
                    if wanted.deadline is None or o.deadline_code == wanted.deadline)
    expected = {code for occurrence in chosen for code in occurrence.units}
    units = [u for u in context.province.units if u.code in expected
             and (visible is None or u.code in visible)
             and (wanted.group is None or u.group is wanted.group)]
    if wanted.standing is not None:
        having = _units_with_standing(session, columns, wanted.standing, context)
        units = [u for u in units if context.province.unit_ids[u.code] in having]
    page = page_of(len(units), wanted.page)
    shown = units[page.start:page.stop]
    grid = _standings(session, columns, shown, context)
    rows = tuple(MatrixRow(u, tuple(grid[u.code])) for u in shown)
    return YearMatrix(year, context.today, columns, rows, len(units), page, deadlines)


def _deadline_choices(chosen: tuple[Occurrence, ...]) -> tuple[tuple[str, str], ...]:
    seen: dict[str, str] = {}
    for occurrence in chosen:
        seen.setdefault(occurrence.deadline_code, occurrence.title)
    return tuple(seen.items())


def _standings(session: Session, columns: tuple[Occurrence, ...], shown: list[Unit],
               context: DigestContext) -> dict[str, list[Standing | None]]:
    """Each shown unit's standing per column (None where the column does not expect it),
    judged as the export judges each line (bot.services.export.unit_line)."""
    ids = {context.province.unit_ids[u.code]: u.code for u in shown}
    keys = [(context.deadline_ids[o.deadline_code], o.due_date) for o in columns]
    answers = {(a.deadline_id, a.due_date, a.unit_id): a
               for a in matrix_db.current_answers(session, keys, ids)}
    granted = matrix_db.granted_dates(session, keys, ids)
    grid: dict[str, list[Standing | None]] = {u.code: [None] * len(columns) for u in shown}
    for column, (occurrence, (deadline_id, due)) in enumerate(zip(columns, keys, strict=True)):
        scope = context.province.scope_of(occurrence.units)
        listed = set(scope.ids)
        for unit_id, unit_code in ids.items():
            if (unit_id in listed) is scope.excluded:  # not expected to report
                continue
            answer = answers.get((deadline_id, due, unit_id))
            grid[unit_code][column] = standing(
                None if answer is None else ReportStatus(answer.status),
                None if answer is None else answer.on_time, context.today,
                unit_due_date(occurrence.effective_due_date,
                              granted.get((deadline_id, due, unit_id))))
    return grid


# The standings an answer gives: its status and, for a report sent, whether on time.
_ANSWERED: dict[Standing, tuple[ReportStatus, bool | None]] = {
    Standing.SENT_ON_TIME: (ReportStatus.SUBMITTED, True),
    Standing.SENT_LATE: (ReportStatus.SUBMITTED, False),
    Standing.IN_PROGRESS: (ReportStatus.IN_PROGRESS, None),
    Standing.BLOCKED: (ReportStatus.BLOCKED, None),
    Standing.EXTENSION: (ReportStatus.EXTENSION, None),
}


def _units_with_standing(session: Session, columns: tuple[Occurrence, ...], wanted: Standing,
                         context: DigestContext) -> set[int]:
    """Ids of the units whose standing is `wanted` in at least one of the columns."""
    if wanted in _ANSWERED:
        status, on_time = _ANSWERED[wanted]
        found: set[int] = set()
        for code in dict.fromkeys(o.deadline_code for o in columns):
            same = [o for o in columns if o.deadline_code == code]
            found |= matrix_db.units_answering(
                session, context.deadline_ids[code], [o.due_date for o in same],
                context.province.scope_of(same[0].units), status.value, on_time)
        return found
    # Not sent, or overdue: no answer at all, judged against each unit's own due date.
    effective = {(context.deadline_ids[o.deadline_code], o.due_date): o.effective_due_date
                 for o in columns}
    granted = matrix_db.granted_dates(session, list(effective))
    silent = matrix_db.silent_units(session, [
        (context.deadline_ids[o.deadline_code], o.due_date, context.province.scope_of(o.units))
        for o in columns])
    return {unit_id for deadline_id, due, unit_id in silent
            if standing(None, None, context.today, unit_due_date(
                effective[(deadline_id, due)], granted.get((deadline_id, due, unit_id))))
            is wanted}


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
            return OccurrenceDetail(export.year, export.today, sheet.occurrence, lines,
                                    _files_by_unit(session, sheet.occurrence, lines))
    raise OccurrenceNotInYear(year=export.year, deadline=deadline[:32], due=due[:10])


def _files_by_unit(session: Session, occurrence: Occurrence, lines: tuple[UnitLine, ...]
                   ) -> dict[str, tuple[AttachedFile, ...]]:
    """The files of the units on the page, attached to any of their answers to the report."""
    shown = {line.unit_code for line in lines}
    found: dict[str, list[AttachedFile]] = {}
    for row in status_files.files_of_occurrence(session, occurrence.deadline_code,
                                                occurrence.due_date):
        if row.unit_code in shown:
            found.setdefault(row.unit_code, []).append(
                AttachedFile(row.id, row.file_name, row.size_bytes))
    return {code: tuple(files) for code, files in found.items()}


def file_to_download(session: Session, typed_id: str, visible: Visible) -> FileToDownload:
    """The attached file with the id typed in the address, if the reader may see its unit.

    Raise UnknownStatusFile when no file has this id, StatusFileNotVisible for an officer's
    look at another unit's file.
    """
    found = (status_files.unit_file(session, int(typed_id))
             if typed_id.isascii() and typed_id.isdigit()
             and len(typed_id) <= _MAX_FILE_ID_DIGITS else None)
    if found is None:
        raise UnknownStatusFile()
    if visible is not None and found.unit_code not in visible:
        raise StatusFileNotVisible()
    return FileToDownload(found.telegram_file_id, found.file_name,
                          _served_type(found.mime_type))


def _served_type(mime_type: str) -> str:
    """The stored type, unless it is malformed or one a browser would run."""
    if _MIME_TYPE.fullmatch(mime_type) and not _ACTIVE_TYPE.fullmatch(mime_type):
        return mime_type
    return DEFAULT_MIME_TYPE


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
    found = unit_year(session, typed_year, code, now, timing)
    lineage = province_snapshot(session).lineage
    by_code = {u.code: u for u in every_unit}

    def link(event: Reorganisation, codes: tuple[str, ...]) -> LineageLink:
        return LineageLink(event.effective_on, event.kind.value,
                           tuple(by_code[c] for c in codes), event.basis.citation())

    took_over = tuple(link(e, e.predecessors) for e in lineage.predecessor_events(code))
    closing = lineage.closing_event(code)
    predecessors = tuple(
        (by_code[c], unit_year(session, typed_year, c, now, timing).reports)
        for event in lineage.predecessor_events(code) for c in event.predecessors)
    return UnitHistory(found.year, found.today, unit, found.reports,
                       unit_on_time_rate(unit.name, found.reports, found.today), took_over,
                       link(closing, closing.successors) if closing else None,
                       tuple((u, reports) for u, reports in predecessors if reports))
