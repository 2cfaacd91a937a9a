"""Occurrences of a deadline: nominal and effective due dates, period, units, recipient."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from bot.domain.calendar import DueDatePolicy, WorkingCalendar
from bot.domain.deadlines import (
    Deadline,
    LegalBasis,
    Recipient,
    check_offsets_fit,
    occurrences,
)
from bot.domain.errors import InvalidDeadlineCode, OffsetBeyondPreviousOccurrence
from bot.domain.periods import PeriodKind, PeriodSpec
from bot.domain.recurrence import parse_rule
from bot.domain.reminder_offsets import ReminderOffsets

CALENDAR = WorkingCalendar()
QUARTERLY = "DTSTART:20200310\nRRULE:FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=10"
NEXT = DueDatePolicy.NEXT_WORKING_DAY


def quarterly(rule: str = QUARTERLY, **changes: object) -> Deadline:
    made = Deadline(
        code="quy",
        title="Báo cáo quý",
        legal_basis=LegalBasis("01/QĐ-UBND", "Tổ chức thực hiện, mục 1.3", "Quyết định",
                               date(2020, 1, 2), "UBND tỉnh Trà Vinh"),
        recipient=Recipient("vpubnd", "Văn phòng Ủy ban nhân dân tỉnh"),
        units=("skhdt", "bdt"),
        rule=parse_rule(rule),
        period=PeriodSpec(PeriodKind.QUARTER),
    )
    return replace(made, **changes)  # type: ignore[arg-type]


def test_each_occurrence_carries_what_the_schedule_prints() -> None:
    first = occurrences(quarterly(), date(2020, 1, 1), date(2020, 3, 31), CALENDAR)[0]
    assert first.deadline_code == "quy"
    assert first.title == "Báo cáo quý"
    assert first.period.label == "Quý I/2020"
    assert first.due_date == first.effective_due_date == date(2020, 3, 10)
    assert first.units == ("skhdt", "bdt")
    assert first.recipient.code == "vpubnd"
    assert first.key == "quy:2020-03-10"


def test_10_june_2023_is_a_saturday_so_the_report_is_due_monday_12_june() -> None:
    (june,) = occurrences(quarterly(), date(2023, 6, 1), date(2023, 6, 30), CALENDAR)
    assert june.due_date == date(2023, 6, 10)
    assert june.effective_due_date == date(2023, 6, 12)
    assert june.period.label == "Quý II/2023"


def test_the_previous_working_day_policy_moves_it_to_friday_9_june() -> None:
    (june,) = occurrences(quarterly(), date(2023, 6, 1), date(2023, 6, 30), CALENDAR,
                          DueDatePolicy.PREVIOUS_WORKING_DAY)
    assert june.effective_due_date == date(2023, 6, 9)


def test_the_range_is_inclusive_on_nominal_due_dates() -> None:
    found = occurrences(quarterly(), date(2020, 3, 10), date(2020, 6, 10), CALENDAR)
    assert [o.due_date for o in found] == [date(2020, 3, 10), date(2020, 6, 10)]
    assert occurrences(quarterly(), date(2020, 3, 11), date(2020, 6, 9), CALENDAR) == ()


def test_a_deadline_with_an_end_date_has_no_occurrence_after_it() -> None:
    ending = quarterly(QUARTERLY + ";UNTIL=20220630")
    found = occurrences(ending, date(2022, 1, 1), date(2023, 12, 31), CALENDAR)
    assert [o.due_date for o in found] == [date(2022, 3, 10), date(2022, 6, 10)]


def test_an_inactive_deadline_has_no_occurrences() -> None:
    assert occurrences(quarterly(active=False), date(2020, 1, 1), date(2030, 1, 1), CALENDAR) == ()


def test_nothing_is_due_before_the_rule_starts() -> None:
    assert occurrences(quarterly(), date(2019, 1, 1), date(2019, 12, 31), CALENDAR) == ()


def test_before_offsets_may_not_reach_back_to_the_previous_due_date() -> None:
    rule = parse_rule("DTSTART:20200131\nRRULE:FREQ=MONTHLY;BYMONTHDAY=-1")
    check_offsets_fit(rule, ReminderOffsets(before=(10,)), CALENDAR, NEXT,
                      start=date(2020, 1, 1), end=date(2021, 12, 31))
    with pytest.raises(OffsetBeyondPreviousOccurrence) as raised:
        check_offsets_fit(rule, ReminderOffsets(before=(25, 3)), CALENDAR, NEXT,
                          start=date(2020, 1, 1), end=date(2021, 12, 31))
    assert raised.value.params["offset"] == 25
    assert raised.value.params["previous_due_date"] == "31/01/2020"


def test_a_one_off_deadline_has_no_previous_occurrence_to_collide_with() -> None:
    rule = parse_rule("DTSTART:20200710\nRDATE:20200710")
    check_offsets_fit(rule, ReminderOffsets(before=(250,)), CALENDAR, NEXT,
                      start=date(2020, 1, 1), end=date(2020, 12, 31))


def test_deadline_codes_are_short_ascii_words() -> None:
    assert quarterly(code="khnam_noidung").code == "khnam_noidung"
    for bad in ("q", "Quy", "1quy", "quý", "khnam-noidung"):
        with pytest.raises(InvalidDeadlineCode):
            quarterly(code=bad)


def test_the_legal_basis_reads_as_officials_cite_it() -> None:
    assert quarterly().legal_basis.citation() == (
        "Quyết định số 01/QĐ-UBND ngày 02/01/2020 của UBND tỉnh Trà Vinh, "
        "Tổ chức thực hiện, mục 1.3")
    directive = LegalBasis("", "C. Tổ chức thực hiện, mục 5", "Chỉ thị",
                           issuer="Chủ tịch UBND tỉnh", title="Về việc xây dựng kế hoạch 5 năm")
    assert directive.citation() == (
        "Chỉ thị của Chủ tịch UBND tỉnh về việc xây dựng kế hoạch 5 năm, "
        "C. Tổ chức thực hiện, mục 5")
