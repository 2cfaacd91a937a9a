"""The working-day answers and the due-date notice, as officials read them (vi, en)."""

from __future__ import annotations

from datetime import date

from bot.domain.working_days import DayKind
from bot.services.reminders import PlanReport
from bot.services.schedule_changes import ChangeNotice, DueDateChange, ScheduleEffect
from bot.services.working_days import CalendarEntry, DayChange, YearCalendar
from bot.texts import split_message
from bot.texts.schedule_changes_render import due_date_change_notice
from bot.texts.working_days_render import day_change_text, year_calendar_text

Q1, Q1_MOVED = date(2020, 3, 10), date(2020, 3, 11)
CHANGE = DueDateChange("quy", "Báo cáo quý <b>", "Quý I/2020", Q1, Q1_MOVED, ("snv", "stp"))


def test_the_notice_says_which_report_moved_from_which_date_to_which() -> None:
    assert due_date_change_notice(CHANGE, "vi") == (
        "📅 Hạn báo cáo «Báo cáo quý &lt;b&gt;» (Quý I/2020) đã được điều chỉnh từ 10/03/2020 "
        "sang 11/03/2020.\nCác lời nhắc sẽ được gửi theo hạn mới.")
    no_period = DueDateChange("kt", "Kiểm thử", "", Q1, Q1_MOVED, ("snv",))
    assert due_date_change_notice(no_period, "en").startswith(
        "📅 The due date of «Kiểm thử» has been moved from 10/03/2020 to 11/03/2020.")


def test_the_confirmation_counts_reminders_due_dates_units_and_chats() -> None:
    effect = ScheduleEffect((CHANGE,), (ChangeNotice(CHANGE, (1, 2)),),
                            PlanReport(added=1, moved=6, cancelled=2, expired=5))
    added = DayChange(Q1, DayKind.DAY_OFF, "Bão số 5", False, effect)
    assert day_change_text(added, 2, "vi").splitlines() == [
        "✅ Đã thêm ngày nghỉ Thứ Ba 10/03/2020: Bão số 5.",
        "Đã sắp xếp lại 9 lời nhắc.",
        "1 hạn báo cáo thay đổi, của 2 đơn vị; đã báo cho 2 người/nhóm.",
        "• Báo cáo quý &lt;b&gt; (Quý I/2020): 10/03/2020 → 11/03/2020",
    ]
    removed = DayChange(date(2020, 3, 14), DayKind.WORKING_DAY, "", True,
                        ScheduleEffect((), (), PlanReport()))
    assert day_change_text(removed, 0, "en").splitlines() == [
        "✅ Removed the make-up working day Sat 14/03/2020; the day is back to the usual "
        "calendar.", "0 reminder(s) rescheduled.", "No due date changed."]


def test_the_year_lists_days_off_then_working_days_and_marks_the_admins_own() -> None:
    year = YearCalendar(2020, (
        CalendarEntry(date(2020, 1, 1), "Tết Dương lịch", DayKind.DAY_OFF, False),
        CalendarEntry(Q1, "", DayKind.DAY_OFF, True),
    ))
    assert year_calendar_text(year, "vi").splitlines()[:7] == [
        "<b>Ngày nghỉ và ngày làm việc bù năm 2020</b>", "", "<b>Ngày nghỉ</b> (2)",
        "• Thứ Tư 01/01/2020 — Tết Dương lịch",
        "• ✏️ Thứ Ba 10/03/2020 — (không ghi lý do)", "", "<b>Ngày làm việc bù</b> (0)"]


def test_the_pencil_legend_shows_only_when_a_listed_day_carries_the_pencil() -> None:
    public = CalendarEntry(date(2020, 1, 1), "Tết Dương lịch", DayKind.DAY_OFF, False)
    added = CalendarEntry(Q1, "Bão số 5", DayKind.DAY_OFF, True)
    for lang in ("vi", "en"):
        without = year_calendar_text(YearCalendar(2020, (public,)), lang)  # type: ignore[arg-type]
        assert "✏️" not in without and "/day_remove" not in without
        assert "/dayoff" in without and "/workday" in without
    with_pencil = year_calendar_text(YearCalendar(2020, (public, added)), "vi").splitlines()
    assert with_pencil[-2:] == [
        "✏️ ngày do quản trị viên thêm; bỏ bằng <code>/day_remove ngày/tháng/năm</code>.",
        "Thêm ngày nghỉ: <code>/dayoff ngày/tháng/năm [lý do]</code>; ngày làm việc bù: "
        "<code>/workday ngày/tháng/năm [lý do]</code>."]


def test_a_year_full_of_long_reasons_still_fits_telegrams_messages() -> None:
    entries = tuple(CalendarEntry(date(2020, 1, 1 + n), "Lý do rất dài " * 14, DayKind.DAY_OFF,
                                  True) for n in range(31))
    parts = split_message(year_calendar_text(YearCalendar(2020, entries), "vi"))
    assert all(len(part) <= 4096 for part in parts)
