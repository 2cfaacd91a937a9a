"""The year's export and chart without a database: which year, sheet names, rankings, and the
workbook and picture drawn from plain values."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook

from bot.domain.errors import InvalidReportYear, ReportYearOutOfRange
from bot.domain.exports import (
    OnTimeRate,
    UnitLine,
    parse_report_year,
    ranked_units,
    sheet_names,
    suggested_year,
)
from bot.domain.statuses import Standing
from bot.domain.units import Unit, UnitGroup
from bot.services.charts import OnTimeChart
from bot.services.export import OccurrenceSheet, YearExport
from bot.texts import error_text
from bot.texts.chart_render import chart_caption, chart_png
from bot.texts.export_render import export_workbook
from tests.unit.test_digests import quarterly

TODAY = date(2020, 3, 16)


def test_the_year_defaults_to_the_current_one_and_must_be_four_digits() -> None:
    assert parse_report_year(None, TODAY, "export") == 2020
    assert parse_report_year("  2021 ", TODAY, "export") == 2021
    for typed in ("abc", "20", "2020 2021", "２０２０", "-2020"):
        with pytest.raises(InvalidReportYear) as refused:
            parse_report_year(typed, TODAY, "export")
        assert type(refused.value) is InvalidReportYear
    with pytest.raises(ReportYearOutOfRange) as early:
        parse_report_year("1800", TODAY, "chart")
    assert error_text(early.value, "en") == (
        "The year 1800 is outside the years the bot follows (1901–2100). Please type another "
        "year, e.g. <code>/chart 2020</code>")
    assert (suggested_year(2019, TODAY), suggested_year(2020, TODAY)) == (2020, 2019)


def test_sheet_names_fit_excel_and_never_repeat() -> None:
    long_code = "khnam_noidung_danh_gia_5_nam_abc"  # 32 characters, the longest allowed
    occurrences = [quarterly(), replace(quarterly(), deadline_code=long_code),
                   replace(quarterly(), deadline_code=long_code + "x"),
                   replace(quarterly(), deadline_code="QUY")]
    names = sheet_names(occurrences)
    assert names == ("quy 10.03.2020", "khnam_noidung_danh_g 10.03.2020",
                     "khnam_noidung_da 10.03.2020 (2)", "QUY 10.03.2020 (2)")
    assert all(len(name) <= 31 for name in names)


def test_units_are_ranked_best_first_and_cut_to_both_ends_when_many() -> None:
    few = [OnTimeRate("B", 1, 2), OnTimeRate("A", 2, 2), OnTimeRate("C", 0, 0)]
    assert ranked_units(few) == ((OnTimeRate("A", 2, 2), OnTimeRate("B", 1, 2)), ())
    many = [OnTimeRate(f"u{n:02d}", n, 30) for n in range(30)]
    best, worst = ranked_units(many, each_end=3)
    assert [r.label for r in best] == ["u29", "u28", "u27"]
    assert [r.label for r in worst] == ["u02", "u01", "u00"]


def lines() -> Iterator[UnitLine]:
    yield UnitLine("snv", "Sở Nội vụ", Standing.SENT_ON_TIME, date(2020, 3, 9),
                   document_ref="15/BC-SNV", updated_by="Lan")
    yield UnitLine("stp", "Sở Tư pháp", Standing.SENT_LATE, date(2020, 3, 12), days_late=2)


def test_the_workbook_reads_lines_once_and_speaks_english_when_asked() -> None:
    occurrence = quarterly(units=("snv", "stp", "sxd"))
    units = tuple(Unit(code, name, UnitGroup.DEPARTMENT) for code, name in
                  (("snv", "Sở Nội vụ"), ("stp", "Sở Tư pháp"), ("sxd", "Sở Xây dựng")))
    sheet = OccurrenceSheet(occurrence, "quy 10.03.2020", lines())
    workbook = export_workbook(YearExport(2020, TODAY, units, (sheet,)), "en")
    assert workbook.file_name == "reporting-compliance-2020.xlsx"
    opened = load_workbook(BytesIO(workbook.content))
    summary, quarter = opened["Tổng hợp"], opened["quy 10.03.2020"]
    assert [c.value for c in quarter[1]][:3] == ["Unit code", "Unit", "Status"]
    assert [c.value for c in quarter[2]][:6] == ["snv", "Sở Nội vụ", "Sent on time",
                                                quarter["D2"].value, None,
                                                "Document no. 15/BC-SNV"]
    assert [c.value for c in summary[4]][:3] == ["sxd", "Sở Xây dựng", "—"]  # no line: —
    assert quarter.auto_filter.ref == "A1:J3"


def test_the_chart_is_a_png_with_a_caption_in_numbers() -> None:
    units = tuple(OnTimeRate(f"Ủy ban nhân dân xã số {n}", n % 5, 4) for n in range(40))
    quarters = (OnTimeRate("I", 30, 80), OnTimeRate("II", 0, 0), OnTimeRate("III", 0, 0),
                OnTimeRate("IV", 0, 0))
    chart = OnTimeChart(2020, TODAY, 2, units, quarters, tuple(f"xa{n}" for n in range(40)))
    picture = chart_png(chart, "vi")
    assert picture.startswith(b"\x89PNG\r\n\x1a\n") and len(picture) > 20_000
    assert chart_caption(chart, "en") == (
        "📈 Reports sent on time in 2020: 38% (30/80), over 2 report occurrence(s) past their "
        "due date as of 16/03/2020.")
