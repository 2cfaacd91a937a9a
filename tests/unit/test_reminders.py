"""Reminder plans: before, on the day and overdue, on working days at the office hour."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.domain.calendar import DueDatePolicy, WorkingCalendar
from bot.domain.deadlines import Deadline, LegalBasis, Occurrence, Recipient, occurrences
from bot.domain.errors import InvalidEscalationOffsets, InvalidOffsets
from bot.domain.periods import PeriodKind, PeriodSpec
from bot.domain.recurrence import parse_rule
from bot.domain.reminder_offsets import ReminderOffsets
from bot.domain.reminders import Reminder, ReminderKind, extended_reminder_plan, reminder_plan

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
CALENDAR = WorkingCalendar()


def deadline(rule: str, offsets: ReminderOffsets | None = None) -> Deadline:
    return Deadline(
        code="quy",
        title="Báo cáo quý",
        legal_basis=LegalBasis("01/QĐ-UBND", "Tổ chức thực hiện, mục 1.3"),
        recipient=Recipient("vpubnd", "Văn phòng Ủy ban nhân dân tỉnh"),
        units=("skhdt", "bdt"),
        rule=parse_rule(rule),
        period=PeriodSpec(PeriodKind.QUARTER),
        offsets=offsets or ReminderOffsets(),
    )


def occurrence_due(day: date, offsets: ReminderOffsets | None = None,
                   calendar: WorkingCalendar = CALENDAR,
                   policy: DueDatePolicy = DueDatePolicy.NEXT_WORKING_DAY) -> Occurrence:
    text = f"DTSTART:{day:%Y%m%d}\nRDATE:{day:%Y%m%d}"
    (found,) = occurrences(deadline(text, offsets), day, day, calendar, policy)
    return found


def plan_days(plan: tuple[Reminder, ...]) -> list[tuple[date, str]]:
    return [(reminder.at.date(), reminder.kind.value) for reminder in plan]


def test_the_default_plan_is_7_3_1_days_before_the_day_itself_and_1_3_7_days_late() -> None:
    plan = reminder_plan(occurrence_due(date(2020, 3, 10)), CALENDAR)
    assert plan_days(plan) == [
        (date(2020, 2, 28), "before"), (date(2020, 3, 5), "before"), (date(2020, 3, 9), "before"),
        (date(2020, 3, 10), "due"),
        (date(2020, 3, 11), "overdue"), (date(2020, 3, 13), "escalation"),
        (date(2020, 3, 19), "escalation"),
    ]
    assert [reminder.offset for reminder in plan] == [7, 3, 1, 0, 1, 3, 7]


def test_reminders_go_out_at_eight_in_the_morning_vietnam_time_by_default() -> None:
    first = reminder_plan(occurrence_due(date(2020, 3, 10)), CALENDAR)[0]
    assert first.at == datetime(2020, 2, 28, 8, 0, tzinfo=HCM)
    assert first.at.utcoffset() is not None
    assert first.to_json() == {"at": "2020-02-28T08:00:00+07:00", "kind": "before"}


def test_the_office_hour_and_time_zone_are_parameters() -> None:
    plan = reminder_plan(occurrence_due(date(2020, 3, 10)), CALENDAR, at=time(7, 30),
                         tz=ZoneInfo("UTC"))
    assert plan[0].at == datetime(2020, 2, 28, 7, 30, tzinfo=ZoneInfo("UTC"))


def test_reminders_around_tet_2021_skip_the_holiday_week() -> None:
    # Due Monday 15/02/2021, inside Tết (10-16/02): effective Wednesday 17/02/2021.
    occurrence = occurrence_due(date(2021, 2, 15))
    assert occurrence.effective_due_date == date(2021, 2, 17)
    assert plan_days(reminder_plan(occurrence, CALENDAR)) == [
        (date(2021, 2, 1), "before"), (date(2021, 2, 5), "before"), (date(2021, 2, 9), "before"),
        (date(2021, 2, 17), "due"),
        (date(2021, 2, 18), "overdue"), (date(2021, 2, 22), "escalation"),
        (date(2021, 2, 26), "escalation"),
    ]


def test_with_the_previous_day_policy_tet_moves_the_deadline_before_the_holiday() -> None:
    occurrence = occurrence_due(date(2021, 2, 15), policy=DueDatePolicy.PREVIOUS_WORKING_DAY)
    assert occurrence.effective_due_date == date(2021, 2, 9)
    assert plan_days(reminder_plan(occurrence, CALENDAR))[3:5] == [
        (date(2021, 2, 9), "due"), (date(2021, 2, 17), "overdue")]


def test_reminders_before_an_early_january_deadline_cross_new_year_and_skip_1_january() -> None:
    plan = reminder_plan(occurrence_due(date(2021, 1, 5)), CALENDAR)
    assert plan_days(plan)[:3] == [
        (date(2020, 12, 24), "before"), (date(2020, 12, 30), "before"),
        (date(2021, 1, 4), "before")]


def test_a_make_up_saturday_can_carry_a_reminder() -> None:
    plan = reminder_plan(occurrence_due(date(2024, 5, 6)), CALENDAR)
    assert (date(2024, 5, 4), "before") in plan_days(plan)


def test_an_admin_day_off_moves_the_reminders() -> None:
    calendar = WorkingCalendar(extra_days_off={date(2020, 3, 9): "Nghỉ đột xuất"})
    plan = reminder_plan(occurrence_due(date(2020, 3, 10), calendar=calendar), calendar)
    assert (date(2020, 3, 6), "before") in plan_days(plan)
    assert all(reminder.at.date() != date(2020, 3, 9) for reminder in plan)


def test_offsets_are_configurable_per_deadline() -> None:
    offsets = ReminderOffsets(before=(2,), overdue=(2, 5), escalation=(5,), on_due_day=False)
    plan = reminder_plan(occurrence_due(date(2020, 3, 10), offsets), CALENDAR)
    assert plan_days(plan) == [(date(2020, 3, 6), "before"), (date(2020, 3, 12), "overdue"),
                               (date(2020, 3, 17), "escalation")]


def test_no_escalation_when_none_is_configured() -> None:
    offsets = ReminderOffsets(escalation=())
    kinds = {r.kind for r in reminder_plan(occurrence_due(date(2020, 3, 10), offsets), CALENDAR)}
    assert ReminderKind.ESCALATION not in kinds


def test_offsets_are_kept_in_a_canonical_order() -> None:
    offsets = ReminderOffsets(before=(1, 7, 3), overdue=(7, 1, 3), escalation=(7, 3))
    assert offsets == ReminderOffsets()


@pytest.mark.parametrize(
    ("before", "reason_words"),
    [((7, -3), "-3 is not between"), ((3, 3), "3 is given twice"), ((0,), "0 is not between"),
     ((1.5,), "whole number"), ((True,), "whole number"), ((251,), "251 is not between"),
     ("731", "list")],
)
def test_negative_duplicate_or_odd_offsets_are_rejected(
    before: tuple[object, ...], reason_words: str,
) -> None:
    with pytest.raises(InvalidOffsets) as raised:
        ReminderOffsets(before=before)  # type: ignore[arg-type]
    assert raised.value.params["kind"] == "before"
    assert reason_words in str(raised.value.params["reason"])


def test_escalation_offsets_must_be_overdue_offsets() -> None:
    with pytest.raises(InvalidEscalationOffsets):
        ReminderOffsets(overdue=(1, 3), escalation=(7,))


def test_a_plan_needs_the_calendar_the_occurrence_was_computed_with() -> None:
    occurrence = occurrence_due(date(2020, 3, 10))
    stricter = WorkingCalendar(extra_days_off={date(2020, 3, 10): "Nghỉ"})
    with pytest.raises(ValueError, match="recompute"):
        reminder_plan(occurrence, stricter)


def test_an_extended_plan_counts_the_same_offsets_from_the_date_granted() -> None:
    occurrence = occurrence_due(date(2020, 3, 10))
    plan = extended_reminder_plan(occurrence, date(2020, 3, 20), CALENDAR)
    assert plan_days(plan) == [
        (date(2020, 3, 11), "before"), (date(2020, 3, 17), "before"), (date(2020, 3, 19), "before"),
        (date(2020, 3, 20), "due"),
        (date(2020, 3, 23), "overdue"), (date(2020, 3, 25), "escalation"),
        (date(2020, 3, 31), "escalation"),
    ]
    assert [reminder.offset for reminder in plan] == [7, 3, 1, 0, 1, 3, 7]
    assert plan[0].at == datetime(2020, 3, 11, 8, 0, tzinfo=HCM)


def test_a_date_granted_on_a_day_off_is_reminded_on_the_last_working_day_before_it() -> None:
    # Saturday 21/03/2020: the due-day reminder comes on Friday, while sending is still on
    # time, and "1 day late" is Monday, the first working day after the date granted.
    occurrence = occurrence_due(date(2020, 3, 10))
    on_saturday = extended_reminder_plan(occurrence, date(2020, 3, 21), CALENDAR)
    assert on_saturday == extended_reminder_plan(occurrence, date(2020, 3, 20), CALENDAR)
    assert all(CALENDAR.is_working_day(reminder.at.date()) for reminder in on_saturday)
    overdue = next(r for r in on_saturday if r.kind is ReminderKind.OVERDUE)
    assert CALENDAR.count_working_days(date(2020, 3, 21), overdue.at.date()) == overdue.offset


def test_an_extension_across_tet_skips_the_holiday_like_any_plan() -> None:
    occurrence = occurrence_due(date(2020, 1, 20), ReminderOffsets(before=(3, 1), overdue=(1,),
                                                                   escalation=()))
    plan = extended_reminder_plan(occurrence, date(2020, 1, 31), CALENDAR)
    assert plan_days(plan) == [(date(2020, 1, 21), "before"), (date(2020, 1, 30), "before"),
                               (date(2020, 1, 31), "due"), (date(2020, 2, 3), "overdue")]
