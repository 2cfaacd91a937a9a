"""`deadline-bot reminders`: the outbox for admins at a terminal, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.lifecycle import prepare
from config.settings import load_settings
from db.models import Deadline, OutboxMessage, Person, Unit
from tests.e2e.test_cli_errors import run_cli

AT = datetime(2020, 3, 5, 1, 0, tzinfo=UTC)  # 08:00 in Trà Vinh


def seed_outbox(database_url: str) -> None:
    """Two past sends as the sender leaves them: one delivered, one refused by Telegram."""
    deps = prepare(load_settings(_env_file=None, database_url=database_url))

    def seed(session: Session) -> None:
        person = Person(telegram_user_id=5001, full_name="Nguyễn Thị Lan", created_at=AT)
        session.add(person)
        session.flush()
        deadline_id = session.scalars(select(Deadline.id).where(Deadline.code == "quy")).one()
        unit_id = session.scalars(select(Unit.id).where(Unit.code == "syt")).one()
        for chat_id, state, error in ((5001, "sent", None),
                                      (5002, "failed", "Forbidden: bot was blocked by the user")):
            session.add(OutboxMessage(
                deadline_id=deadline_id, due_date=date(2020, 3, 10),
                effective_due_date=date(2020, 3, 10), unit_id=unit_id, chat_id=chat_id,
                person_id=person.id if chat_id == 5001 else None, slot="before:3", planned_at=AT,
                send_after=AT, state=state, attempts=1, last_error=error, created_at=AT,
                updated_at=AT))

    deps.database.run_sync(seed)
    deps.database.dispose()


def test_failed_and_sent_reminders_are_listed_with_their_reason(tmp_path: Path,
                                                                database_url: str) -> None:
    seed_outbox(database_url)
    env = {"DATABASE_URL": database_url, "BOT_LOG_LEVEL": "WARNING"}
    failed = run_cli(tmp_path, "reminders", "--failed", **env)
    sent = run_cli(tmp_path, "reminders", "--sent", **env)
    assert failed.returncode == 0, failed.stderr
    assert failed.stdout.splitlines()[:2] == [
        "Outbox: pending 0, sending 0, sent 1, failed 1, skipped 0, cancelled 0",
        "Showing 1 failed send(s)",
    ]
    assert failed.stdout.splitlines()[3] == (
        "05/03/2020 08:00  quy:2020-03-10  syt  → ? (5002)  before:3  attempts 1  "
        "[Forbidden: bot was blocked by the user]")
    assert "Nguyễn Thị Lan (5001)" in sent.stdout


def test_a_bad_limit_is_a_one_line_error(tmp_path: Path, database_url: str) -> None:
    result = run_cli(tmp_path, "reminders", "--limit", "0", DATABASE_URL=database_url)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "deadline-bot: configuration error: --limit: 0 is not a positive number")
