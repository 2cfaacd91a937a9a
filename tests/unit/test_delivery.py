"""Delivery rules: who gets which reminder, which missed ones still go out, retry pacing."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.calendar import WorkingCalendar
from bot.domain.delivery import (
    MAX_RETRY_DELAY,
    DueSend,
    Recipient,
    Slot,
    extended_plans,
    planned_sends,
    recipients_for,
    retry_delay,
    stale_sends,
    working_days_left,
)
from bot.domain.reminder_offsets import MAX_OFFSET
from bot.domain.reminders import ReminderKind
from bot.domain.schedule import build_schedule
from db.models import OutboxMessage
from tests.unit.test_reminders import deadline

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
OFFICER = Recipient(101, person_id=1)
SECOND_OFFICER = Recipient(102, person_id=2)
HEAD = Recipient(103, person_id=3, is_head=True)
GROUP = Recipient(-500, group_chat_id=7)


def test_slots_round_trip_through_their_stored_key() -> None:
    slot = Slot(ReminderKind.ESCALATION, 3)
    assert slot.key == "escalation:3"
    assert Slot.parse("escalation:3") == slot


def test_a_slot_of_an_extended_plan_carries_the_date_granted_in_its_key() -> None:
    slot = Slot(ReminderKind.BEFORE, 1, date(2020, 3, 20))
    assert slot.key == "before:1@2020-03-20"
    assert Slot.parse("before:1@2020-03-20") == slot
    assert slot.key != Slot(ReminderKind.BEFORE, 1).key  # a new send, not the old plan's
    longest = Slot(ReminderKind.ESCALATION, MAX_OFFSET, date(2020, 12, 31)).key
    assert len(longest) <= OutboxMessage.__table__.c.slot.type.length


def test_the_head_gets_only_escalations_while_the_unit_has_another_officer() -> None:
    everyone = [OFFICER, HEAD, GROUP]
    assert recipients_for(ReminderKind.BEFORE, everyone) == (OFFICER, GROUP)
    assert recipients_for(ReminderKind.OVERDUE, everyone) == (OFFICER, GROUP)
    assert recipients_for(ReminderKind.ESCALATION, everyone) == (OFFICER, HEAD, GROUP)


def test_a_head_who_is_the_only_officer_gets_every_reminder() -> None:
    assert recipients_for(ReminderKind.BEFORE, [HEAD, GROUP]) == (HEAD, GROUP)


def test_planned_sends_cover_the_window_and_leave_out_units_that_submitted() -> None:
    schedule = build_schedule([deadline("DTSTART:20200310\nRDATE:20200310")],
                              date(2020, 1, 1), date(2020, 12, 31), WorkingCalendar())
    start = datetime(2020, 3, 5, 8, tzinfo=HCM)
    end = datetime(2020, 3, 11, 8, tzinfo=HCM)  # excluded: [start, end)
    sends = planned_sends(schedule, {"skhdt": [OFFICER, SECOND_OFFICER], "bdt": [OFFICER]},
                          submitted={("quy", date(2020, 3, 10), "bdt")}, start=start, end=end)
    assert {(s.unit_code, s.recipient.chat_id, s.slot.key, s.at.day) for s in sends} == {
        ("skhdt", 101, "before:3", 5), ("skhdt", 102, "before:3", 5),
        ("skhdt", 101, "before:1", 9), ("skhdt", 102, "before:1", 9),
        ("skhdt", 101, "due:0", 10), ("skhdt", 102, "due:0", 10),
    }
    assert all(s.effective_due_date == date(2020, 3, 10) for s in sends)


def test_a_unit_with_an_approved_extension_is_reminded_against_the_date_granted() -> None:
    calendar = WorkingCalendar()
    schedule = build_schedule([deadline("DTSTART:20200310\nRDATE:20200310")],
                              date(2020, 1, 1), date(2020, 12, 31), calendar)
    extended = extended_plans(schedule, {("quy", date(2020, 3, 10), "bdt"): date(2020, 3, 20)},
                              calendar, at=time(8), tz=HCM)
    start = datetime(2020, 3, 5, 8, tzinfo=HCM)
    end = datetime(2020, 3, 26, 8, tzinfo=HCM)
    sends = planned_sends(schedule, {"skhdt": [OFFICER], "bdt": [SECOND_OFFICER, HEAD]},
                          submitted=set(), start=start, end=end, extended=extended)
    bdt = {(s.recipient.chat_id, s.slot.key, s.at.day) for s in sends if s.unit_code == "bdt"}
    assert bdt == {
        (102, "before:7@2020-03-20", 11), (102, "before:3@2020-03-20", 17),
        (102, "before:1@2020-03-20", 19), (102, "due:0@2020-03-20", 20),
        (102, "overdue:1@2020-03-20", 23),
        (102, "escalation:3@2020-03-20", 25), (103, "escalation:3@2020-03-20", 25),
    }
    assert {s.effective_due_date for s in sends if s.unit_code == "bdt"} == {date(2020, 3, 20)}
    # The other unit keeps the occurrence's plan.
    skhdt = {(s.slot.key, s.at.day) for s in sends if s.unit_code == "skhdt"}
    assert skhdt == {("before:3", 5), ("before:1", 9), ("due:0", 10), ("overdue:1", 11),
                     ("escalation:3", 13), ("escalation:7", 19)}
    assert {s.effective_due_date for s in sends if s.unit_code == "skhdt"} == {date(2020, 3, 10)}


def test_a_grant_not_later_than_the_effective_due_date_changes_no_plan() -> None:
    calendar = WorkingCalendar()
    # Due Sunday 08/03/2020, effectively Monday 09/03: a grant until 09/03 gives nothing more.
    schedule = build_schedule([deadline("DTSTART:20200308\nRDATE:20200308")],
                              date(2020, 1, 1), date(2020, 12, 31), calendar)
    granted = {("quy", date(2020, 3, 8), "bdt"): date(2020, 3, 9),
               ("quy", date(2020, 3, 8), "skhdt"): date(2020, 3, 10),
               ("quy", date(2020, 6, 8), "bdt"): date(2020, 7, 1)}  # no such occurrence
    plans = extended_plans(schedule, granted, calendar, at=time(8), tz=HCM)
    assert list(plans) == [("quy", date(2020, 3, 8), "skhdt")]
    assert plans[("quy", date(2020, 3, 8), "skhdt")].granted_until == date(2020, 3, 10)


def test_a_submitted_unit_gets_nothing_even_with_an_extension() -> None:
    calendar = WorkingCalendar()
    schedule = build_schedule([deadline("DTSTART:20200310\nRDATE:20200310")],
                              date(2020, 1, 1), date(2020, 12, 31), calendar)
    report = ("quy", date(2020, 3, 10), "bdt")
    extended = extended_plans(schedule, {report: date(2020, 3, 20)}, calendar, at=time(8),
                              tz=HCM)
    sends = planned_sends(schedule, {"bdt": [OFFICER]}, submitted={report},
                          start=datetime(2020, 3, 1, tzinfo=HCM),
                          end=datetime(2020, 4, 1, tzinfo=HCM), extended=extended)
    assert sends == []


def due(row_id: int, report: int, slot: str, day: int, effective: date = date(2020, 1, 20)
        ) -> DueSend:
    return DueSend(row_id, (report,), Slot.parse(slot), datetime(2020, 1, day, 8, tzinfo=HCM),
                   effective)


def test_after_downtime_only_the_latest_missed_reminder_of_each_report_goes_out() -> None:
    missed = [due(1, 1, "before:3", 15), due(2, 1, "before:1", 17), due(3, 1, "due:0", 20),
              due(4, 2, "before:1", 17)]
    assert stale_sends(missed, today=date(2020, 1, 20)) == ([3, 4], [1, 2])


def test_a_before_reminder_is_stale_once_the_due_date_has_passed() -> None:
    assert stale_sends([due(1, 1, "before:1", 17)], today=date(2020, 1, 21)) == ([], [1])
    assert stale_sends([due(1, 1, "overdue:1", 21)], today=date(2020, 1, 30)) == ([1], [])


def test_working_days_left_counts_forward_and_lateness_backward_across_tet() -> None:
    calendar = WorkingCalendar()
    assert working_days_left(date(2020, 1, 9), date(2020, 1, 20), calendar) == 7
    assert working_days_left(date(2020, 1, 20), date(2020, 1, 20), calendar) == 0
    assert working_days_left(date(2020, 1, 30), date(2020, 1, 20), calendar) == -3  # Tết off


def test_retries_back_off_exponentially_up_to_a_cap() -> None:
    delays = [retry_delay(n) for n in range(1, 10)]
    assert delays[:3] == [timedelta(seconds=5), timedelta(seconds=10), timedelta(seconds=20)]
    assert delays == sorted(delays)
    assert delays[-1] == MAX_RETRY_DELAY
