"""Received webhook updates (db.received_updates): recorded once, handled ones keep only their
id, and unhandled ones are taken up by one worker at a time; on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from bot.web.inbox import MAX_REPLAYS, REPLAY_AFTER
from bot.web.metrics import ServiceMetrics
from db import received_updates
from db.migrate import upgrade_to_head
from db.session import Database

NOW = datetime(2026, 8, 12, 2, tzinfo=UTC)
LONG_AGO = NOW - timedelta(minutes=10)


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    """Updates 1-6 acknowledged ten minutes ago; 5 and 6 handled since."""
    db = Database(database_url)
    upgrade_to_head(db)
    db.run_sync(_acknowledge_six_handle_two)
    yield db
    db.dispose()


def _acknowledge_six_handle_two(session: Session) -> None:
    for update_id in range(1, 7):
        received_updates.record(session, update_id, f'{{"update_id": {update_id}}}', LONG_AGO)
    for update_id in (5, 6):
        received_updates.mark_handled(session, update_id)


def take(database: Database, limit: int, now: datetime = NOW) -> list[int]:
    taken = database.run_sync(lambda s: received_updates.take_unhandled(
        s, now - timedelta(minutes=2), now, limit, MAX_REPLAYS))
    return [found.update_id for found in taken]


def test_a_repeated_delivery_is_not_recorded_again(database: Database) -> None:
    again = database.run_sync(lambda s: received_updates.record(s, 1, '{"update_id": 1}', NOW))
    assert again is False


def test_unhandled_updates_are_taken_oldest_id_first_once_each_and_never_handled_ones(
        database: Database) -> None:
    assert take(database, 3) == [1, 2, 3]
    assert take(database, 10) == [4]  # 1-3 were just taken; 5 and 6 are handled
    assert take(database, 10) == []


def test_an_update_never_handled_is_taken_up_at_most_max_replays_times(
        database: Database) -> None:
    rounds = [take(database, 1, NOW + timedelta(minutes=10 * n)) for n in range(MAX_REPLAYS + 1)]
    assert rounds == [[1]] * MAX_REPLAYS + [[2]]  # 1 is given up; the next one comes


def test_two_workers_taking_at_once_on_postgresql_take_different_updates(
        database: Database) -> None:
    if database.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time (and one process): nothing to race")
    with database.unit_of_work() as holding:
        held = received_updates.take_unhandled(holding, NOW - timedelta(minutes=2), NOW, 2,
                                               MAX_REPLAYS)
        other = take(database, 10)  # the first worker has not committed yet
    assert [found.update_id for found in held] == [1, 2]
    assert other == [3, 4]


async def test_updates_given_up_are_counted_in_the_metrics(database: Database) -> None:
    last_try = NOW + timedelta(minutes=10 * (MAX_REPLAYS - 1))
    for n in range(MAX_REPLAYS):
        take(database, 1, NOW + timedelta(minutes=10 * n))
    metrics = ServiceMetrics(database, lambda: last_try + REPLAY_AFTER + timedelta(seconds=1))
    during_the_last_try = ServiceMetrics(database, lambda: last_try + timedelta(seconds=30))
    assert "deadline_bot_updates_given_up 1.0" in (await metrics.render()).decode()
    assert "deadline_bot_updates_given_up 0.0" in (await during_the_last_try.render()).decode()
