"""One reminder slot planned for thousands of officers: the database the fan-out starts from.

The database is migrated and seeded with the province exactly as at the bot's start
(`bot.lifecycle.prepare`); the officers are inserted directly (registering 3,000 people
through chat would measure registration, not delivery). The outbox rows are made by the real
planner (`plan_reminders`) at the slot's time with a one-second horizon, which in the shipped
2020 calendar yields exactly one slot: "trienkhai" (due 20/01/2020), `before:7`, at
09/01/2020 08:00 local time, for every officer.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from bot.dependencies import reminder_timing
from bot.lifecycle import prepare
from bot.services import reminders
from bot.texts.reminders_render import reminder_text
from config.settings import Settings, load_settings
from db.models import Membership, OutboxMessage, Person, Unit
from db.session import Database

SLOT_TIME = datetime(2020, 1, 9, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
FIRST_CHAT_ID = 700_000_000
# Any well-formed token: the fake server accepts its own, which the contenders are given.
SETUP_TOKEN = "123456789:AAFakeTokenForDeadlineBotTests_0123456789"


@dataclass(frozen=True)
class PlannedSlot:
    """The planned fan-out: its rows and the (chat id, text) of every message, in send order."""

    outbox_rows: int
    slots: dict[str, int]  # "deadline due_date slot" → rows, to show that there is just one
    messages: list[tuple[int, str]]
    seconds_to_plan: float


def bench_settings(database_url: str, token: str = SETUP_TOKEN,
                   base_url: str = "http://127.0.0.1:1/bot") -> Settings:
    """Production defaults, except the token, the Bot API address and the database."""
    return load_settings(_env_file=None, telegram_bot_token=token,
                         telegram_api_base_url=base_url, database_url=database_url)


def add_officers(session: Session, count: int, now: datetime) -> int:
    """`count` people, each a plain officer of one active unit (round robin); return the units."""
    unit_ids = list(session.scalars(select(Unit.id).where(Unit.active).order_by(Unit.id)))
    session.execute(insert(Person), [
        {"telegram_user_id": FIRST_CHAT_ID + number, "full_name": f"Cán bộ {number + 1}",
         "language_code": "vi", "created_at": now}
        for number in range(count)])
    people = session.scalars(select(Person.id).where(Person.telegram_user_id >= FIRST_CHAT_ID)
                             .order_by(Person.telegram_user_id))
    session.execute(insert(Membership), [
        {"person_id": person_id, "unit_id": unit_ids[index % len(unit_ids)], "is_head": False,
         "created_at": now}
        for index, person_id in enumerate(people)])
    return len(unit_ids)


def slot_summary(session: Session) -> dict[str, int]:
    rows = session.execute(select(OutboxMessage.deadline_id, OutboxMessage.due_date,
                                  OutboxMessage.slot))
    return dict(Counter(f"deadline {d} due {due} {slot}" for d, due, slot in rows))


def preview_messages(database: Database, settings: Settings) -> list[tuple[int, str]]:
    """The messages the sender will send, rendered by its own code, in its order.

    The sender's claim query runs in a transaction that is rolled back, so nothing changes.
    """
    with Session(database.engine) as session:
        notices = reminders.claim_reminders(session, SLOT_TIME, "bench-preview", limit=10**9,
                                            tz=settings.bot_timezone)
        session.rollback()
    return [(notice.chat_id, reminder_text(notice, settings.bot_language)) for notice in notices]


def plan_one_slot(database_url: str, recipients: int) -> PlannedSlot:
    """Migrate and seed an empty database, add the officers and plan the slot for them."""
    settings = bench_settings(database_url)
    deps = prepare(settings, lambda: SLOT_TIME - timedelta(days=1))
    try:
        deps.database.run_sync(lambda s: add_officers(s, recipients, SLOT_TIME - timedelta(days=1)))
        started = time.perf_counter()
        report = deps.database.run_sync(lambda s: reminders.plan_reminders(
            s, SLOT_TIME, reminder_timing(settings), horizon=timedelta(seconds=1)))
        seconds = time.perf_counter() - started
        slots = deps.database.run_sync(slot_summary)
        messages = preview_messages(deps.database, settings)
    finally:
        deps.database.dispose()
    return PlannedSlot(report.added, slots, messages, seconds)
