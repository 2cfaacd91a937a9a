"""The year's workbook (.xlsx): a summary sheet, then one sheet per report occurrence.

Written with openpyxl in write-only mode: each row goes to a temporary file as soon as it is
appended, so memory stays at one batch of rows plus the summary's small grid (one short label
per unit and occurrence) whatever the size of the province.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from typing import cast

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

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
    ("days_late", 12), ("note", 50), ("proposal", 50), ("wanted_date", 14), ("updated_by", 24),
)
SUMMARY_UNIT_COLUMNS: tuple[tuple[str, float], ...] = (("unit_code", 12), ("unit_name", 42))
SUMMARY_OCCURRENCE_WIDTH = 18
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center")


@dataclass(frozen=True, slots=True)
class ExportFile:
    """The workbook as sent: its bytes, file name and caption (HTML)."""

    file_name: str
    content: bytes
    caption: str
    mime_type: str = MIME_TYPE


@dataclass(slots=True)
class _Summary:
    """What the summary sheet needs, gathered while the occurrences' sheets are written: the
    short label of every unit's standing per occurrence, and the counts per occurrence."""

    rows: dict[str, list[str]]  # unit code → one short label per occurrence
    counts: list[Counter[Standing]]


def export_workbook(export: YearExport, lang: Lang) -> ExportFile:
    """Write the workbook, reading each sheet's lines as it goes (within the session)."""
    workbook = Workbook(write_only=True)
    not_expected = _label("export.short.not_expected", lang)
    summary = _Summary({u.code: [not_expected] * len(export.sheets) for u in export.units}, [])
    for column, sheet in enumerate(export.sheets):
        summary.counts.append(_write_occurrence(workbook, sheet, column, summary, lang))
    _write_summary(workbook, export, summary, lang)
    buffer = BytesIO()
    workbook.save(buffer)
    caption = text("export.caption", lang, year=export.year, reports=len(export.sheets),
                   units=len(export.units), today=format_vn_date(export.today))
    return ExportFile(_label("export.file_name", lang).format(year=export.year),
                      buffer.getvalue(), caption)


def _write_occurrence(workbook: Workbook, sheet: OccurrenceSheet, column: int,
                      summary: _Summary, lang: Lang) -> Counter[Standing]:
    """Steps: the sheet with its widths and frozen header; one row per unit, noting its short
    standing in the summary; the filter over every row. Return the counts per standing."""
    worksheet = _new_sheet(workbook, sheet.name, _headers(SHEET_COLUMNS, lang))
    full = {s: _label(f"export.standing.{s.value}", lang) for s in Standing}
    short = {s: _label(f"export.short.{s.value}", lang) for s in Standing}
    counts: Counter[Standing] = Counter()
    for line in sheet.lines:
        worksheet.append(_line_cells(worksheet, line, full[line.standing], lang))
        counts[line.standing] += 1
        summary.rows[line.unit_code][column] = short[line.standing]
    _filter(worksheet, len(SHEET_COLUMNS), sum(counts.values()))
    return counts


def _line_cells(worksheet: WriteOnlyWorksheet, line: UnitLine, standing: str, lang: Lang
                ) -> list[object]:
    note = line.note
    if line.document_ref:
        reference = _label("export.document_ref", lang).format(ref=line.document_ref)
        note = f"{note}; {reference}" if note else reference
    return [line.unit_code, line.unit_name, standing, _date(worksheet, line.sent_on),
            line.days_late, note or None, line.proposal or None,
            _date(worksheet, line.wanted_date), line.updated_by or None]


def _write_summary(workbook: Workbook, export: YearExport, summary: _Summary,
                   lang: Lang) -> None:
    """The first sheet: units × occurrences (short standings), then per occurrence its report,
    period, due date, units expected, counts per standing and on-time share."""
    columns = (*_headers(SUMMARY_UNIT_COLUMNS, lang),
               *((sheet.name, SUMMARY_OCCURRENCE_WIDTH) for sheet in export.sheets))
    worksheet = _new_sheet(workbook, SUMMARY_SHEET, columns, index=0, freeze="C2")
    for unit in export.units:
        worksheet.append([unit.code, unit.name, *summary.rows[unit.code]])
    _filter(worksheet, len(columns), len(export.units))
    worksheet.append([])
    occurrences = [sheet.occurrence for sheet in export.sheets]
    expected = [len(o.units) for o in occurrences]
    block: list[tuple[str, Sequence[object]]] = [
        ("export.summary.title", [o.title for o in occurrences]),
        ("export.summary.period", [o.period.label or None for o in occurrences]),
        ("export.summary.due", [_date(worksheet, o.effective_due_date) for o in occurrences]),
        ("export.summary.expected", list(expected)),
        *((f"export.standing.{s.value}", [c[s] for c in summary.counts])
          for s in STANDING_ORDER),
        ("export.summary.on_time_rate",
         [_percent(worksheet, c[Standing.SENT_ON_TIME], n)
          for c, n in zip(summary.counts, expected, strict=True)]),
    ]
    for key, values in block:
        worksheet.append([None, _header(worksheet, _label(key, lang)), *values])


def _headers(columns: tuple[tuple[str, float], ...], lang: Lang) -> tuple[tuple[str, float], ...]:
    return tuple((_label(f"export.header.{key}", lang), width) for key, width in columns)


def _new_sheet(workbook: Workbook, name: str, columns: tuple[tuple[str, float], ...], *,
               index: int | None = None, freeze: str = "A2") -> WriteOnlyWorksheet:
    """A sheet with its columns' (title, width), frozen panes and header row: openpyxl writes
    widths and panes before the first row, so they are set first."""
    worksheet = workbook.create_sheet(name, index)
    assert isinstance(worksheet, WriteOnlyWorksheet)
    for number, (_title, width) in enumerate(columns, start=1):
        _layout(worksheet).column_dimensions[get_column_letter(number)].width = width
    worksheet.freeze_panes = freeze
    worksheet.append([_header(worksheet, title) for title, _width in columns])
    return worksheet


def _filter(worksheet: WriteOnlyWorksheet, columns: int, rows: int) -> None:
    """The autofilter over the header and `rows` data rows."""
    _layout(worksheet).auto_filter.ref = f"A1:{get_column_letter(columns)}{rows + 1}"


def _layout(worksheet: WriteOnlyWorksheet) -> Worksheet:
    """The sheet's column dimensions and filter: openpyxl gives a write-only sheet the same
    ones as a normal sheet (Worksheet._setup), which its type stubs leave out."""
    return cast(Worksheet, worksheet)


def _header(worksheet: WriteOnlyWorksheet, title: str) -> Cell:
    cell = WriteOnlyCell(worksheet, value=title)
    cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _HEADER_ALIGNMENT
    return cell


def _date(worksheet: WriteOnlyWorksheet, day: date | None) -> Cell | None:
    """A real date (sortable, filterable) shown as dd/mm/yyyy."""
    if day is None:
        return None
    cell = WriteOnlyCell(worksheet)
    cell.value, cell.number_format = day, DATE_FORMAT
    return cell


def _percent(worksheet: WriteOnlyWorksheet, part: int, whole: int) -> Cell | None:
    if not whole:
        return None
    cell = WriteOnlyCell(worksheet, value=part / whole)
    cell.number_format = PERCENT_FORMAT
    return cell


def _label(key: str, lang: Lang) -> str:
    """A workbook text as it is (cells are not HTML)."""
    return MESSAGES[key][lang]
