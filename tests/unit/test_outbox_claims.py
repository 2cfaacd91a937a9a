"""Claiming due reminders from the outbox (db.outbox.claim_due), on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.province import seed_province
from config.province import load_province
from db import outbox
from db.migrate import upgrade_to_head
from db.models import OutboxMessage
from db.session import Database
from tests.support.digest_data import ids

NOW = datetime(2020, 3, 2, 2, tzinfo=UTC)
DUE = date(2020, 3, 10)
ROWS = 10


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    """A migrated province with ROWS pending reminders, due one minute apart up to NOW, and
    one more not due yet."""
    db = Database(database_url)
    upgrade_to_head(db)
    db.run_sync(lambda s: seed_province(s, load_province(), NOW))
    db.run_sync(_add_pending_rows)
    yield db
    db.dispose()


def _add_pending_rows(session: Session) -> None:
    deadline_id, unit_id = ids(session, "quy", "skhdt")
    session.add_all(
        OutboxMessage(deadline_id=deadline_id, due_date=DUE, effective_due_date=DUE,
                      unit_id=unit_id, chat_id=5000 + n, slot="before:3", planned_at=NOW,
                      send_after=NOW - timedelta(minutes=ROWS - 1 - n), created_at=NOW,
                      updated_at=NOW)
        for n in range(ROWS + 1))  # the last one is due a minute after NOW


def sending_chats(session: Session, worker: str) -> list[int]:
    return sorted(session.scalars(select(OutboxMessage.chat_id).where(
        OutboxMessage.state == "sending", OutboxMessage.claimed_by == worker)))


def test_a_claim_takes_at_most_the_limit_earliest_first_and_never_what_is_not_due(
        database: Database) -> None:
    first = database.run_sync(lambda s: outbox.claim_due(s, NOW, "a", 3))
    second = database.run_sync(lambda s: outbox.claim_due(s, NOW, "b", 3))
    rest = database.run_sync(lambda s: outbox.claim_due(s, NOW, "c", 100))

    assert (len(first), len(second), len(rest)) == (3, 3, ROWS - 6)
    assert database.run_sync(lambda s: sending_chats(s, "a")) == [5000, 5001, 5002]
    assert database.run_sync(lambda s: sending_chats(s, "b")) == [5003, 5004, 5005]
    assert database.run_sync(lambda s: outbox.claim_due(s, NOW, "d", 100)) == []
    not_due = database.run_sync(lambda s: s.scalar(
        select(OutboxMessage.state).where(OutboxMessage.chat_id == 5000 + ROWS)))
    assert not_due == "pending"


def test_two_workers_claiming_at_once_on_postgresql_take_different_rows(
        database: Database) -> None:
    if database.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time: a second claim waits for the first")
    with database.unit_of_work() as holding:
        held = outbox.claim_due(holding, NOW, "a", 4)
        # Worker "a" has not committed: its rows are locked, and "b" skips them.
        taken = database.run_sync(lambda s: outbox.claim_due(s, NOW, "b", 4))
    assert len(held) == len(taken) == 4
    assert not set(held) & set(taken)
    assert database.run_sync(lambda s: sending_chats(s, "b")) == [5004, 5005, 5006, 5007]
