"""The ingest benchmark's databases: the seeded province, the bare commit rate, PostgreSQL's
counters."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text, update
from sqlalchemy.engine import make_url

from bench.reminder_slot import SLOT_TIME, plan_one_slot
from bot.domain.statuses import ReportStatus
from bot.services.statuses import ReportRef
from bot.status_buttons import status_callback, status_keyboard
from db.models import Deadline, OutboxMessage
from db.session import Database
from tests.support.postgres_server import (
    PostgresServer,
    find_postgres_bindir,
    postgres_server_from_environment,
    start_postgres_server,
)

REMINDER_MESSAGE_ID = 1  # as bench/ingest_fake.py logs it
CEILING_SECONDS = 2.0


@dataclass(frozen=True)
class Seeded:
    """The officers who can answer, and the reminders the fake must hold for them."""

    officers: list[tuple[int, int, dict[str, str]]]  # chat id, person id, letter → callback
    reminders: list[list[Any]]  # [chat id, text, reply_markup] per officer


def seed_answerable_reminders(url: str, officers: int) -> Seeded:
    """The province, `officers` officers and a sent reminder each; every deadline paused."""
    planned = plan_one_slot(url, officers)
    texts = dict(planned.messages)
    database = Database(url)
    try:
        rows = database.run_sync(_mark_sent_and_pause)
    finally:
        database.dispose()
    seeded_officers, reminders = [], []
    for chat_id, person_id, deadline_id, due_date, unit_id in rows:
        ref = ReportRef(deadline_id, due_date, unit_id)
        callbacks = {"p": status_callback(ref, ReportStatus.IN_PROGRESS),
                     "s": status_callback(ref, ReportStatus.SUBMITTED)}
        seeded_officers.append((chat_id, person_id, callbacks))
        reminders.append([chat_id, texts[chat_id], status_keyboard(ref, "vi").to_dict()])
    return Seeded(seeded_officers, reminders)


def _mark_sent_and_pause(session: Any) -> list[tuple[Any, ...]]:
    """As if the sender had sent every reminder (message 1 of each chat), and the planner had
    nothing more to plan: the benchmark measures answers, not reminders."""
    session.execute(update(OutboxMessage).values(
        state="sent", attempts=1, sent_at=SLOT_TIME, telegram_message_id=REMINDER_MESSAGE_ID))
    session.execute(update(Deadline).values(paused=True))
    return [tuple(row) for row in session.execute(
        select(OutboxMessage.chat_id, OutboxMessage.person_id, OutboxMessage.deadline_id,
               OutboxMessage.due_date, OutboxMessage.unit_id).order_by(OutboxMessage.chat_id))]


def commit_ceiling(url: str, seconds: float = CEILING_SECONDS) -> tuple[float, str]:
    """Single-row INSERT + COMMIT in a loop for `seconds`, through the bot's engine and unit of
    work: (commits per second, the durability settings it ran with)."""
    database = Database(url)
    try:
        database.run_sync(lambda s: s.execute(text(
            "CREATE TABLE bench_commit_ceiling (id INTEGER PRIMARY KEY, note VARCHAR(64))")))
        statement = text("INSERT INTO bench_commit_ceiling (id, note) VALUES (:id, 'x')")
        count, started = 0, time.perf_counter()
        while time.perf_counter() - started < seconds:
            count += 1
            with database.unit_of_work() as session:
                session.execute(statement, {"id": count})
        rate = count / (time.perf_counter() - started)
        durability = database.run_sync(_durability)
        database.run_sync(lambda s: s.execute(text("DROP TABLE bench_commit_ceiling")))
    finally:
        database.dispose()
    return rate, durability


def _durability(session: Any) -> str:
    if session.get_bind().dialect.name == "sqlite":
        mode = session.scalar(text("PRAGMA journal_mode"))
        level = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}[
            session.scalar(text("PRAGMA synchronous"))]
        return f"journal_mode={mode}, synchronous={level}"
    settings = ", ".join(f"{name}={session.scalar(text(f'SHOW {name}'))}"
                         for name in ("fsync", "synchronous_commit", "full_page_writes"))
    return f"PostgreSQL {session.scalar(text('SHOW server_version'))}, {settings}"


def postgresql_activity(url: str) -> dict[str, float] | None:
    """The database's transaction and row counters (None on SQLite)."""
    if make_url(url).get_backend_name() != "postgresql":
        return None
    time.sleep(1.0)  # backends that just closed report their counters as they exit
    database = Database(url)
    try:
        row = database.run_sync(lambda s: s.execute(text(
            "SELECT xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted "
            "FROM pg_stat_database WHERE datname = current_database()")).one())
    finally:
        database.dispose()
    names = ("xact_commit", "xact_rollback", "tup_inserted", "tup_updated", "tup_deleted")
    return {name: float(value) for name, value in zip(names, row, strict=True)}


@contextmanager
def postgresql_server(wanted: bool) -> Iterator[PostgresServer | None]:
    """TEST_POSTGRESQL_URL's server or a throw-away one (fsync off) when `wanted`."""
    if not wanted:
        yield None
        return
    server = postgres_server_from_environment()
    started = server is None
    if server is None:
        bindir = find_postgres_bindir()
        if bindir is None:
            raise SystemExit("PostgreSQL is not installed (apt-get install postgresql), "
                             "or set TEST_POSTGRESQL_URL")
        server = start_postgres_server(bindir)
    try:
        yield server
    finally:
        if started:
            server.stop()
