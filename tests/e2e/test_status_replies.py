"""Officers answer a reminder every way, end to end; the history keeps every answer."""

from __future__ import annotations

from sqlalchemy import func, select

from db.models import OutboxMessage, StatusUpdate
from tests.e2e.harness import RunningBot, running_bot
from tests.e2e.test_reminders import register
from tests.fake_telegram import FakeTelegram, FakeUser, RateLimits
from tests.fake_telegram.models import LoggedMessage
from tests.support.clock import SimulatedClock, local


async def first_reminder(bot: RunningBot, fake: FakeTelegram, clock: SimulatedClock,
                         officer: FakeUser) -> LoggedMessage:
    clock.set(local(2020, 1, 9, 8))
    await bot.reminders.run_due()
    [reminder] = await fake.wait_for_bot_messages(officer)
    return reminder


async def statuses(bot: RunningBot) -> list[tuple[str, str, str, str | None, bool | None]]:
    return await bot.deps.database.run(lambda s: [
        (u.status, u.note, u.proposal, u.wanted_date.isoformat() if u.wanted_date else None,
         u.on_time)
        for u in s.scalars(select(StatusUpdate).order_by(StatusUpdate.id))])


async def test_an_officer_answers_in_every_way_and_reminders_stop_once_sent(
    database_url: str
) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin, lan = fake.add_user("Admin"), fake.add_user("Lan")
    clock = SimulatedClock(local(2020, 1, 8, 9))
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=clock) as bot:
        await register(bot, fake, admin, lan, "syt")
        reminder = await first_reminder(bot, fake, clock, lan)
        buttons = list(reminder.button_texts)

        fake.press_button(lan, reminder.message_id, button_text="Đang thực hiện")
        [in_progress] = await fake.wait_for_bot_messages(lan)
        ticked = list(fake.message(lan, reminder.message_id).button_texts)

        fake.press_button(lan, reminder.message_id, button_text="Có khó khăn, vướng mắc")
        [ask_difficulty] = await fake.wait_for_bot_messages(lan)
        fake.send_text(lan, "Chưa có số liệu của Bệnh viện tỉnh")
        [ask_proposal] = await fake.wait_for_bot_messages(lan)
        fake.send_text(lan, "Đề nghị Sở Y tế được gửi chậm 3 ngày")
        [blocked] = await fake.wait_for_bot_messages(lan)

        fake.press_button(lan, reminder.message_id, button_text="Đề nghị gia hạn")
        [ask_date] = await fake.wait_for_bot_messages(lan)
        fake.send_text(lan, "15/01/2020")  # not after the due date 20/01
        [wrong_date] = await fake.wait_for_bot_messages(lan)
        fake.send_text(lan, "31/01/2020")
        [ask_reason] = await fake.wait_for_bot_messages(lan)
        fake.send_text(lan, "Chờ số liệu sau Tết")
        [extension] = await fake.wait_for_bot_messages(lan)

        fake.reply_to(lan, reminder.message_id, "Đã tổng hợp được 80%")
        [attached] = await fake.wait_for_bot_messages(lan)

        clock.set(local(2020, 1, 20, 10))
        fake.press_button(lan, reminder.message_id, button_text="Đã gửi báo cáo")
        [sent, ask_document] = await fake.wait_for_bot_messages(lan, count=2)
        fake.send_text(lan, "15/BC-SYT")
        [documented] = await fake.wait_for_bot_messages(lan)

        clock.set(local(2020, 1, 21, 8))
        after = await bot.reminders.run_due()
        fake.send_command(lan, "history")
        [history] = await fake.wait_for_bot_messages(lan)
        stored = await statuses(bot)
        pending = await bot.deps.database.run(lambda s: s.scalar(
            select(func.count()).select_from(OutboxMessage)
            .where(OutboxMessage.state == "pending")))

    assert buttons == ["Đã gửi báo cáo", "Đang thực hiện", "Có khó khăn, vướng mắc",
                       "Đề nghị gia hạn"]
    assert in_progress.text.startswith("✅ Đã ghi nhận: Sở Y tế — Đang thực hiện")
    assert "✓ Đang thực hiện" in ticked
    assert ask_difficulty.text.startswith("Anh/chị vui lòng gõ nội dung khó khăn")
    assert "Bỏ qua" in ask_proposal.button_texts
    assert "Nội dung: Chưa có số liệu của Bệnh viện tỉnh" in blocked.text
    assert "Đề xuất, kiến nghị: Đề nghị Sở Y tế được gửi chậm 3 ngày" in blocked.text
    assert "hạn hiện tại: 20/01/2020" in ask_date.text
    assert wrong_date.text.startswith("Ngày đề nghị gia hạn (15/01/2020) phải sau hạn hiện tại")
    assert ask_reason.text == "Anh/chị vui lòng gõ lý do đề nghị gia hạn."
    assert "Đề nghị gia hạn đến: 31/01/2020" in extension.text
    assert attached.text.startswith("📎 Đã đính kèm nội dung vào báo cáo của Sở Y tế")
    assert "Đã gửi báo cáo" in sent.text and "Gửi đúng hạn" in sent.text
    assert "Bỏ qua" in ask_document.button_texts
    assert "Số văn bản / tệp: 15/BC-SYT" in documented.text
    assert after.sent == 0 and pending == 0
    assert stored == [
        ("in_progress", "", "", None, None),
        ("blocked", "Chưa có số liệu của Bệnh viện tỉnh", "Đề nghị Sở Y tế được gửi chậm 3 ngày",
         None, None),
        ("extension", "Chờ số liệu sau Tết", "", "2020-01-31", None),
        ("extension", "Đã tổng hợp được 80%", "", "2020-01-31", None),
        ("submitted", "", "", None, True),
        ("submitted", "", "", None, True),
    ]
    assert history.text.splitlines()[1].endswith("trienkhai hạn 20/01/2020 — Đã gửi báo cáo "
                                                 "(đúng hạn) · Lan")


async def test_a_button_cannot_be_used_for_a_unit_one_does_not_serve(database_url: str) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin, lan, mai = fake.add_user("Admin"), fake.add_user("Lan"), fake.add_user("Mai")
    clock = SimulatedClock(local(2020, 1, 8, 9))
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=clock) as bot:
        await register(bot, fake, admin, lan, "syt")
        await register(bot, fake, admin, mai, "stp")
        reminder = await first_reminder(bot, fake, clock, lan)
        await fake.wait_for_bot_messages(mai)  # Mai's own reminder
        forged = reminder.callback_data[0]  # Lan's "submitted" for Sở Y tế
        mai_message = fake.bot_messages(mai)[-1]
        fake.press_button(mai, mai_message.message_id, forged, force=True)
        [refused] = await fake.wait_for_bot_messages(mai)
        fake.press_button(lan, reminder.message_id, "st:1:20200120:999999:s", force=True)
        [unknown] = await fake.wait_for_bot_messages(lan)
        stored = await statuses(bot)
    assert stored == []
    assert refused.text == ("Anh/chị không (còn) là cán bộ phụ trách báo cáo của Sở Y tế, nên "
                            "không cập nhật được tình hình của đơn vị này. Không có gì thay đổi.")
    assert unknown.text.startswith("Không tìm thấy kỳ báo cáo này")


async def test_status_lists_open_reports_with_their_buttons(database_url: str) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin, lan = fake.add_user("Admin"), fake.add_user("Lan")
    clock = SimulatedClock(local(2020, 3, 2, 9))
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=clock) as bot:
        await register(bot, fake, admin, lan, "syt")
        fake.send_command(lan, "status")
        [overdue, quarter] = await fake.wait_for_bot_messages(lan, count=2)
        fake.press_button(lan, quarter.message_id, button_text="Đã gửi báo cáo")
        await fake.wait_for_bot_messages(lan, count=2)  # confirmation, document question
        fake.send_command(lan, "status")
        [still_open] = await fake.wait_for_bot_messages(lan)
        fake.send_command(admin, "status")
        [refusal] = await fake.wait_for_bot_messages(admin)
    # Issue 15: 25 working days after Monday 20/01 (Tết 23–29/01 off) to Monday 02/03.
    assert overdue.text.splitlines()[1] == (
        "Hạn: 20/01/2020 · Tình hình: Quá hạn 25 ngày làm việc – chưa gửi")
    assert quarter.text.splitlines()[0].startswith("Sở Y tế — ")
    assert "Quý I/2020" in quarter.text
    assert quarter.text.splitlines()[1] == "Hạn: 10/03/2020 · Tình hình: Chưa gửi"
    assert still_open.text == overdue.text
    assert "Đã gửi báo cáo" in still_open.button_texts
    assert "chỉ dành cho cán bộ phụ trách báo cáo" in refusal.text
