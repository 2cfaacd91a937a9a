"""What a calendar change does to the units' next due dates, reminders and who is told
(bot.services.schedule_changes), and the working-day use cases built on it, on SQLite."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.domain.calendar import DueDatePolicy
from bot.domain.errors import (
    CalendarDayInPast,
    CalendarDayNotAdded,
    CalendarReasonControlCharacters,
    CalendarReasonTooLong,
    DateDoesNotExist,
    DateOutOfRange,
    DayOffAlreadyAdded,
    DayOffOnHoliday,
    DayOffOnWeekend,
    DomainError,
    InvalidDate,
    NotAllowed,
    ReportYearOutOfRange,
    WorkingDayAlreadyAdded,
    WorkingDayAlreadyWorked,
)
from bot.domain.roles import Role
from bot.domain.working_days import DayKind
from bot.services import schedule, working_days
from bot.services.people import Caller, TelegramUser, bootstrap_admins, record_contact
from bot.services.province import seed_province
from bot.services.reminders import ReminderTiming, plan_reminders
from bot.services.schedule_changes import apply_schedule_change, open_dues, upcoming_dues
from bot.texts import error_text
from config.province import load_province
from db import status_updates, units
from db.migrate import upgrade_to_head
from db.models import AuditEntry, CalendarDay, Extension, OutboxMessage
from db.session import Database
from tests.support.digest_data import ids
from tests.support.reminder_data import add_calendar_day, add_officers

TRA_VINH = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2020, 3, 2, 2, tzinfo=UTC)  # Monday 02/03/2020, 09:00 in Trà Vinh
TODAY = date(2020, 3, 2)
TIMING = ReminderTiming(DueDatePolicy.NEXT_WORKING_DAY, time(8), TRA_VINH)
Q1, Q1_MOVED, Q2 = date(2020, 3, 10), date(2020, 3, 11), date(2020, 6, 10)
TITLE = "Báo cáo quý, đánh giá tình hình thực hiện Kế hoạch hành động của UBND tỉnh"
ADMIN_ID = 1001


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    db = Database(f"sqlite:///{tmp_path}/schedule.sqlite3")
    upgrade_to_head(db)
    db.run_sync(lambda s: seed_province(s, load_province(), NOW))
    yield db
    db.dispose()


@pytest.fixture
def admin(database: Database) -> Caller:
    def work(session: Session) -> Caller:
        bootstrap_admins(session, [ADMIN_ID], NOW)
        return record_contact(session, TelegramUser(ADMIN_ID, "Quản trị"), NOW)
    return database.run_sync(work)


def submit(session: Session, unit_code: str, due: date) -> None:
    deadline_id, unit_id = ids(session, "quy", unit_code)
    status_updates.add(session, {"deadline_id": deadline_id, "due_date": due, "unit_id": unit_id,
                                 "status": "submitted", "on_time": True, "received_at": NOW})


def test_each_unit_waits_for_its_next_unsubmitted_occurrence(database: Database) -> None:
    def scenario(session: Session) -> None:
        submit(session, "stp", Q1)
        deadline_id, unit_id = ids(session, "quy", "syt")
        session.add(Extension(deadline_id=deadline_id, due_date=Q1, unit_id=unit_id,
                              granted_until=date(2020, 3, 20), approved_at=NOW))
        units.switch_active(session, ids(session, "quy", "sxd")[1], False, NOW)
        dues = upcoming_dues(session, TODAY, DueDatePolicy.NEXT_WORKING_DAY)
        snv = dues["quy", "snv"]
        assert (snv.title, snv.period_label, snv.due_date, snv.effective_due_date) == (
            TITLE, "Quý I/2020", Q1, Q1)
        assert dues["quy", "stp"].due_date == Q2  # Q1 already sent
        assert dues["quy", "syt"].effective_due_date == date(2020, 3, 20)  # the date granted
        assert ("quy", "sxd") not in dues  # disabled
        assert dues["trienkhai", "stp"].due_date == date(2021, 1, 20)  # 20/01/2020 is past
    database.run_sync(scenario)


def test_a_day_off_on_a_due_date_moves_it_replans_and_names_the_chats_to_tell(
        database: Database) -> None:
    def scenario(session: Session) -> None:
        add_officers(session, [501, 502], NOW, units=["snv", "stp"])
        submit(session, "stp", Q1)
        plan_reminders(session, NOW, TIMING)
        before = open_dues(session, TODAY, TIMING.policy)
        add_calendar_day(session, Q1, "day_off", NOW)
        session.flush()
        effect = apply_schedule_change(session, before, NOW, TIMING)
        [change] = effect.changes
        assert (change.deadline_code, change.title, change.period_label, change.before,
                change.after) == ("quy", TITLE, "Quý I/2020", Q1, Q1_MOVED)
        assert "snv" in change.unit_codes and "stp" not in change.unit_codes
        assert [(n.change, n.chat_ids) for n in effect.notices] == [(change, (501,))]
        # snv's six pending reminders for Q1 (28/02 is past) count to 11/03 now.
        assert effect.reminders.moved == 6 and effect.reminders.added == 0
        rows = session.scalars(select(OutboxMessage).where(OutboxMessage.chat_id == 501,
                                                           OutboxMessage.due_date == Q1))
        assert {row.effective_due_date for row in rows} == {Q1_MOVED}
    database.run_sync(scenario)


def test_nothing_changes_when_no_due_date_moves(database: Database) -> None:
    def scenario(session: Session) -> None:
        before = open_dues(session, TODAY, TIMING.policy)
        add_calendar_day(session, date(2020, 3, 5), "day_off", NOW)
        session.flush()
        effect = apply_schedule_change(session, before, NOW, TIMING)
        assert effect.changes == () and effect.notices == () and effect.unit_count == 0
    database.run_sync(scenario)


def test_a_working_saturday_brings_a_due_date_back_and_groups_units_by_dates(
        database: Database) -> None:
    def scenario(session: Session) -> None:
        add_calendar_day(session, Q1, "day_off", NOW)
        add_calendar_day(session, Q1_MOVED, "day_off", NOW)  # due 12/03 now
        session.flush()
        before = open_dues(session, TODAY, TIMING.policy)
        session.delete(session.scalars(select(CalendarDay).where(CalendarDay.day == Q1_MOVED))
                       .one())
        session.flush()
        [change] = apply_schedule_change(session, before, NOW, TIMING).changes
        assert (change.before, change.after) == (date(2020, 3, 12), Q1_MOVED)
    database.run_sync(scenario)


def test_a_due_date_behind_the_next_one_that_moves_is_a_change(database: Database) -> None:
    """Issue 15: Sở Nội vụ's next due date is Quý I (10/03); a day off on 10/06 moves Quý II."""
    def scenario(session: Session) -> None:
        add_officers(session, [501], NOW, units=["snv"])
        before = open_dues(session, TODAY, TIMING.policy)
        add_calendar_day(session, Q2, "day_off", NOW)
        session.flush()
        effect = apply_schedule_change(session, before, NOW, TIMING)
        [change] = effect.changes
        assert (change.deadline_code, change.period_label, change.before, change.after) == (
            "quy", "Quý II/2020", Q2, date(2020, 6, 11))
        assert "snv" in change.unit_codes and len(change.unit_codes) == 38
        assert [(n.change, n.chat_ids) for n in effect.notices] == [(change, (501,))]
    database.run_sync(scenario)


def test_a_change_to_the_next_occurrence_is_not_taken_for_a_move(database: Database) -> None:
    """Policy 'previous working day' and a day off today: today's due date moves into the
    past, so another occurrence becomes next; that is no due date moving."""
    policy = DueDatePolicy.PREVIOUS_WORKING_DAY
    timing = ReminderTiming(policy, time(8), TRA_VINH)
    on_q1 = datetime(2020, 3, 10, 2, tzinfo=UTC)

    def scenario(session: Session) -> None:
        before = open_dues(session, Q1, policy)
        add_calendar_day(session, Q1, "day_off", on_q1)
        session.flush()
        assert apply_schedule_change(session, before, on_q1, timing).changes == ()
    database.run_sync(scenario)


# The working-day use cases.


def test_a_day_off_is_audited_and_seen_at_once_by_the_schedule_and_the_planner(
        database: Database, admin: Caller) -> None:
    def plan(session: Session) -> None:
        add_officers(session, [501], NOW, units=["snv"])
        plan_reminders(session, NOW, TIMING)
    database.run_sync(plan)
    change = database.run_sync(lambda s: working_days.add_day(
        s, admin, DayKind.DAY_OFF, "10/03/2020", "  Bão   số 5 ", NOW, TIMING))
    assert (change.day, change.kind, change.reason, change.removed) == (
        Q1, DayKind.DAY_OFF, "Bão số 5", False)
    assert [c.after for c in change.effect.changes] == [Q1_MOVED]

    def seen(session: Session) -> None:
        year = schedule.year_schedule(session, 2020, policy=TIMING.policy, at=TIMING.at,
                                      tz=TRA_VINH)
        q1 = next(s.occurrence for s in year if s.occurrence.key == "quy:2020-03-10")
        assert q1.effective_due_date == Q1_MOVED
        assert plan_reminders(session, NOW, TIMING).changed == 0  # already replanned
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert entry is not None
        assert (entry.action, entry.subject, entry.after) == (
            "calendar.day_off", "2020-03-10", {"kind": "day_off", "reason": "Bão số 5"})
    database.run_sync(seen)
    removed = database.run_sync(lambda s: working_days.remove_day(s, admin, "10/03/2020", NOW,
                                                                  TIMING))
    assert removed.removed and removed.reason == "Bão số 5"
    assert [(c.before, c.after) for c in removed.effect.changes] == [(Q1_MOVED, Q1)]


REFUSALS: list[tuple[DayKind | None, str, str, type[DomainError]]] = [
    (DayKind.DAY_OFF, "31/02/2020", "", DateDoesNotExist),
    (DayKind.DAY_OFF, "mai", "", InvalidDate),
    (DayKind.DAY_OFF, "10/03/2200", "", DateOutOfRange),
    (DayKind.DAY_OFF, "01/03/2020", "", CalendarDayInPast),
    (DayKind.DAY_OFF, "07/03/2020", "", DayOffOnWeekend),
    (DayKind.DAY_OFF, "30/04/2020", "", DayOffOnHoliday),
    (DayKind.WORKING_DAY, "09/03/2020", "", WorkingDayAlreadyWorked),
    (DayKind.DAY_OFF, "12/03/2020", "x" * 201, CalendarReasonTooLong),
    (DayKind.DAY_OFF, "12/03/2020", "Bão\nsố 5", CalendarReasonControlCharacters),
    (DayKind.DAY_OFF, "12/03/2020", "Lý do\u202e", CalendarReasonControlCharacters),
    (DayKind.DAY_OFF, "13/03/2020", "", DayOffAlreadyAdded),
    (DayKind.WORKING_DAY, "14/03/2020", "", WorkingDayAlreadyAdded),
    (DayKind.DAY_OFF, "14/03/2020", "", WorkingDayAlreadyAdded),
    (None, "16/03/2020", "", CalendarDayNotAdded),
    (None, "29/02/2020", "", CalendarDayInPast),
]


@pytest.mark.parametrize(("kind", "typed", "reason", "expected"), REFUSALS)
def test_refusals_write_nothing_and_say_what_to_fix(
        database: Database, admin: Caller, kind: DayKind | None, typed: str, reason: str,
        expected: type[DomainError]) -> None:
    def existing(session: Session) -> None:
        add_calendar_day(session, date(2020, 3, 13), "day_off", NOW, "Đã có")
        add_calendar_day(session, date(2020, 3, 14), "working_day", NOW, "Làm bù")
    database.run_sync(existing)

    def counts(session: Session) -> tuple[int, int, int]:
        return tuple(session.scalar(select(func.count()).select_from(model)) or 0  # type: ignore[return-value]
                     for model in (CalendarDay, AuditEntry, OutboxMessage))
    before = database.run_sync(counts)
    with pytest.raises(expected) as raised:
        database.run_sync(lambda s: working_days.remove_day(s, admin, typed, NOW, TIMING)
                          if kind is None else
                          working_days.add_day(s, admin, kind, typed, reason, NOW, TIMING))
    assert type(raised.value) is expected
    assert database.run_sync(counts) == before
    for lang in ("vi", "en"):
        rendered = error_text(raised.value, lang)  # type: ignore[arg-type]
        assert "{" not in rendered and rendered != error_text(DomainError(), lang)  # type: ignore[arg-type]


def test_refusal_messages_name_the_day_and_an_example(database: Database,
                                                      admin: Caller) -> None:
    def refused(kind: DayKind, typed: str) -> str:
        with pytest.raises(DomainError) as raised:
            database.run_sync(lambda s: working_days.add_day(s, admin, kind, typed, "", NOW,
                                                             TIMING))
        return error_text(raised.value, "vi")
    assert "Ngày 30/04/2020 đã là ngày nghỉ lễ (Ngày Chiến thắng)" in refused(
        DayKind.DAY_OFF, "30/04/2020")
    assert "<code>/dayoff 09/03/2020 Nghỉ bù</code>" in refused(DayKind.DAY_OFF, "07/03/2020")
    assert "<code>/workday 14/03/2020 Làm bù</code>" in refused(DayKind.WORKING_DAY, "09/03/2020")
    assert "hôm nay là 02/03/2020" in refused(DayKind.DAY_OFF, "28/02/2020")


def test_only_admins_change_days_and_the_office_may_read_them(database: Database) -> None:
    office = Caller(1, 7, "Hạnh", frozenset({Role.OFFICE}))
    with pytest.raises(NotAllowed):
        database.run_sync(lambda s: working_days.add_day(
            s, office, DayKind.DAY_OFF, "12/03/2020", "", NOW, TIMING))
    with pytest.raises(NotAllowed):
        database.run_sync(lambda s: working_days.remove_day(s, office, "12/03/2020", NOW, TIMING))
    year = database.run_sync(lambda s: working_days.year_calendar(s, office, "", TODAY))
    assert year.year == 2020
    with pytest.raises(ReportYearOutOfRange):
        database.run_sync(lambda s: working_days.year_calendar(s, office, "1800", TODAY))


def test_the_year_lists_public_and_admin_days_by_date(database: Database,
                                                       admin: Caller) -> None:
    def days(session: Session) -> None:
        add_calendar_day(session, Q1, "day_off", NOW, "Bão số 5")
        add_calendar_day(session, date(2020, 3, 14), "working_day", NOW, "Làm bù")
    database.run_sync(days)
    year = database.run_sync(lambda s: working_days.year_calendar(s, admin, "2020", TODAY))
    listed = [(e.day, e.name, e.kind.value, e.added) for e in year.entries]
    assert listed[0] == (date(2020, 1, 1), "Tết Dương lịch", "day_off", False)
    assert (date(2020, 1, 25), "Tết Nguyên Đán", "day_off", False) in listed
    assert (Q1, "Bão số 5", "day_off", True) in listed
    assert (date(2020, 3, 14), "Làm bù", "working_day", True) in listed
    assert [e.day for e in year.entries] == sorted(e.day for e in year.entries)
