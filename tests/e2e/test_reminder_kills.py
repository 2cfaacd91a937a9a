"""The real `deadline-bot run` process killed (SIGKILL) during a 500-recipient fan-out.

The database is seeded before the first start with a reminder already due: a one-off deadline
due today whose only reminder is on its morning, at BOT_REMINDER_TIME=00:00, so the catch-up
pass on start sends it. The process is killed at random points of the fan-out and restarted,
three times, then left to finish: everyone gets the reminder, and each kill may cost at most one
duplicate (the one message whose answer the dead process never recorded). The bot's output is
in the test's tmp_path (bot.log).
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sys
from datetime import datetime
from functools import partial
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.domain.calendar import WorkingCalendar
from bot.domain.reminder_offsets import ReminderOffsets
from bot.lifecycle import prepare
from config.settings import load_settings
from db.models import OutboxMessage
from db.session import Database
from tests.fake_telegram import FakeTelegram, FakeUser, serve_with_uvicorn
from tests.support.clock import TRA_VINH
from tests.support.ports import free_port
from tests.support.reminder_data import (
    add_calendar_day,
    add_officers,
    add_one_off_deadline,
    pause_deadlines_except,
)

RECIPIENTS = 500
KILLS = 3
CODE = "kiemtra"
STARTUP_TIMEOUT = 30.0
# At 29 messages/s the fan-out takes about 17 s, plus a start after each kill.
FAN_OUT_TIMEOUT = 60.0
# The interval between two sends at 29/s: the kill lands anywhere in one send-and-record step.
KILL_JITTER_SECONDS = 1 / 29


def kill_seed() -> int:
    """A new seed each run (printed); REMINDER_KILL_SEED=<seed> repeats a run's kill points."""
    configured = os.environ.get("REMINDER_KILL_SEED")
    return int(configured) if configured else random.SystemRandom().randrange(1_000_000)


def seed_database(database_url: str, officers: list[FakeUser]) -> None:
    """Migrate and load the province as `deadline-bot run` would, then plan a fan-out due now."""
    now = datetime.now(TRA_VINH)
    today = now.date()
    settings = load_settings(_env_file=None, database_url=database_url)
    deps = prepare(settings)

    def work(session: Session) -> None:
        if not WorkingCalendar().is_working_day(today):
            add_calendar_day(session, today, "working_day", now)  # else the due date moves
        add_one_off_deadline(session, CODE, today, now,
                             offsets=ReminderOffsets(before=(), overdue=(), escalation=()))
        pause_deadlines_except(session, CODE)
        add_officers(session, [officer.id for officer in officers], now)

    deps.database.run_sync(work)
    deps.database.dispose()


def bot_environment(fake: FakeTelegram, base_url: str, database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BOT_"))}
    env.update(TELEGRAM_BOT_TOKEN=fake.token, TELEGRAM_API_BASE_URL=base_url,
               DATABASE_URL=database_url, BOT_TIMEZONE="Asia/Ho_Chi_Minh",
               BOT_REMINDER_TIME="00:00", BOT_LOG_LEVEL="INFO",
               # On PostgreSQL a restarted process leads at once but hands back the killed
               # one's claims only after the lease (3 periods): keep that short here.
               BOT_LEADER_PERIOD="0.2", WEB_PORT=str(free_port()))
    return env


async def start_bot(env: dict[str, str], cwd: Path) -> asyncio.subprocess.Process:
    with (cwd / "bot.log").open("ab") as log:
        return await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", cwd=cwd, env=env,
            stdout=log, stderr=asyncio.subprocess.STDOUT)


def sent_at_least(fake: FakeTelegram, count: int) -> bool:
    return fake.bot_message_count >= count


def chats_reached(fake: FakeTelegram, officers: list[FakeUser]) -> int:
    if fake.bot_message_count < len(officers):
        return 0  # cheap check first: this runs at every change of the fake's state
    return sum(1 for officer in officers if fake.bot_messages(officer))


def rows_by_state(session: Session) -> dict[str, int]:
    return {state: count for state, count in session.execute(
        select(OutboxMessage.state, func.count()).group_by(OutboxMessage.state))}


async def until_all_recorded(database_url: str) -> dict[str, int]:
    """The outbox's rows by state once no send is pending or in flight (polling, at most 5 s:
    the last result is recorded just after Telegram received the last message)."""
    database = Database(database_url)
    try:
        for _ in range(50):
            states = await database.run(rows_by_state)
            if not {"pending", "sending"} & states.keys():
                break
            await asyncio.sleep(0.1)
        return states
    finally:
        database.dispose()


async def test_killing_the_bot_during_a_fan_out_loses_nobody_and_duplicates_at_most_one_per_kill(
    tmp_path: Path, database_url: str
) -> None:
    seed = kill_seed()
    rng = random.Random(seed)
    # Kill after the n-th message sent (counting duplicates), plus a jitter inside one send.
    thresholds = sorted(rng.sample(range(20, RECIPIENTS - 20), KILLS))
    jitters = [rng.uniform(0, KILL_JITTER_SECONDS) for _ in range(KILLS)]
    print(f"\nkill seed {seed} (REMINDER_KILL_SEED={seed} repeats it): kills after messages "
          f"{thresholds}, jitters {[f'{j * 1000:.0f} ms' for j in jitters]}")
    fake = FakeTelegram()  # Telegram's default flood limits
    officers = [fake.add_user(f"Cán bộ {i}") for i in range(RECIPIENTS)]
    await asyncio.to_thread(seed_database, database_url, officers)
    loop = asyncio.get_running_loop()
    started_at = loop.time()
    async with serve_with_uvicorn(fake) as base_url:
        env = bot_environment(fake, base_url, database_url)
        process = await start_bot(env, tmp_path)
        try:
            for threshold, jitter in zip(thresholds, jitters, strict=True):
                await fake.wait_for(partial(sent_at_least, fake, threshold),
                                    timeout=STARTUP_TIMEOUT + FAN_OUT_TIMEOUT,
                                    what=f"{threshold} reminders sent")
                await asyncio.sleep(jitter)  # the random point inside one send
                process.send_signal(signal.SIGKILL)
                await process.wait()
                print(f"killed after {fake.bot_message_count} messages "
                      f"({loop.time() - started_at:.1f} s)")
                process = await start_bot(env, tmp_path)
            await fake.wait_for(lambda: chats_reached(fake, officers) == RECIPIENTS,
                                timeout=STARTUP_TIMEOUT + FAN_OUT_TIMEOUT,
                                what="every recipient reached")
            states = await until_all_recorded(database_url)
        finally:
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
                await asyncio.wait_for(process.wait(), timeout=20)
    counts = {officer.id: len(fake.bot_messages(officer)) for officer in officers}
    duplicated = {chat: count for chat, count in counts.items() if count > 1}
    duplicates = sum(count - 1 for count in duplicated.values())
    print(f"fan-out of {RECIPIENTS} with {KILLS} kills done in {loop.time() - started_at:.1f} s: "
          f"{duplicates} duplicate(s) {duplicated}, outbox {states}, "
          f"flood-limit 429s {fake.rate_limited_count}")
    assert [chat for chat, count in counts.items() if count == 0] == []
    assert duplicates <= KILLS
    assert all(count <= 2 for count in counts.values())
    assert states == {"sent": RECIPIENTS}
    assert process.returncode == 0
    assert all((fake.bot_messages(officer)[0].text or "").startswith(
        "📅 Hôm nay là hạn gửi báo cáo") for officer in officers)
