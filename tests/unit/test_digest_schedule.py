"""Which occurrences /digest names, and when scheduled digests go out (no database)."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.domain.calendar import DueDatePolicy, WorkingCalendar
from bot.domain.deadlines import Deadline, LegalBasis, Recipient
from bot.domain.digest_periods import fold_period_label, pick_occurrences
from bot.domain.digest_schedule import (
    WeeklySlot,
    next_wakeups,
    occurrence_digest_day,
    parse_weekly_slot,
    weekly_digest_day,
)
from bot.domain.errors import DateDoesNotExist, UnknownOccurrence
from bot.domain.periods import PeriodKind, PeriodSpec
from bot.domain.recurrence import quarterly_rule

CALENDAR = WorkingCalendar()
POLICY = DueDatePolicy.NEXT_WORKING_DAY
HCM = ZoneInfo("Asia/Ho_Chi_Minh")
QUARTERLY = Deadline(
    code="quy", title="Báo cáo quý",
    legal_basis=LegalBasis(document="01/QĐ-UBND", clause="mục 1.3"),
    recipient=Recipient("vpubnd", "Văn phòng UBND tỉnh"), units=("syt", "stp"),
    rule=quarterly_rule(date(2020, 3, 10)), period=PeriodSpec(PeriodKind.QUARTER))


def dues(period: str | None, today: date = date(2020, 11, 2)) -> list[date]:
    return [o.due_date for o in pick_occurrences(QUARTERLY, period, today, CALENDAR, POLICY)]


def test_without_a_period_the_latest_occurrence_counting_one_due_within_a_week() -> None:
    assert dues(None, date(2020, 3, 12)) == [date(2020, 3, 10)]
    assert dues(None, date(2020, 6, 2)) == [date(2020, 3, 10)]
    assert dues(None, date(2020, 6, 3)) == [date(2020, 6, 10)]  # due within 7 days
    assert dues(None, date(2020, 1, 5)) == [date(2020, 3, 10)]  # before the first: the next


def test_a_period_is_a_due_date_a_year_or_the_periods_name() -> None:
    assert dues("10/03/2020") == [date(2020, 3, 10)]
    assert dues("2020") == [date(2020, 3, 10), date(2020, 6, 10), date(2020, 9, 10),
                            date(2020, 12, 10)]
    assert dues("Quý I/2020") == [date(2020, 3, 10)]
    assert dues("quy 2/2020") == [date(2020, 6, 10)]
    assert dues("QUÝ IV / 2021") == [date(2021, 12, 10)]


def test_the_effective_due_date_names_an_occurrence_moved_by_a_day_off() -> None:
    # 10/09/2022 is a Saturday: the report is due on Monday 12/09/2022.
    assert dues("12/09/2022") == [date(2022, 9, 10)]
    assert dues("10/09/2022") == [date(2022, 9, 10)]


def test_a_paused_deadline_still_reports_its_past() -> None:
    paused = Deadline(code="quy", title="Báo cáo quý", legal_basis=QUARTERLY.legal_basis,
                      recipient=QUARTERLY.recipient, units=QUARTERLY.units, rule=QUARTERLY.rule,
                      period=QUARTERLY.period, active=False)
    found = pick_occurrences(paused, "10/06/2020", date(2020, 11, 2), CALENDAR, POLICY)
    assert [o.due_date for o in found] == [date(2020, 6, 10)]


def test_a_period_with_no_occurrence_lists_the_nearest_ones() -> None:
    with pytest.raises(UnknownOccurrence) as unknown:
        dues("11/03/2020")
    assert unknown.value.params["known"] == [
        "10/03/2020 (Quý I/2020)", "10/06/2020 (Quý II/2020)", "10/09/2020 (Quý III/2020)",
        "10/12/2020 (Quý IV/2020)", "10/03/2021 (Quý I/2021)"]  # within a year either side
    assert unknown.value.params["example"] == "10/03/2020"
    with pytest.raises(UnknownOccurrence) as by_name:
        dues("Quý V/2021")
    assert by_name.value.params["example"] == "10/06/2021"
    with pytest.raises(UnknownOccurrence):
        dues("1850")
    with pytest.raises(DateDoesNotExist):
        dues("31/02/2020")


def test_period_names_fold_case_diacritics_spaces_and_roman_quarters() -> None:
    assert fold_period_label("Quý III/2020") == fold_period_label("quy 3 / 2020") == "quy 3/2020"
    assert fold_period_label("6 tháng đầu năm 2020") == "6 thang dau nam 2020"


def test_the_weekly_slot_setting_reads_english_and_vietnamese_day_names() -> None:
    assert parse_weekly_slot("mon 08:00") == WeeklySlot(0, time(8, 0))
    assert parse_weekly_slot(" Friday  7:30 ") == WeeklySlot(4, time(7, 30))
    assert parse_weekly_slot("t2 08:00") == WeeklySlot(0, time(8, 0))
    assert parse_weekly_slot("cn 17:00") == WeeklySlot(6, time(17, 0))
    assert parse_weekly_slot("") is None and parse_weekly_slot("off") is None
    assert str(WeeklySlot(2, time(9, 5))) == "wed 09:05"
    for wrong in ("funday 08:00", "mon", "mon 25:00", "08:00"):
        with pytest.raises(ValueError):
            parse_weekly_slot(wrong)


def test_the_after_due_digest_goes_out_the_next_working_day() -> None:
    assert occurrence_digest_day(date(2020, 3, 10), CALENDAR) == date(2020, 3, 11)
    assert occurrence_digest_day(date(2020, 3, 13), CALENDAR) == date(2020, 3, 16)  # Fri → Mon
    assert occurrence_digest_day(date(2020, 1, 22), CALENDAR) == date(2020, 1, 30)  # Tết 2020


def test_the_weekly_digest_moves_off_a_holiday_monday_to_the_next_working_day() -> None:
    monday = WeeklySlot(0, time(8, 0))
    assert weekly_digest_day(date(2020, 3, 18), monday, CALENDAR) == date(2020, 3, 16)
    assert weekly_digest_day(date(2020, 3, 16), monday, CALENDAR) == date(2020, 3, 16)
    # Monday 27/01/2020 falls in Tết: that week's digest goes out on Thursday 30/01.
    assert weekly_digest_day(date(2020, 1, 30), monday, CALENDAR) == date(2020, 1, 30)
    assert weekly_digest_day(date(2020, 1, 28), monday, CALENDAR) == date(2020, 1, 30)


def test_wake_ups_are_the_next_office_hour_and_weekly_time() -> None:
    now = datetime(2020, 3, 11, 7, 0, tzinfo=HCM)
    assert next_wakeups(now, time(8, 0), WeeklySlot(0, time(9, 30))) == (
        datetime(2020, 3, 11, 8, 0, tzinfo=HCM), datetime(2020, 3, 11, 9, 30, tzinfo=HCM))
    later = datetime(2020, 3, 11, 8, 0, tzinfo=HCM)
    assert next_wakeups(later, time(8, 0), None) == (datetime(2020, 3, 12, 8, 0, tzinfo=HCM),)
