"""current_statuses: each report's newest answer, kept with every answer and filled by the
migration from the answers stored before it (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from alembic import command
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.lifecycle import prepare
from config.settings import load_settings
from db import status_updates
from db.migrate import alembic_config
from db.models import CurrentStatus, StatusUpdate
from db.session import Database
from tests.support.digest_data import ids

AT = datetime(2020, 3, 9, 2, tzinfo=UTC)
Q1 = date(2020, 3, 10)


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    deps = prepare(load_settings(_env_file=None, database_url=database_url), clock=lambda: AT)
    yield deps.database
    deps.database.dispose()


def answer(session: Session, unit_code: str, status: str, **values: object) -> StatusUpdate:
    deadline_id, unit_id = ids(session, "quy", unit_code)
    return status_updates.add(session, {
        "deadline_id": deadline_id, "due_date": Q1, "unit_id": unit_id, "status": status,
        "received_at": AT, **values})


def current(session: Session) -> dict[int, tuple[int, str, bool | None]]:
    rows = session.execute(select(CurrentStatus.unit_id, CurrentStatus.status_update_id,
                                  CurrentStatus.status, CurrentStatus.on_time))
    return {unit_id: (row_id, status, on_time) for unit_id, row_id, status, on_time in rows}


def test_the_newest_answer_is_current_and_an_older_one_never_takes_its_place(
        database: Database) -> None:
    def scenario(session: Session) -> None:
        first = answer(session, "stp", "in_progress")
        second = answer(session, "stp", "submitted", on_time=True)
        other = answer(session, "snv", "blocked", note="Thiếu số liệu")
        # A transaction that added `first` but upserts last (a race) must not win.
        status_updates._make_current(session, first)
        assert current(session) == {second.unit_id: (second.id, "submitted", True),
                                    other.unit_id: (other.id, "blocked", None)}
        assert status_updates.submitted_reports(session) == {
            (second.deadline_id, Q1, second.unit_id)}
    database.run_sync(scenario)


def test_the_migration_fills_current_statuses_from_the_stored_answers(
        database: Database) -> None:
    config = alembic_config()
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0006")

    def old_history(session: Session) -> list[StatusUpdate]:
        deadline_id, unit_id = ids(session, "quy", "stp")
        rows = [StatusUpdate(deadline_id=deadline_id, due_date=Q1, unit_id=unit_id,
                             status=status, on_time=on_time, received_at=AT)
                for status, on_time in (("in_progress", None), ("submitted", False))]
        session.add_all(rows)
        session.flush()
        return rows
    _older, newest = database.run_sync(old_history)
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    assert database.run_sync(current) == {newest.unit_id: (newest.id, "submitted", False)}
