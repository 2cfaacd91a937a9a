"""Reminders follow an extension the office approved, end to end on a simulated clock.

Sở Y tế asks until 31/01/2020 for the report due 20/01 (Tết, 23–29/01, is off); once the office
approves, the planner cancels the unit's pending reminders of the old plan and plans new ones
against 31/01 (before, on the day, and the escalation to the head only after it), whose text
shows the date granted. Sở Tư pháp, without an extension, keeps the original plan.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from db.models import OutboxMessage
from tests.e2e.harness import RunningBot, running_bot
from tests.e2e.test_office_actions import ask_for_an_extension, people
from tests.e2e.test_status_replies import first_reminder
from tests.fake_telegram import FakeTelegram, FakeUser, RateLimits
from tests.support.clock import TRA_VINH, SimulatedClock, local

GRANTED = "@2020-01-31"


async def rows_of(bot: RunningBot, chat: FakeUser) -> list[OutboxMessage]:
    return await bot.deps.database.run(lambda s: list(s.scalars(
        select(OutboxMessage).where(OutboxMessage.chat_id == chat.id)
        .order_by(OutboxMessage.planned_at, OutboxMessage.slot))))


async def sent_reminders(bot: RunningBot, fake: FakeTelegram, chat: FakeUser
                         ) -> list[tuple[str, date, str]]:
    """(slot, local day sent, text) of every reminder the chat received, in order."""
    rows = [row for row in await rows_of(bot, chat) if row.state == "sent"]
    rows.sort(key=lambda row: (row.sent_at, row.id))
    return [(row.slot, row.sent_at.astimezone(TRA_VINH).date(),
             fake.message(chat, row.telegram_message_id).text or "")
            for row in rows if row.sent_at and row.telegram_message_id]


async def every_morning(bot: RunningBot, clock: SimulatedClock, first: date, last: date) -> None:
    """What the scheduler does each day: plan at 07:59, send at 08:00."""
    day = first
    while day <= last:
        clock.set(local(day.year, day.month, day.day, 7, 59))
        await bot.reminders.replan()
        clock.set(local(day.year, day.month, day.day, 8))
        await bot.reminders.run_due()
        day += timedelta(days=1)


async def test_an_approved_extension_moves_the_units_reminders_and_escalation_to_the_new_date(
    database_url: str
) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin = fake.add_user("Admin")
    clock = SimulatedClock(local(2020, 1, 8, 9))
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=clock) as bot:
        hanh, lan, hung, mai = await people(bot, fake, admin)
        reminder = await first_reminder(bot, fake, clock, lan)
        await ask_for_an_extension(fake, lan, reminder, "31/01/2020")
        before_approval = {row.slot: row.state for row in await rows_of(bot, hung)}
        clock.set(local(2020, 1, 14, 9))
        fake.send_command(hanh, "giahan", "trienkhai", "20/01/2020", "syt")
        [confirmed] = await fake.wait_for_bot_messages(hanh)
        await bot.reminders.idle()  # the replan the approval asked for
        lan_rows = {row.slot: (row.state, row.planned_at.astimezone(TRA_VINH).date(),
                               row.effective_due_date, row.last_error)
                    for row in await rows_of(bot, lan)}
        hung_rows = {row.slot: row.state for row in await rows_of(bot, hung)}
        await every_morning(bot, clock, date(2020, 1, 15), date(2020, 2, 12))
        lan_sent = await sent_reminders(bot, fake, lan)
        hung_sent = await sent_reminders(bot, fake, hung)
        mai_sent = await sent_reminders(bot, fake, mai)
    assert confirmed.text.startswith("✅ Đã duyệt gia hạn cho Sở Y tế đến ngày 31/01/2020")
    assert before_approval == {"escalation:3": "pending", "escalation:7": "pending"}
    # The old plan: what went out stays sent, what was pending is cancelled; the new plan is
    # counted from 31/01 and keyed apart, so its "7 days before" goes out although the old
    # one did.
    assert lan_rows["before:7"][0] == "sent"
    old_pending = ["before:3", "before:1", "due:0", "overdue:1", "escalation:3", "escalation:7"]
    assert {slot: lan_rows[slot][0] for slot in old_pending} == dict.fromkeys(old_pending,
                                                                               "cancelled")
    assert {lan_rows[slot][3] for slot in old_pending} == {"no longer planned"}
    new_plan = {slot: (state, day, effective) for slot, (state, day, effective, _error)
                in lan_rows.items() if slot.endswith(GRANTED)}
    assert new_plan == {
        f"before:7{GRANTED}": ("pending", date(2020, 1, 15), date(2020, 1, 31)),
        f"before:3{GRANTED}": ("pending", date(2020, 1, 21), date(2020, 1, 31)),
        f"before:1{GRANTED}": ("pending", date(2020, 1, 30), date(2020, 1, 31)),
        f"due:0{GRANTED}": ("pending", date(2020, 1, 31), date(2020, 1, 31)),
        f"overdue:1{GRANTED}": ("pending", date(2020, 2, 3), date(2020, 1, 31)),
        f"escalation:3{GRANTED}": ("pending", date(2020, 2, 5), date(2020, 1, 31)),
        f"escalation:7{GRANTED}": ("pending", date(2020, 2, 11), date(2020, 1, 31)),
    }
    assert hung_rows == {"escalation:3": "cancelled", "escalation:7": "cancelled",
                         f"escalation:3{GRANTED}": "pending",
                         f"escalation:7{GRANTED}": "pending"}
    assert [(slot, day) for slot, day, _text in lan_sent] == [
        ("before:7", date(2020, 1, 9)),
        (f"before:7{GRANTED}", date(2020, 1, 15)), (f"before:3{GRANTED}", date(2020, 1, 21)),
        (f"before:1{GRANTED}", date(2020, 1, 30)), (f"due:0{GRANTED}", date(2020, 1, 31)),
        (f"overdue:1{GRANTED}", date(2020, 2, 3)), (f"escalation:3{GRANTED}", date(2020, 2, 5)),
        (f"escalation:7{GRANTED}", date(2020, 2, 11)),
    ]
    granted_line = ("Hạn đã được gia hạn đến 31/01/2020: Văn phòng UBND tỉnh đã duyệt đề nghị "
                    "gia hạn của đơn vị (hạn ghi trong văn bản: 20/01/2020).")
    first_text, *extended_texts = [text for _slot, _day, text in lan_sent]
    assert "Hạn gửi: 20/01/2020 (còn 7 ngày làm việc)" in first_text
    assert granted_line not in first_text
    assert all(granted_line in text for text in extended_texts)
    assert "Hạn gửi: 31/01/2020 (còn 3 ngày làm việc)" in extended_texts[1]  # 21/01, Tết off
    assert extended_texts[3].startswith("📅 Hôm nay là hạn gửi báo cáo")
    assert "Hạn gửi: 31/01/2020 (hôm nay)" in extended_texts[3]
    # The head hears of it only once the unit is late against the date granted.
    assert [(slot, day) for slot, day, _text in hung_sent] == [
        (f"escalation:3{GRANTED}", date(2020, 2, 5)), (f"escalation:7{GRANTED}", date(2020, 2, 11))]
    assert hung_sent[0][2].startswith("🚨 Đôn đốc: báo cáo quá hạn")
    assert "Hạn gửi: 31/01/2020 (đã quá hạn 3 ngày làm việc)" in hung_sent[0][2]
    # Sở Tư pháp had no extension: the original plan, escalated on 30/01 after Tết.
    assert [(slot, day) for slot, day, _text in mai_sent] == [
        ("before:7", date(2020, 1, 9)), ("before:3", date(2020, 1, 15)),
        ("before:1", date(2020, 1, 17)), ("due:0", date(2020, 1, 20)),
        ("overdue:1", date(2020, 1, 21)), ("escalation:3", date(2020, 1, 30)),
        ("escalation:7", date(2020, 2, 5)),
    ]
    assert not any("gia hạn đến" in text for _slot, _day, text in mai_sent)
