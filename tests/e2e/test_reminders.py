"""Reminders end to end: the 2020 calendar reaches registered officers on a simulated clock."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from db import status_updates
from db.models import OutboxMessage, Person, Unit
from tests.e2e.harness import RunningBot, running_bot
from tests.e2e.test_registration import create_invite
from tests.fake_telegram import FakeTelegram, FakeUser, RateLimits
from tests.support.clock import SimulatedClock, local


async def register(bot: RunningBot, fake: FakeTelegram, admin: FakeUser, user: FakeUser,
                   *invite: str) -> None:
    """Register `user` with an invite, then let the replan it triggers finish."""
    token = await create_invite(fake, admin, *invite)
    fake.send_command(user, "start", token)
    await fake.wait_for_bot_messages(user)
    await fake.wait_for_bot_messages(admin)  # "… has registered"
    await bot.reminders.idle()


async def until_reachability(bot: RunningBot, user: FakeUser, *, reachable: bool) -> None:
    """Wait (polling the database, at most 5 s) until the bot has recorded the change."""
    async def recorded() -> bool:
        since = await bot.deps.database.run(lambda s: s.scalar(
            select(Person.unreachable_since).where(Person.telegram_user_id == user.id)))
        return (since is None) == reachable

    for _ in range(250):
        if await recorded():
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"the bot never recorded {user.first_name} as reachable={reachable}")


async def outbox_states(bot: RunningBot, chat_id: int) -> list[tuple[str, str]]:
    return await bot.deps.database.run(lambda s: [
        (row.slot, row.state) for row in s.scalars(
            select(OutboxMessage).where(OutboxMessage.chat_id == chat_id)
            .order_by(OutboxMessage.planned_at))])


async def test_the_2020_calendar_reaches_officers_at_eight_local_time_once(
    database_url: str
) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin, lan, hung = fake.add_user("Admin"), fake.add_user("Lan"), fake.add_user("Hùng")
    clock = SimulatedClock(local(2020, 1, 8, 9))
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=clock) as bot:
        await register(bot, fake, admin, lan, "syt")
        await register(bot, fake, admin, hung, "syt", "head")
        await bot.reminders.replan()

        clock.set(local(2020, 1, 9, 7, 59))
        early = await bot.reminders.run_due()
        clock.set(local(2020, 1, 9, 8, 0))
        on_time = await bot.reminders.run_due()
        [first] = await fake.wait_for_bot_messages(lan)
        again = await bot.reminders.run_due()
    assert (early.sent, on_time.sent, again.sent) == (0, 1, 0)
    assert first.text.startswith("⏰ Nhắc hạn gửi báo cáo")
    assert "Đơn vị: Sở Y tế" in first.text
    assert "Báo cáo: Ban hành văn bản triển khai" in first.text
    assert "Hạn gửi: 20/01/2020 (còn 7 ngày làm việc)" in first.text
    assert "Nơi nhận:" in first.text and "Căn cứ:" in first.text
    # The head waits for escalations while the unit has another officer.
    assert not [m for m in fake.bot_messages(hung) if "Nhắc hạn" in m.text]


async def test_after_tet_one_catch_up_message_goes_out_and_the_head_is_escalated(
    database_url: str
) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin, lan, hung = fake.add_user("Admin"), fake.add_user("Lan"), fake.add_user("Hùng")
    clock = SimulatedClock(local(2020, 1, 14, 9))
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=clock) as bot:
        await register(bot, fake, admin, lan, "syt")
        await register(bot, fake, admin, hung, "syt", "head")
        await bot.reminders.replan()
        # The bot is not asked to send from 15/01 until the morning after Tết 2020 (23–29/01).
        clock.set(local(2020, 1, 30, 8, 0))
        await bot.reminders.replan()
        report = await bot.reminders.run_due()
        [to_lan] = await fake.wait_for_bot_messages(lan)
        [to_hung] = await fake.wait_for_bot_messages(hung)
        lan_rows = await outbox_states(bot, lan.id)
    assert report.sent == 2
    for message in (to_lan, to_hung):
        assert message.text.startswith("🚨 Đôn đốc: báo cáo quá hạn")
        assert "Hạn gửi: 20/01/2020 (đã quá hạn 3 ngày làm việc)" in message.text
    assert ("escalation:3", "sent") in lan_rows
    skipped = [slot for slot, state in lan_rows if state == "skipped"]
    assert skipped == ["before:3", "before:1", "due:0", "overdue:1"]


async def test_units_that_submitted_get_nothing_more(database_url: str) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin, lan, mai = fake.add_user("Admin"), fake.add_user("Lan"), fake.add_user("Mai")
    clock = SimulatedClock(local(2020, 1, 14, 9))
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=clock) as bot:
        await register(bot, fake, admin, lan, "syt")
        await register(bot, fake, admin, mai, "stp")
        await bot.reminders.replan()

        def submit(session: object) -> None:
            from sqlalchemy.orm import Session

            assert isinstance(session, Session)
            unit = session.scalars(select(Unit).where(Unit.code == "syt")).one()
            deadline_id = session.scalar(select(OutboxMessage.deadline_id).limit(1))
            person = session.scalars(select(Person).where(Person.telegram_user_id == lan.id)).one()
            status_updates.add(session, {
                "deadline_id": deadline_id, "due_date": local(2020, 1, 20).date(),
                "unit_id": unit.id, "person_id": person.id, "status": "submitted",
                "on_time": True, "received_at": clock()})
        await bot.deps.database.run(submit)
        clock.set(local(2020, 1, 15, 8))
        report = await bot.reminders.run_due()
        [to_mai] = await fake.wait_for_bot_messages(mai)
        lan_rows = await outbox_states(bot, lan.id)
    assert report.sent == 1
    assert "Sở Tư pháp" in to_mai.text
    assert not [m for m in fake.bot_messages(lan) if "Nhắc hạn" in m.text]
    assert {state for _slot, state in lan_rows} <= {"skipped", "cancelled"}


async def test_admins_see_the_next_planned_sends_and_officers_are_refused(
    database_url: str
) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin, lan = fake.add_user("Admin"), fake.add_user("Lan")
    clock = SimulatedClock(local(2020, 1, 8, 9))
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=clock) as bot:
        await register(bot, fake, admin, lan, "syt")
        await bot.reminders.replan()
        fake.send_command(admin, "reminders")
        [listing] = await fake.wait_for_bot_messages(admin)
        fake.send_command(lan, "reminders")
        [refusal] = await fake.wait_for_bot_messages(lan)
    lines = listing.text.splitlines()
    assert lines[0] == "7 lượt nhắc sắp gửi (tổng số đang chờ: 7)"
    assert lines[1] == ("• 09/01/2020 08:00 — trienkhai hạn 20/01/2020, syt → Lan "
                        "(trước hạn 7 ngày làm việc)")
    assert lines[-1].startswith("• 05/02/2020 08:00 — trienkhai hạn 20/01/2020, syt → Lan (đôn đốc")
    assert "chỉ dành cho quản trị viên" in refusal.text


async def test_a_person_who_blocks_the_bot_is_skipped_until_they_come_back(
    database_url: str
) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin, lan, mai = fake.add_user("Admin"), fake.add_user("Lan"), fake.add_user("Mai")
    clock = SimulatedClock(local(2020, 1, 8, 9))
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=clock) as bot:
        await register(bot, fake, admin, lan, "syt")
        await register(bot, fake, admin, mai, "syt")
        await bot.reminders.replan()
        fake.block_bot(lan)  # Telegram tells the bot, which stops planning for Lan
        await until_reachability(bot, lan, reachable=False)
        await bot.reminders.idle()
        await bot.reminders.replan()
        clock.set(local(2020, 1, 9, 8))
        report = await bot.reminders.run_due()
        lan_rows = await outbox_states(bot, lan.id)
        fake.unblock_bot(lan)
        await until_reachability(bot, lan, reachable=True)
        await bot.reminders.idle()
        await bot.reminders.replan()
        back = await outbox_states(bot, lan.id)
    assert report.sent == 1  # Mai only
    assert {state for _slot, state in lan_rows} == {"cancelled"}
    assert ("before:3", "pending") in back


async def test_the_office_digest_names_officers_who_blocked_the_bot(database_url: str) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin, lan, clerk = fake.add_user("Admin"), fake.add_user("Lan"), fake.add_user("Mai")
    clock = SimulatedClock(local(2020, 1, 8, 9))
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=clock) as bot:
        await register(bot, fake, admin, lan, "syt")
        await register(bot, fake, admin, clerk, "office")
        fake.block_bot(lan)
        await until_reachability(bot, lan, reachable=False)
        fake.send_command(clerk, "digest")
        [digest] = await fake.wait_for_bot_messages(clerk)
    lines = digest.text.splitlines()
    heading = lines.index("⚠️ Không nhắn được (1) — đã chặn bot hoặc đã xóa bot khỏi nhóm; "
                          "đề nghị liên hệ trực tiếp:")
    assert lines[heading + 1] == "   • Lan (syt), từ 08/01/2020"
