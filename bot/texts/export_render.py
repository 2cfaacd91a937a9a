"""The year's workbook (.xlsx): a summary sheet, then one sheet per report occurrence.

Written with XlsxWriter in constant_memory mode: each sheet's rows go to a temporary file of its
own as soon as the next row is started, so memory stays at one row per sheet plus the summary's
small grid (one short label per unit and occurrence) whatever the size of the province. Rows
must therefore be written in order within a sheet, but the sheets in any order: the summary is
added first (it is the first sheet) and filled last, when the counts are known.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from io import BytesIO
from tempfile import TemporaryDirectory

from xlsxwriter import Workbook
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from bot.domain.dates import format_vn_date
from bot.domain.digests import STANDING_ORDER
from bot.domain.exports import SUMMARY_SHEET, UnitLine
from bot.domain.statuses import Standing
from bot.services.export import OccurrenceSheet, YearExport
from bot.texts import MESSAGES, Lang, text

MIME_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD/MM/YYYY"
PERCENT_FORMAT = "0%"
# Column key and width (in characters) of an occurrence's sheet, in order.
SHEET_COLUMNS: tuple[tuple[str, float], ...] = (
    ("unit_code", 12), ("unit_name", 42), ("standing", 24), ("sent_on", 12),
    ("days_late", 12), ("note", 50), ("proposal", 50), ("wanted_date", 14),
    ("granted_until", 14), ("updated_by", 24),
)
SUMMARY_UNIT_COLUMNS: tuple[tuple[str, float], ...] = (("unit_code", 12), ("unit_name", 42))
SUMMARY_OCCURRENCE_WIDTH = 18
_HEADER_STYLE = {"bold": True, "pattern": 1, "bg_color": "#DDEBF7", "text_wrap": True,
                 "valign": "vcenter"}

_SummaryValue = str | int | float | date | None


@dataclass(frozen=True, slots=True)
class ExportFile:
    """The workbook as sent: its bytes, file name and caption (HTML)."""

    file_name: str
    content: bytes
    caption: str
    mime_type: str = MIME_TYPE


@dataclass(frozen=True, slots=True)
class _Formats:
    """The cell formats, made once per workbook and shared by every cell."""

    header: Format
    date: Format
    percent: Format


@dataclass(slots=True)
class _Summary:
    """What the summary sheet needs, gathered while the occurrences' sheets are written: the
    short label of every unit's standing per occurrence, and the counts per occurrence."""

    rows: dict[str, list[str]]  # unit code → one short label per occurrence
    counts: list[Counter[Standing]]


def export_workbook(export: YearExport, lang: Lang) -> ExportFile:
    """Write the workbook, reading each sheet's lines as it goes (within the session)."""
    buffer = BytesIO()
    # Every temporary file (rows, then the package's parts) goes in here and goes with it,
    # even when reading the lines fails halfway.
    with TemporaryDirectory(prefix="deadline-bot-export-") as scratch:
        workbook = Workbook(buffer, {"constant_memory": True, "tmpdir": scratch})
        formats = _Formats(workbook.add_format(_HEADER_STYLE),
                           workbook.add_format({"num_format": DATE_FORMAT}),
                           workbook.add_format({"num_format": PERCENT_FORMAT}))
        summary_sheet = workbook.add_worksheet(SUMMARY_SHEET)
        not_expected = _label("export.short.not_expected", lang)
        summary = _Summary({u.code: [not_expected] * len(export.sheets) for u in export.units},
                           [])
        for column, sheet in enumerate(export.sheets):
            summary.counts.append(
                _write_occurrence(workbook, formats, sheet, column, summary, lang))
        _write_summary(summary_sheet, formats, export, summary, lang)
        workbook.close()
    caption = text("export.caption", lang, year=export.year, reports=len(export.sheets),
                   units=len(export.units), today=format_vn_date(export.today))
    return ExportFile(_label("export.file_name", lang).format(year=export.year),
                      buffer.getvalue(), caption)


def _write_occurrence(workbook: Workbook, formats: _Formats, sheet: OccurrenceSheet,
                      column: int, summary: _Summary, lang: Lang) -> Counter[Standing]:
    """Steps: the sheet with its widths, frozen header and header row; one row per unit, noting
    its short standing in the summary; the filter over every row. Return the counts."""
    worksheet = workbook.add_worksheet(sheet.name)
    columns = _headers(SHEET_COLUMNS, lang)
    _lay_out(worksheet, formats, columns, freeze_columns=0)
    full = {s: _label(f"export.standing.{s.value}", lang) for s in Standing}
    short = {s: _label(f"export.short.{s.value}", lang) for s in Standing}
    document_ref = _label("export.document_ref", lang)
    counts: Counter[Standing] = Counter()
    for row, line in enumerate(sheet.lines, start=1):
        _write_line(worksheet, row, line, full[line.standing], document_ref, formats.date)
        counts[line.standing] += 1
        summary.rows[line.unit_code][column] = short[line.standing]
    worksheet.autofilter(0, 0, sum(counts.values()), len(columns) - 1)
    return counts


def _write_line(worksheet: Worksheet, row: int, line: UnitLine, standing: str,
                document_ref: str, date_format: Format) -> None:
    """One unit's row; what it lacks stays an empty cell. Typed writes: a note starting with
    '=' or 'http' is text, never a formula or a link."""
    worksheet.write_string(row, 0, line.unit_code)
    worksheet.write_string(row, 1, line.unit_name)
    worksheet.write_string(row, 2, standing)
    if line.sent_on is not None:
        _write_date(worksheet, row, 3, line.sent_on, date_format)
    if line.days_late is not None:
        worksheet.write_number(row, 4, line.days_late)
    note = line.note
    if line.document_ref:
        reference = document_ref.format(ref=line.document_ref)
        note = f"{note}; {reference}" if note else reference
    if note:
        worksheet.write_string(row, 5, note)
    if line.proposal:
        worksheet.write_string(row, 6, line.proposal)
    if line.wanted_date is not None:
        _write_date(worksheet, row, 7, line.wanted_date, date_format)
    if line.granted_until is not None:
        _write_date(worksheet, row, 8, line.granted_until, date_format)
    if line.updated_by:
        worksheet.write_string(row, 9, line.updated_by)


def _write_summary(worksheet: Worksheet, formats: _Formats, export: YearExport,
                   summary: _Summary, lang: Lang) -> None:
    """The first sheet: units × occurrences (short standings), then per occurrence its report,
    period, due date, units expected, counts per standing and on-time share."""
    columns = (*_headers(SUMMARY_UNIT_COLUMNS, lang),
               *((sheet.name, SUMMARY_OCCURRENCE_WIDTH) for sheet in export.sheets))
    _lay_out(worksheet, formats, columns, freeze_columns=2)
    for row, unit in enumerate(export.units, start=1):
        _write_values(worksheet, row, 0, [unit.code, unit.name, *summary.rows[unit.code]])
    worksheet.autofilter(0, 0, len(export.units), len(columns) - 1)
    occurrences = [sheet.occurrence for sheet in export.sheets]
    expected = [len(o.units) for o in occurrences]
    block: list[tuple[str, Sequence[_SummaryValue], Format | None]] = [
        ("export.summary.title", [o.title for o in occurrences], None),
        ("export.summary.period", [o.period.label or None for o in occurrences], None),
        ("export.summary.due", [o.effective_due_date for o in occurrences], formats.date),
        ("export.summary.expected", expected, None),
        *((f"export.standing.{s.value}", [c[s] for c in summary.counts], None)
          for s in STANDING_ORDER),
        ("export.summary.on_time_rate",
         [_share(c[Standing.SENT_ON_TIME], n) for c, n in zip(summary.counts, expected,
                                                               strict=True)],
         formats.percent),
    ]
    first = len(export.units) + 2  # after the units and one empty row
    for row, (key, values, value_format) in enumerate(block, start=first):
        worksheet.write_string(row, 1, _label(key, lang), formats.header)
        _write_values(worksheet, row, 2, values, value_format)


def _write_values(worksheet: Worksheet, row: int, first_column: int,
                  values: Sequence[_SummaryValue], value_format: Format | None = None) -> None:
    """Cells of a summary row from `first_column` on: text, real dates or numbers; None stays
    an empty cell."""
    for column, value in enumerate(values, start=first_column):
        if isinstance(value, str):
            worksheet.write_string(row, column, value, value_format)
        elif isinstance(value, date):
            _write_date(worksheet, row, column, value, value_format)
        elif value is not None:
            worksheet.write_number(row, column, value, value_format)


def _write_date(worksheet: Worksheet, row: int, column: int, day: date,
                date_format: Format | None) -> None:
    """A real date (sortable, filterable), shown as `date_format` says."""
    worksheet.write_datetime(row, column, datetime.combine(day, time()), date_format)


def _headers(columns: tuple[tuple[str, float], ...], lang: Lang) -> tuple[tuple[str, float], ...]:
    return tuple((_label(f"export.header.{key}", lang), width) for key, width in columns)


def _lay_out(worksheet: Worksheet, formats: _Formats, columns: tuple[tuple[str, float], ...],
             *, freeze_columns: int) -> None:
    """The columns' widths, the panes frozen below the header (and right of `freeze_columns`),
    and the header row."""
    for number, (title, width) in enumerate(columns):
        worksheet.set_column(number, number, width)
        worksheet.write_string(0, number, title, formats.header)
    worksheet.freeze_panes(1, freeze_columns)


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _label(key: str, lang: Lang) -> str:
    """A workbook text as it is (cells are not HTML)."""
    return MESSAGES[key][lang]
