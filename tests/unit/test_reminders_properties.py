"""Properties of every reminder plan, checked on generated deadlines, calendars and offsets."""

from __future__ import annotations

from datetime import date, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.calendar import DueDatePolicy, WorkingCalendar
from bot.domain.deadlines import Deadline, LegalBasis, Occurrence, Recipient, occurrences
from bot.domain.periods import PeriodSpec
from bot.domain.recurrence import parse_rule
from bot.domain.reminder_offsets import ReminderOffsets
from bot.domain.reminders import ReminderKind, reminder_plan

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
due_dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
offset_lists = st.lists(st.integers(min_value=1, max_value=40), unique=True, max_size=5)


@st.composite
def reminder_offsets(draw: st.DrawFn) -> ReminderOffsets:
    overdue = draw(offset_lists)
    escalation = draw(st.lists(st.sampled_from(overdue), unique=True)) if overdue else []
    return ReminderOffsets(tuple(draw(offset_lists)), tuple(overdue), tuple(escalation),
                           draw(st.booleans()))


@st.composite
def calendars_near(draw: st.DrawFn, around: date) -> WorkingCalendar:
    """A calendar with admin days off and make-up days within 60 days of `around`."""
    near = st.integers(min_value=-60, max_value=60).map(lambda n: around + timedelta(days=n))
    days_off = draw(st.sets(near, max_size=6))
    working = draw(st.sets(near, max_size=4)) - days_off
    return WorkingCalendar({d: "Nghỉ" for d in days_off}, {d: "Làm bù" for d in working})


@st.composite
def planned(draw: st.DrawFn) -> tuple[Occurrence, WorkingCalendar, DueDatePolicy]:
    due = draw(due_dates)
    calendar = draw(calendars_near(due))
    policy = draw(st.sampled_from(DueDatePolicy))
    deadline = Deadline(
        code="baocao", title="Báo cáo", legal_basis=LegalBasis("01/QĐ-UBND", "mục 1"),
        recipient=Recipient("vpubnd", "Văn phòng Ủy ban nhân dân tỉnh"), units=("skhdt",),
        rule=parse_rule(f"DTSTART:{due:%Y%m%d}\nRDATE:{due:%Y%m%d}"), period=PeriodSpec(),
        offsets=draw(reminder_offsets()),
    )
    (occurrence,) = occurrences(deadline, due, due, calendar, policy)
    return occurrence, calendar, policy


@settings(max_examples=150, deadline=None)
@given(planned())
def test_no_reminder_falls_on_a_day_off(case: tuple[Occurrence, WorkingCalendar, object]) -> None:
    occurrence, calendar, _ = case
    assert all(calendar.is_working_day(r.at.date()) for r in reminder_plan(occurrence, calendar))


@settings(max_examples=150, deadline=None)
@given(planned())
def test_reminders_are_strictly_ordered_in_time(
    case: tuple[Occurrence, WorkingCalendar, object],
) -> None:
    occurrence, calendar, _ = case
    moments = [r.at for r in reminder_plan(occurrence, calendar)]
    assert all(earlier < later for earlier, later in pairwise(moments))


@settings(max_examples=150, deadline=None)
@given(planned())
def test_every_offset_is_honoured_in_working_days(
    case: tuple[Occurrence, WorkingCalendar, object],
) -> None:
    occurrence, calendar, _ = case
    due, offsets = occurrence.effective_due_date, occurrence.offsets
    plan = reminder_plan(occurrence, calendar)
    assert len(plan) == len(offsets.before) + len(offsets.overdue) + offsets.on_due_day
    for reminder in plan:
        day = reminder.at.date()
        if reminder.kind is ReminderKind.BEFORE:
            assert calendar.count_working_days(day, due) == reminder.offset
        elif reminder.kind is ReminderKind.DUE:
            assert day == due
        else:
            assert calendar.count_working_days(due, day) == reminder.offset
            escalated = reminder.offset in offsets.escalation
            assert (reminder.kind is ReminderKind.ESCALATION) == escalated


@settings(max_examples=150, deadline=None)
@given(planned())
def test_the_effective_due_date_is_the_nearest_working_day_the_policy_allows(
    case: tuple[Occurrence, WorkingCalendar, DueDatePolicy],
) -> None:
    occurrence, calendar, policy = case
    nominal, effective = occurrence.due_date, occurrence.effective_due_date
    assert calendar.is_working_day(effective)
    if policy is DueDatePolicy.NEXT_WORKING_DAY:
        assert nominal <= effective
        assert calendar.count_working_days(nominal - timedelta(days=1), effective) == 1
    else:
        assert effective <= nominal
        assert calendar.count_working_days(effective - timedelta(days=1), nominal) == 1


@settings(max_examples=50, deadline=None)
@given(planned(), st.times(), st.sampled_from(["Asia/Ho_Chi_Minh", "UTC", "Asia/Bangkok"]))
def test_every_reminder_goes_out_at_the_office_hour_in_the_given_zone(
    case: tuple[Occurrence, WorkingCalendar, object], at: time, zone: str,
) -> None:
    occurrence, calendar, _ = case
    for reminder in reminder_plan(occurrence, calendar, at=at, tz=ZoneInfo(zone)):
        assert reminder.at.timetz().replace(tzinfo=None) == at.replace(tzinfo=None)
        assert reminder.at.tzinfo == ZoneInfo(zone)
