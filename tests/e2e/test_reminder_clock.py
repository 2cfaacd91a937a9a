"""Reminders go out at 08:00 Trà Vinh time on working days only, on a simulated clock.

Across Tết 2020 (23–29/01 off) and across the 2020/2021 year end (01/01 off); the scheduler's
wake-ups are set at 08:00 local (01:00 UTC); and a day off added to the calendar moves the
pending reminders, which then go out on their new day.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.domain.reminder_offsets import ReminderOffsets
from db.models import OutboxMessage
from scheduler.runner import WAKEUP_PREFIX
from tests.e2e.harness import RunningBot, running_bot
from tests.fake_telegram import FakeTelegram, FakeUser
from tests.support.clock import TRA_VINH, SimulatedClock, local
from tests.support.reminder_data import (
    add_calendar_day,
    add_officers,
    add_one_off_deadline,
    pause_deadlines_except,
)

CODE = "kiemtra"


def fake_on(clock: SimulatedClock) -> FakeTelegram:
    """Telegram with its flood limits (1 message/s per person) living on the simulated clock,
    so that days passing between two reminders to a person also pass for Telegram."""
    def seconds() -> float:
        return clock().timestamp()
    return FakeTelegram(clock=seconds, wall_clock=seconds)


async def seed(bot: RunningBot, clock: SimulatedClock, due: date, offsets: ReminderOffsets,
               officer: FakeUser) -> None:
    """Only the test's deadline (for Sở Y tế) is active; `officer` serves Sở Y tế."""
    def work(session: Session) -> None:
        add_one_off_deadline(session, CODE, due, clock(), units="syt", offsets=offsets)
        pause_deadlines_except(session, CODE)
        add_officers(session, [officer.id], clock(), units=["syt"])
    await bot.deps.database.run(work)


async def run_day_by_day(bot: RunningBot, clock: SimulatedClock, first: date, last: date) -> None:
    """What the scheduler does each day: plan before 08:00 and send what is due at 07:59 (it
    must be nothing), then send at 08:00 and again in the afternoon."""
    day = first
    while day <= last:
        clock.set(local(day.year, day.month, day.day, 7, 59))
        await bot.reminders.replan()
        early = await bot.reminders.run_due()
        assert early.sent == 0, f"a reminder went out at 07:59 on {day}"
        for hour in (8, 15):
            clock.set(local(day.year, day.month, day.day, hour))
            await bot.reminders.run_due()
        day += timedelta(days=1)


async def sent_at(bot: RunningBot, chat_id: int) -> list[tuple[str, datetime]]:
    """(slot, local time it was sent) of every reminder sent to the chat, in order."""
    rows = await bot.deps.database.run(lambda s: list(s.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.chat_id == chat_id, OutboxMessage.state == "sent")
        .order_by(OutboxMessage.sent_at))))
    return [(row.slot, row.sent_at.astimezone(TRA_VINH)) for row in rows if row.sent_at]


def texts(fake: FakeTelegram, chat: FakeUser) -> list[str]:
    return [message.text or "" for message in fake.bot_messages(chat)]


async def test_no_reminder_goes_out_during_tet_and_the_one_due_after_it_waits_for_eight(
    database_url: str
) -> None:
    clock = SimulatedClock(local(2020, 1, 17, 9))
    fake = fake_on(clock)
    lan = fake.add_user("Lan")
    offsets = ReminderOffsets(before=(3, 1), overdue=(1,), escalation=())
    async with running_bot(fake, database_url, clock=clock, bot_timezone="Asia/Ho_Chi_Minh",
                                    bot_reminder_time="08:00") as bot:
        # Due on 25/01/2020, the first day of the lunar year: effectively due 30/01.
        await seed(bot, clock, date(2020, 1, 25), offsets, lan)
        await bot.reminders.replan()
        wakeups = await bot.reminders.schedule_wakeups()
        assert bot.application is not None and bot.application.job_queue is not None
        scheduled = [bool(bot.application.job_queue.get_jobs_by_name(
            f"{WAKEUP_PREFIX}{at.isoformat()}")) for at in wakeups]
        await run_day_by_day(bot, clock, date(2020, 1, 18), date(2020, 2, 3))
        sent = await sent_at(bot, lan.id)
    at_eight = [local(2020, 1, 20), local(2020, 1, 22), local(2020, 1, 30), local(2020, 1, 31)]
    assert wakeups == at_eight
    assert {at.astimezone(UTC).time() for at in wakeups} == {time(1, 0)}
    assert all(scheduled)
    assert sent == list(zip(["before:3", "before:1", "due:0", "overdue:1"], at_eight,
                            strict=True))
    sent_texts = texts(fake, lan)
    assert len(sent_texts) == 4
    assert "Hạn gửi: 30/01/2020 (còn 1 ngày làm việc)" in sent_texts[1]  # 22/01, then Tết
    assert sent_texts[2].startswith("📅 Hôm nay là hạn gửi báo cáo")
    assert "Hạn gửi: 30/01/2020 (hôm nay)" in sent_texts[2]
    assert "Hạn ghi trong văn bản là 25/01/2020, trùng ngày nghỉ nên tính đến 30/01/2020." \
        in sent_texts[2]


async def test_reminders_cross_the_year_end_skipping_new_years_day(database_url: str) -> None:
    clock = SimulatedClock(local(2020, 12, 21, 9))
    fake = fake_on(clock)
    lan = fake.add_user("Lan")
    offsets = ReminderOffsets(before=(7, 3, 1), overdue=(1,), escalation=())
    async with running_bot(fake, database_url, clock=clock, bot_timezone="Asia/Ho_Chi_Minh",
                                    bot_reminder_time="08:00") as bot:
        await seed(bot, clock, date(2021, 1, 6), offsets, lan)
        await bot.reminders.replan()
        wakeups = await bot.reminders.schedule_wakeups()
        await run_day_by_day(bot, clock, date(2020, 12, 22), date(2021, 1, 8))
        sent = await sent_at(bot, lan.id)
    at_eight = [local(2020, 12, 25), local(2020, 12, 31), local(2021, 1, 5), local(2021, 1, 6),
                local(2021, 1, 7)]
    assert wakeups == at_eight
    assert sent == list(zip(["before:7", "before:3", "before:1", "due:0", "overdue:1"],
                            at_eight, strict=True))
    sent_texts = texts(fake, lan)
    assert "Hạn gửi: 06/01/2021 (còn 7 ngày làm việc)" in sent_texts[0]
    assert "Hạn gửi: 06/01/2021 (còn 3 ngày làm việc)" in sent_texts[1]  # 31/12: 01/01 is off
    assert "Hạn gửi: 06/01/2021 (đã quá hạn 1 ngày làm việc)" in sent_texts[4]


async def test_a_day_off_added_to_the_calendar_moves_pending_reminders_to_the_day_before(
    database_url: str
) -> None:
    clock = SimulatedClock(local(2020, 12, 21, 9))
    fake = fake_on(clock)
    lan = fake.add_user("Lan")
    offsets = ReminderOffsets(before=(7, 3, 1), overdue=(), escalation=())
    async with running_bot(fake, database_url, clock=clock, bot_timezone="Asia/Ho_Chi_Minh",
                                    bot_reminder_time="08:00") as bot:
        await seed(bot, clock, date(2021, 1, 6), offsets, lan)
        await bot.reminders.replan()
        await bot.deps.database.run(
            lambda s: add_calendar_day(s, date(2020, 12, 31), "day_off", clock()))
        report = await bot.reminders.replan()
        wakeups = await bot.reminders.schedule_wakeups()
        await run_day_by_day(bot, clock, date(2020, 12, 22), date(2021, 1, 7))
        sent = await sent_at(bot, lan.id)
    # 31/12 off: 3 working days before 06/01 is now 30/12, and 7 before is 24/12.
    assert report.moved == 2
    at_eight = [local(2020, 12, 24), local(2020, 12, 30), local(2021, 1, 5), local(2021, 1, 6)]
    assert wakeups == at_eight
    assert sent == list(zip(["before:7", "before:3", "before:1", "due:0"], at_eight,
                            strict=True))
    sent_texts = texts(fake, lan)
    assert "Hạn gửi: 06/01/2021 (còn 3 ngày làm việc)" in sent_texts[1]
