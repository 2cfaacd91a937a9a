"""/status lines as officers read them (vi, en)."""

from __future__ import annotations

from datetime import date

from bot.domain.statuses import Standing
from bot.services.statuses import ReportRef, ReportView
from bot.texts.statuses_render import open_report_text

DUE = date(2020, 3, 10)


def view(standing: Standing, days_overdue: int) -> ReportView:
    return ReportView(ReportRef(1, DUE, 2), "quy", "Báo cáo quý", "Quý I/2020", "Sở Y tế", DUE,
                      standing, None, days_overdue)


def test_an_overdue_report_says_how_many_working_days_late() -> None:
    assert open_report_text(view(Standing.OVERDUE, 3), "vi").splitlines()[1] == (
        "Hạn: 10/03/2020 · Tình hình: Quá hạn 3 ngày làm việc – chưa gửi")
    assert open_report_text(view(Standing.OVERDUE, 1), "en").splitlines()[1] == (
        "Due: 10/03/2020 · Status: Overdue by 1 working day(s), not sent")


def test_overdue_on_a_day_off_before_any_working_day_has_passed_has_no_count() -> None:
    assert open_report_text(view(Standing.OVERDUE, 0), "vi").splitlines()[1] == (
        "Hạn: 10/03/2020 · Tình hình: Quá hạn – chưa gửi")
    assert open_report_text(view(Standing.IN_PROGRESS, 2), "vi").splitlines()[1] == (
        "Hạn: 10/03/2020 · Tình hình: Đang thực hiện")
