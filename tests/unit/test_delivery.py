"""Delivery rules: who gets which reminder, which missed ones still go out, retry pacing."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.calendar import WorkingCalendar
from bot.domain.delivery import (
    MAX_RETRY_DELAY,
    DueSend,
    Recipient,
    Slot,
    planned_sends,
    recipients_for,
    retry_delay,
    stale_sends,
    working_days_left,
)
from bot.domain.reminders import ReminderKind
from bot.domain.schedule import build_schedule
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
