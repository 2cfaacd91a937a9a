"""The province's defaults in the database: loaded once, never overwriting an admin's changes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select, update

from bot.domain.calendar import DueDatePolicy
from bot.domain.reminders import DEFAULT_REMINDER_TIME, DEFAULT_TIMEZONE
from bot.domain.schedule import schedule_for_year
from bot.services.province import seed_province
from bot.services.schedule import year_schedule
from config.province import load_province
from db import calendar_days
from db.migrate import upgrade_to_head
from db.models import CalendarDay, Deadline, Unit
from db.session import Database

NOW = datetime(2020, 1, 2, 1, 0, tzinfo=UTC)
PROVINCE = load_province()


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = Database(database_url)
    upgrade_to_head(db)
    yield db
    db.dispose()


def stored_schedule(database: Database, year: int) -> list[dict[str, object]]:
    schedule = database.run_sync(lambda s: year_schedule(
        s, year, policy=DueDatePolicy.NEXT_WORKING_DAY, at=DEFAULT_REMINDER_TIME,
        tz=DEFAULT_TIMEZONE))
    return [item.to_json() for item in schedule]


def test_the_first_load_stores_every_unit_and_deadline(database: Database) -> None:
    report = database.run_sync(lambda s: seed_province(s, PROVINCE, NOW))
    assert len(report.units) == len(PROVINCE.units) == 38
    assert set(report.deadlines) == {"trienkhai", "quy", "khnam_noidung", "khnam_duthao",
                                     "tongket"}


def test_a_second_load_changes_nothing(database: Database) -> None:
    database.run_sync(lambda s: seed_province(s, PROVINCE, NOW))
    report = database.run_sync(lambda s: seed_province(s, PROVINCE, NOW))
    counts = database.run_sync(lambda s: (s.scalar(select(func.count(Unit.id))),
                                          s.scalar(select(func.count(Deadline.id)))))
    assert not report.changed
    assert counts == (38, 5)


def test_the_stored_calendar_is_the_same_as_the_data_file(database: Database) -> None:
    database.run_sync(lambda s: seed_province(s, PROVINCE, NOW))
    for year in (2020, 2021, 2026):
        from_file = [item.to_json() for item in schedule_for_year(
            PROVINCE.deadlines, year, PROVINCE.working_calendar())]
        assert stored_schedule(database, year) == from_file


def test_an_admins_edits_survive_a_reload(database: Database) -> None:
    database.run_sync(lambda s: seed_province(s, PROVINCE, NOW))
    database.run_sync(lambda s: s.execute(
        update(Deadline).where(Deadline.code == "quy").values(title="Báo cáo quý (sửa)",
                                                               paused=True)))
    database.run_sync(lambda s: s.execute(
        update(Unit).where(Unit.code == "bdt").values(name="Ban Dân tộc (mới)", active=False)))
    database.run_sync(lambda s: seed_province(s, PROVINCE, NOW))
    quy, bdt = database.run_sync(lambda s: (
        s.scalars(select(Deadline).where(Deadline.code == "quy")).one(),
        s.scalars(select(Unit).where(Unit.code == "bdt")).one()))
    assert (quy.title, quy.paused) == ("Báo cáo quý (sửa)", True)
    assert (bdt.name, bdt.active) == ("Ban Dân tộc (mới)", False)
    plan = stored_schedule(database, 2020)
    assert "quy" not in {o["deadline_code"] for o in plan}  # paused
    assert all("bdt" not in o["units"] for o in plan)  # type: ignore[operator]


def test_an_admins_day_off_moves_the_reminders(database: Database) -> None:
    database.run_sync(lambda s: seed_province(s, PROVINCE, NOW))
    before = stored_schedule(database, 2020)
    database.run_sync(lambda s: s.add(CalendarDay(day=date(2020, 3, 10), kind="day_off",
                                                  reason="Nghỉ đột xuất", created_at=NOW)))
    after = stored_schedule(database, 2020)
    march = next(o for o in after if o["due_date"] == "2020-03-10")
    assert next(o for o in before if o["due_date"] == "2020-03-10")["effective_due_date"] == (
        "2020-03-10")
    assert march["effective_due_date"] == "2020-03-11"


def test_a_shipped_day_an_admin_removed_stays_removed_after_a_reload_and_can_be_added_back(
        database: Database) -> None:
    national_day_bridge = date(2026, 9, 1)
    province = replace(PROVINCE, extra_days_off=((national_day_bridge, "Nghỉ bù Quốc khánh"),))
    first = database.run_sync(lambda s: seed_province(s, province, NOW))
    row = database.run_sync(lambda s: calendar_days.find_day(s, national_day_bridge))
    assert first.calendar_days == 1 and row is not None
    database.run_sync(lambda s: calendar_days.remove_day(
        calendar_days.find_day(s, national_day_bridge), NOW))  # type: ignore[arg-type]
    reload = database.run_sync(lambda s: seed_province(s, province, NOW))
    after_reload = database.run_sync(calendar_days.working_calendar)
    database.run_sync(lambda s: calendar_days.add_day(
        s, national_day_bridge, "working_day", "Làm bù", NOW))
    added_back = database.run_sync(calendar_days.working_calendar)
    rows = database.run_sync(lambda s: s.scalar(select(func.count()).select_from(CalendarDay)))
    assert reload.calendar_days == 0
    assert national_day_bridge not in after_reload.extra_days_off
    assert added_back.extra_working_days == {national_day_bridge: "Làm bù"}
    assert national_day_bridge not in added_back.extra_days_off
    assert rows == 1
