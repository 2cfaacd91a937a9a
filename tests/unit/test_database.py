"""The database layer on SQLite and PostgreSQL: migrations, UTC datetimes, units of work."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import inspect, select

from bot.services.people import TelegramUser, bootstrap_admins, record_contact
from db.migrate import upgrade_to_head
from db.models import Person
from db.session import Database

NOW = datetime(2026, 1, 20, 1, 0, tzinfo=UTC)


@pytest.fixture
def database(database_url: str) -> Database:
    db = Database(database_url)
    upgrade_to_head(db)
    yield db  # type: ignore[misc]
    db.dispose()


@pytest.mark.empty_database
def test_migrations_create_the_schema_and_a_second_run_changes_nothing(database_url: str) -> None:
    db = Database(database_url)
    first = upgrade_to_head(db)
    second = upgrade_to_head(db)
    assert first[0] is None and first[1]
    assert second == (first[1], first[1])
    assert "people" in inspect(db.engine).get_table_names()
    db.dispose()


def test_sqlite_runs_in_wal_mode(tmp_path: object) -> None:
    db = Database(f"sqlite:///{tmp_path}/wal.sqlite3")
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_datetimes_come_back_aware_and_in_utc(database: Database) -> None:
    hanoi = timezone(timedelta(hours=7))
    seen = datetime(2026, 1, 20, 8, 0, tzinfo=hanoi)
    database.run_sync(lambda s: s.add(Person(telegram_user_id=1, created_at=seen)))
    stored = database.run_sync(lambda s: s.scalars(select(Person.created_at)).one())
    assert stored == seen and stored.tzinfo == UTC


def test_a_failed_unit_of_work_leaves_nothing_behind(database: Database) -> None:
    def add_then_fail(session: object) -> None:
        session.add(Person(telegram_user_id=2, created_at=NOW))  # type: ignore[attr-defined]
        session.flush()  # type: ignore[attr-defined]
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        database.run_sync(add_then_fail)
    assert database.run_sync(lambda s: s.scalars(select(Person)).all()) == []


def test_recording_a_contact_twice_keeps_one_person_with_fresh_details(database: Database) -> None:
    database.run_sync(lambda s: record_contact(s, TelegramUser(7, "Lê Văn A"), NOW))
    later = NOW + timedelta(days=1)
    caller = database.run_sync(
        lambda s: record_contact(s, TelegramUser(7, "Lê Văn Á", "lva"), later)
    )
    people = database.run_sync(lambda s: s.scalars(select(Person)).all())
    assert len(people) == 1
    assert (people[0].full_name, people[0].username, people[0].last_seen_at) == (
        "Lê Văn Á", "lva", later)
    assert caller.person_id == people[0].id and not caller.is_admin


def test_admins_named_at_start_are_admins_from_their_first_message(database: Database) -> None:
    added = database.run_sync(lambda s: bootstrap_admins(s, [10, 11], NOW))
    again = database.run_sync(lambda s: bootstrap_admins(s, [10, 11], NOW))
    caller = database.run_sync(lambda s: record_contact(s, TelegramUser(10, "Admin"), NOW))
    assert added == [10, 11] and again == []
    assert caller.is_admin


def test_a_revoked_bootstrap_admin_stays_revoked_after_a_restart(database: Database) -> None:
    database.run_sync(lambda s: bootstrap_admins(s, [10], NOW))
    database.run_sync(lambda s: s.execute(
        Person.__table__.update().values(is_admin=False)))  # revoked by another admin
    database.run_sync(lambda s: bootstrap_admins(s, [10], NOW))
    caller = database.run_sync(lambda s: record_contact(s, TelegramUser(10, "Admin"), NOW))
    assert not caller.is_admin
