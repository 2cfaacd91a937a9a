"""Working days of Vietnamese state agencies: weekends, lunar holidays, swaps, admins' days."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import pytest

from bot.domain.calendar import DueDatePolicy, WorkingCalendar
from bot.domain.errors import ConflictingCalendarDay

NEXT = DueDatePolicy.NEXT_WORKING_DAY
PREVIOUS = DueDatePolicy.PREVIOUS_WORKING_DAY


@pytest.fixture(scope="module")
def calendar() -> WorkingCalendar:
    return WorkingCalendar()


def test_weekdays_are_working_days_and_weekends_are_not(calendar: WorkingCalendar) -> None:
    assert calendar.is_working_day(date(2020, 1, 20))  # Monday
    assert not calendar.is_working_day(date(2020, 1, 18))  # Saturday
    assert not calendar.is_working_day(date(2020, 1, 19))  # Sunday


def test_tet_2021_starts_on_12_february_and_is_off_for_the_whole_week(
    calendar: WorkingCalendar,
) -> None:
    names = dict(calendar.holidays_in(2021))
    assert names[date(2021, 2, 12)] == "Tết Nguyên Đán"
    tet_week = [date(2021, 2, day) for day in range(10, 17)]
    assert not any(calendar.is_working_day(day) for day in tet_week)
    assert calendar.is_working_day(date(2021, 2, 9))
    assert calendar.is_working_day(date(2021, 2, 17))


def test_tet_2025_starts_on_29_january(calendar: WorkingCalendar) -> None:
    assert dict(calendar.holidays_in(2025))[date(2025, 1, 29)] == "Tết Nguyên Đán"
    assert not any(calendar.is_working_day(date(2025, 1, day)) for day in range(27, 32))
    assert calendar.is_working_day(date(2025, 2, 3))


def test_hung_kings_day_follows_the_lunar_calendar(calendar: WorkingCalendar) -> None:
    assert dict(calendar.holidays_in(2020))[date(2020, 4, 2)] == "Ngày Giỗ Tổ Hùng Vương"
    assert dict(calendar.holidays_in(2024))[date(2024, 4, 18)] == "Ngày Giỗ Tổ Hùng Vương"


def test_a_holiday_on_a_weekend_gives_a_compensatory_day_off(calendar: WorkingCalendar) -> None:
    # 01/05/2021 was a Saturday: Monday 03/05/2021 was the nghỉ bù.
    assert not calendar.is_working_day(date(2021, 5, 3))
    assert "nghỉ bù" in dict(calendar.holidays_in(2021))[date(2021, 5, 3)]


def test_the_announced_2024_swap_gives_29_april_off_and_works_saturday_4_may(
    calendar: WorkingCalendar,
) -> None:
    assert not calendar.is_working_day(date(2024, 4, 29))
    assert calendar.is_working_day(date(2024, 5, 4))
    assert date(2024, 5, 4) in dict(calendar.working_weekend_days_in(2024))


def test_a_swap_across_new_year_is_known_when_asking_about_the_later_year() -> None:
    # The 2018 announcement moved work to Saturday 05/01/2019 for the day off on 31/12/2018.
    assert WorkingCalendar().is_working_day(date(2019, 1, 5))
    assert not WorkingCalendar().is_working_day(date(2018, 12, 31))


def test_admins_add_days_off_and_make_up_working_days() -> None:
    calendar = WorkingCalendar(
        extra_days_off={date(2030, 4, 29): "Nghỉ hoán đổi"},
        extra_working_days={date(2030, 5, 4): "Làm bù"},
    )
    assert not calendar.is_working_day(date(2030, 4, 29))
    assert calendar.is_working_day(date(2030, 5, 4))  # a Saturday
    assert (date(2030, 4, 29), "Nghỉ hoán đổi") in calendar.holidays_in(2030)
    assert (date(2030, 5, 4), "Làm bù") in calendar.working_weekend_days_in(2030)


def test_an_admin_working_day_on_a_holiday_removes_it_from_the_holiday_list() -> None:
    calendar = WorkingCalendar(extra_working_days={date(2020, 9, 2): "Trực"})
    assert calendar.is_working_day(date(2020, 9, 2))
    assert date(2020, 9, 2) not in dict(calendar.holidays_in(2020))


def test_one_date_cannot_be_both_an_extra_day_off_and_an_extra_working_day() -> None:
    with pytest.raises(ConflictingCalendarDay) as raised:
        WorkingCalendar({date(2030, 5, 4): "Nghỉ"}, {date(2030, 5, 4): "Làm bù"})
    assert raised.value.params["day"] == "04/05/2030"


def test_next_and_previous_working_day_skip_weekends_and_holidays(
    calendar: WorkingCalendar,
) -> None:
    assert calendar.next_working_day(date(2021, 2, 9)) == date(2021, 2, 17)
    assert calendar.previous_working_day(date(2021, 2, 17)) == date(2021, 2, 9)
    assert calendar.next_working_day(date(2020, 12, 31)) == date(2021, 1, 4)


def test_adding_working_days_counts_only_working_days(calendar: WorkingCalendar) -> None:
    assert calendar.add_working_days(date(2021, 2, 17), -7) == date(2021, 2, 1)
    assert calendar.add_working_days(date(2021, 1, 5), -7) == date(2020, 12, 24)
    assert calendar.add_working_days(date(2021, 2, 8), 3) == date(2021, 2, 18)
    assert calendar.add_working_days(date(2021, 2, 13), 0) == date(2021, 2, 13)


def test_counting_working_days_between_two_dates(calendar: WorkingCalendar) -> None:
    assert calendar.count_working_days(date(2021, 2, 9), date(2021, 2, 17)) == 1
    assert calendar.count_working_days(date(2021, 2, 17), date(2021, 2, 9)) == 0


def test_a_due_date_on_a_saturday_moves_to_monday_by_default(calendar: WorkingCalendar) -> None:
    assert calendar.effective_due_date(date(2023, 6, 10), NEXT) == date(2023, 6, 12)


def test_the_previous_working_day_policy_moves_the_due_date_earlier(
    calendar: WorkingCalendar,
) -> None:
    assert calendar.effective_due_date(date(2023, 6, 10), PREVIOUS) == date(2023, 6, 9)


def test_a_due_date_in_tet_2023_moves_past_the_whole_holiday(calendar: WorkingCalendar) -> None:
    # 20/01/2023 was 29 Tết; the office reopened on Friday 27/01/2023.
    assert calendar.effective_due_date(date(2023, 1, 20), NEXT) == date(2023, 1, 27)
    assert calendar.effective_due_date(date(2023, 1, 20), PREVIOUS) == date(2023, 1, 19)


def test_a_due_date_on_a_working_day_does_not_move(calendar: WorkingCalendar) -> None:
    assert calendar.effective_due_date(date(2020, 1, 20), NEXT) == date(2020, 1, 20)
    assert calendar.effective_due_date(date(2020, 1, 20), PREVIOUS) == date(2020, 1, 20)


def test_new_years_day_holiday_moves_a_deadline_to_the_next_year_s_first_working_day(
    calendar: WorkingCalendar,
) -> None:
    assert calendar.effective_due_date(date(2022, 1, 1), NEXT) == date(2022, 1, 4)
    assert calendar.effective_due_date(date(2022, 1, 1), PREVIOUS) == date(2021, 12, 31)


def test_one_calendar_gives_the_same_answers_when_shared_between_threads() -> None:
    # Years no other test asks about, so the threads race to load them.
    days = [date(year, 1, 1) + timedelta(days=offset)
            for year in range(1920, 1960) for offset in range(0, 365, 3)]
    shared = WorkingCalendar()
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(shared.is_working_day, days))
    assert answers == [WorkingCalendar().is_working_day(day) for day in days]
    assert date(1945, 9, 2) in dict(shared.holidays_in(1945))
