"""The provincial office acts from the digest, end to end: it approves an extension (the unit is
told, reminded against the date granted, and its later report counts as on time), sends a 'đôn
đốc' (once a day), and nobody else can, whatever button they forge; a chat that refuses the
office's message is marked unreachable, and the office is told how many got it."""

from __future__ import annotations

from datetime import UTC, date

from sqlalchemy import func, select, update

from db.models import (
    AuditEntry,
    Deadline,
    Extension,
    OfficeFollowUp,
    OutboxMessage,
    Person,
    StatusUpdate,
)
from tests.e2e.harness import RunningBot, running_bot
from tests.e2e.test_digests import digest_runner
from tests.e2e.test_reminders import register
from tests.e2e.test_status_replies import first_reminder
from tests.fake_telegram import FakeTelegram, FakeUser, RateLimits
from tests.fake_telegram.models import LoggedMessage
from tests.support.clock import SimulatedClock, local
from tests.support.reminder_data import pause_deadlines_except


async def people(bot: RunningBot, fake: FakeTelegram, admin: FakeUser
                 ) -> tuple[FakeUser, FakeUser, FakeUser, FakeUser]:
    """The office's Hạnh; Sở Y tế's officer Lan and head Hùng; Sở Tư pháp's officer Mai."""
    hanh, lan, hung, mai = (fake.add_user(name) for name in ("Hạnh", "Lan", "Hùng", "Mai"))
    await bot.deps.database.run(lambda s: pause_deadlines_except(s, "trienkhai"))
    await register(bot, fake, admin, hanh, "office")
    await register(bot, fake, admin, lan, "syt")
    await register(bot, fake, admin, hung, "syt", "head")
    await register(bot, fake, admin, mai, "stp")
    return hanh, lan, hung, mai


async def ask_for_an_extension(fake: FakeTelegram, lan: FakeUser, reminder: LoggedMessage,
                               until: str) -> None:
    fake.press_button(lan, reminder.message_id, button_text="Đề nghị gia hạn")
    await fake.wait_for_bot_messages(lan)
    fake.send_text(lan, until)
    await fake.wait_for_bot_messages(lan)
    fake.send_text(lan, "Chờ ý kiến của Bệnh viện tỉnh")
    await fake.wait_for_bot_messages(lan)


async def digest(fake: FakeTelegram, hanh: FakeUser) -> LoggedMessage:
    fake.send_command(hanh, "digest", "trienkhai", "20/01/2020")
    [message] = await fake.wait_for_bot_messages(hanh)
    return message


async def count(bot: RunningBot, model: type[Extension] | type[OfficeFollowUp]) -> int:
    return await bot.deps.database.run(
        lambda s: s.scalar(select(func.count()).select_from(model)) or 0)


async def audit_actions(bot: RunningBot) -> list[str]:
    return await bot.deps.database.run(lambda s: [
        action for action in s.scalars(select(AuditEntry.action).order_by(AuditEntry.id))
        if action.startswith(("extension.", "report."))])


async def test_the_office_approves_an_extension_and_the_later_report_counts_as_on_time(
    database_url: str
) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin = fake.add_user("Admin")
    clock = SimulatedClock(local(2020, 1, 8, 9))
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=clock) as bot:
        hanh, lan, hung, mai = await people(bot, fake, admin)
        reminder = await first_reminder(bot, fake, clock, lan)
        await fake.wait_for_bot_messages(mai)
        await ask_for_an_extension(fake, lan, reminder, "31/01/2020")
        clock.set(local(2020, 1, 21, 9))
        before = await digest(fake, hanh)
        offered = list(before.button_texts)
        fake.press_button(hanh, before.message_id, button_text="Duyệt gia hạn syt")
        [to_lan] = await fake.wait_for_bot_messages(lan)
        [to_hung] = await fake.wait_for_bot_messages(hung)
        [confirmed] = await fake.wait_for_bot_messages(hanh)
        await bot.reminders.idle()  # the replan the approval asked for, and its sends
        [replanned] = await fake.wait_for_bot_messages(lan)
        ticked = list(fake.message(hanh, before.message_id).button_texts)
        fake.press_button(hanh, before.message_id, button_text="✓ Duyệt gia hạn syt")
        [double_tap] = await fake.wait_for_bot_messages(hanh)
        after = await digest(fake, hanh)
        fake.send_command(lan, "status")
        [status] = await fake.wait_for_bot_messages(lan)
        clock.set(local(2020, 1, 29, 10))  # after 20/01, before the 31/01 granted
        fake.press_button(lan, reminder.message_id, button_text="Đã gửi báo cáo")
        [sent, _ask_document] = await fake.wait_for_bot_messages(lan, count=2)
        on_time = await bot.deps.database.run(lambda s: s.scalars(
            select(StatusUpdate.on_time).order_by(StatusUpdate.id.desc()).limit(1)).one())
        grants = await bot.deps.database.run(lambda s: [
            (e.granted_until, e.due_date) for e in s.scalars(select(Extension))])
        audit = await audit_actions(bot)
    assert offered[:3] == ["Duyệt gia hạn syt", "Đôn đốc vpubnd", "Đôn đốc snv"]
    assert len(offered) == 8
    assert "➡️ Đôn đốc 30 đơn vị khác: gõ /dondoc trienkhai 20/01/2020 <mã đơn vị>" in before.text
    assert to_lan.text.startswith("✅ Văn phòng UBND tỉnh đồng ý gia hạn\nVăn phòng UBND tỉnh đồng "
                                  "ý gia hạn báo cáo Ban hành văn bản triển khai")
    assert to_lan.text.endswith("của Sở Y tế đến ngày 31/01/2020 (hạn trước đây: 20/01/2020).")
    assert to_hung.text == to_lan.text
    # Planned again against 31/01: three working days before it (Tết is off), sent at once.
    assert "Hạn gửi: 31/01/2020 (còn 3 ngày làm việc)" in replanned.text
    assert "Hạn đã được gia hạn đến 31/01/2020" in replanned.text
    assert confirmed.text.startswith("✅ Đã duyệt gia hạn cho Sở Y tế đến ngày 31/01/2020")
    assert confirmed.text.endswith("Đã báo cho 2 người/nhóm của đơn vị.")
    assert ticked[0] == "✓ Duyệt gia hạn syt"
    assert double_tap.text == ("Đề nghị gia hạn của Sở Y tế đã được duyệt đến ngày 31/01/2020; "
                               "không có gì thay đổi.")
    assert "• Sở Y tế — xin gia hạn đến 31/01/2020: Chờ ý kiến của Bệnh viện tỉnh — ✅ đã duyệt " \
        "đến 31/01/2020" in after.text.split("\n")
    assert "Duyệt gia hạn syt" not in after.button_texts
    assert "Hạn: 31/01/2020 · Tình hình: Đề nghị gia hạn" in status.text
    assert "Gửi đúng hạn" in sent.text and on_time is True
    assert grants == [(date(2020, 1, 31), date(2020, 1, 20))]
    assert audit == ["extension.approve"]
    # Registered, reminder, 3 for the extension, one approval (not two), the reminder against
    # the granted date, /status, sent, document
    assert len(fake.bot_messages(lan)) == 10


async def test_the_office_follows_up_a_late_unit_once_a_day(database_url: str) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin = fake.add_user("Admin")
    clock = SimulatedClock(local(2020, 1, 8, 9))
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=clock) as bot:
        hanh, lan, _hung, mai = await people(bot, fake, admin)
        await first_reminder(bot, fake, clock, lan)
        await fake.wait_for_bot_messages(mai)
        clock.set(local(2020, 1, 22, 9))
        message = await digest(fake, hanh)
        fake.press_button(hanh, message.message_id, button_text="Đôn đốc stp")
        [follow_up] = await fake.wait_for_bot_messages(mai)
        answer_buttons = list(follow_up.button_texts)
        [confirmed] = await fake.wait_for_bot_messages(hanh)
        fake.press_button(mai, follow_up.message_id, button_text="Đang thực hiện")
        [answered] = await fake.wait_for_bot_messages(mai)
        fake.press_button(hanh, message.message_id, button_text="✓ Đôn đốc stp")
        [again_button] = await fake.wait_for_bot_messages(hanh)
        fake.send_command(hanh, "dondoc", "trienkhai", "20/01/2020", "stp")
        [again_command] = await fake.wait_for_bot_messages(hanh)
        clock.set(local(2020, 1, 30, 9))  # the first working day after Tết
        fake.send_command(hanh, "dondoc", "trienkhai", "20/01/2020", "STP")
        [next_day] = await fake.wait_for_bot_messages(mai)
        [next_confirmed] = await fake.wait_for_bot_messages(hanh)
        fake.send_command(hanh, "dondoc", "quy", "2020", "stp")
        [ambiguous] = await fake.wait_for_bot_messages(hanh)
        follow_ups, audit = await count(bot, OfficeFollowUp), await audit_actions(bot)
    assert follow_up.text == (
        "📣 Văn phòng UBND tỉnh đôn đốc\nVăn phòng UBND tỉnh đề nghị Sở Tư pháp khẩn trương gửi "
        "báo cáo: Ban hành văn bản triển khai thực hiện Kế hoạch hành động của UBND tỉnh, xác "
        "định rõ mục tiêu, nhiệm vụ, tiến độ thực hiện (Năm 2020).\nHạn gửi: 20/01/2020 — đã "
        "quá hạn 2 ngày làm việc\nBấm một nút bên dưới để cập nhật tình hình.")
    assert answer_buttons == ["Đã gửi báo cáo", "Đang thực hiện", "Có khó khăn, vướng mắc",
                              "Đề nghị gia hạn"]
    assert confirmed.text.startswith("📣 Đã đôn đốc Sở Tư pháp về báo cáo trienkhai")
    assert confirmed.text.endswith("Đã nhắn 1 người/nhóm của đơn vị.")
    assert answered.text.startswith("✅ Đã ghi nhận: Sở Tư pháp — Đang thực hiện")
    refusal = ("Văn phòng đã đôn đốc Sở Tư pháp về báo cáo này trong ngày 22/01/2020; mỗi ngày "
               "chỉ đôn đốc một lần. Không có gì thay đổi.")
    assert again_button.text == refusal and again_command.text == refusal
    assert "đã quá hạn 3 ngày làm việc" in next_day.text
    assert next_confirmed.text.startswith("📣 Đã đôn đốc Sở Tư pháp")
    assert ambiguous.text == ("“2020” ứng với nhiều kỳ của báo cáo “quy”. Anh/chị vui lòng ghi "
                              "rõ ngày hạn, ví dụ: /dondoc quy 10/12/2020 <mã đơn vị>")
    assert follow_ups == 2 and audit == ["report.follow_up", "report.follow_up"]
    # Registered, reminder, follow-up, its answer, the next one: refused ones reached nobody
    assert len(fake.bot_messages(mai)) == 5


async def test_forged_buttons_and_buttons_of_a_deleted_report_change_nothing(
    database_url: str
) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin = fake.add_user("Admin")
    clock = SimulatedClock(local(2020, 1, 8, 9))
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=clock) as bot:
        hanh, lan, _hung, mai = await people(bot, fake, admin)
        reminder = await first_reminder(bot, fake, clock, lan)
        await fake.wait_for_bot_messages(mai)
        await ask_for_an_extension(fake, lan, reminder, "31/01/2020")
        clock.set(local(2020, 1, 21, 9))
        message = await digest(fake, hanh)
        for forged in ("of:d:trienkhai:20200120:stp", "of:g:trienkhai:20200120:syt"):
            fake.press_button(lan, reminder.message_id, forged, force=True)
        refusals = await fake.wait_for_bot_messages(lan, count=2)
        fake.press_button(hanh, message.message_id, "of:d:quy:20200311:snv", force=True)
        [no_such_occurrence] = await fake.wait_for_bot_messages(hanh)
        fake.press_button(hanh, message.message_id, "of:d:trienkhai:20200120:zz", force=True)
        [no_such_unit] = await fake.wait_for_bot_messages(hanh)
        await bot.deps.database.run(lambda s: s.execute(
            update(Deadline).where(Deadline.code == "trienkhai")
            .values(deleted_at=local(2020, 1, 21, 9).astimezone(UTC))))
        fake.press_button(hanh, message.message_id, button_text="Duyệt gia hạn syt")
        [deleted] = await fake.wait_for_bot_messages(hanh)
        changed = (await count(bot, Extension), await count(bot, OfficeFollowUp),
                   await audit_actions(bot))
    assert sorted(r.text for r in refusals) == [  # handled concurrently: in either order
        "Xin lỗi, lệnh /dondoc chỉ dành cho Văn phòng UBND tỉnh hoặc quản trị viên. "
        "Không có gì bị thay đổi.",
        "Xin lỗi, lệnh /giahan chỉ dành cho Văn phòng UBND tỉnh hoặc quản trị viên. "
        "Không có gì bị thay đổi.",
    ]
    gone = ("Kỳ báo cáo này không còn trong lịch (hạn báo cáo đã bị xóa hoặc đã thay đổi), nên "
            "nút không còn tác dụng; không có gì thay đổi. Gõ /digest để xem tình hình mới nhất.")
    assert no_such_occurrence.text == gone and deleted.text == gone
    assert no_such_unit.text.startswith("Không tìm thấy đơn vị có mã “zz”.")
    assert changed == (0, 0, [])
    assert len(fake.bot_messages(mai)) == 2  # registered, her reminder: nothing forged


async def test_the_scheduled_digest_carries_the_office_buttons(database_url: str) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin = fake.add_user("Admin")
    clock = SimulatedClock(local(2020, 1, 20, 9))
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=clock) as bot:
        hanh, _lan, _hung, _mai = await people(bot, fake, admin)
        runner = await digest_runner(bot)
        clock.set(local(2020, 1, 21, 8, 0))
        report = await runner.run_due()
        [scheduled] = await fake.wait_for_bot_messages(hanh)
        offered = list(scheduled.button_texts)
        fake.press_button(hanh, scheduled.message_id, button_text="Đôn đốc stp")
        [confirmed] = await fake.wait_for_bot_messages(hanh)
    assert report.sent == 1
    assert len(offered) == 8 and "Đôn đốc stp" in offered
    assert confirmed.text.endswith("Đã nhắn 1 người/nhóm của đơn vị.")


async def office_and_two_stp_officers(bot: RunningBot, fake: FakeTelegram, admin: FakeUser
                                      ) -> tuple[FakeUser, FakeUser, FakeUser]:
    """The office's Hạnh and Sở Tư pháp's two officers, Mai and Tâm."""
    hanh, _lan, _hung, mai = await people(bot, fake, admin)
    tam = fake.add_user("Tâm")
    await register(bot, fake, admin, tam, "stp")
    return hanh, mai, tam


async def test_a_chat_that_refuses_the_office_message_is_marked_unreachable_and_counted(
    database_url: str
) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin = fake.add_user("Admin")
    clock = SimulatedClock(local(2020, 1, 8, 9))
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=clock) as bot:
        hanh, mai, tam = await office_and_two_stp_officers(bot, fake, admin)
        clock.set(local(2020, 1, 22, 9))
        await bot.reminders.replan()
        pending_before = await pending_rows(bot, mai)
        # Mai blocked the bot; the bot has not heard of it (the update was lost or is late).
        fake.state.chat(mai.id).bot_status = "kicked"
        fake.send_command(hanh, "dondoc", "trienkhai", "20/01/2020", "stp")
        [confirmed] = await fake.wait_for_bot_messages(hanh)
        refused_at = clock()
        mai_person = await person(bot, mai)
        mai_rows = await bot.deps.database.run(lambda s: {
            row.slot: (row.state, row.last_error) for row in s.scalars(
                select(OutboxMessage).where(OutboxMessage.chat_id == mai.id))})
        clock.set(local(2020, 1, 30, 9))  # the next day, after Tết: Mai is no longer written to
        replanned = await bot.reminders.replan()
        pending_after = await pending_rows(bot, mai)
        fake.send_command(hanh, "dondoc", "trienkhai", "20/01/2020", "stp")
        [next_day] = await fake.wait_for_bot_messages(hanh)
        calls_to_mai = [call.status for call in fake.calls("sendMessage")
                        if call.json_param("chat_id") == mai.id]
    assert pending_before  # her escalations were waiting
    assert confirmed.text == (
        "📣 Đã đôn đốc Sở Tư pháp về báo cáo trienkhai (Năm 2020), hạn 20/01/2020. Đã nhắn 1 "
        "người/nhóm của đơn vị.\n⚠️ 1 người/nhóm của đơn vị không nhận được vì Telegram từ chối "
        "(đã chặn bot hoặc đã xóa bot khỏi nhóm); bot đã ghi nhận và sẽ không nhắn đến đó nữa "
        "cho đến khi họ mở lại bot.")
    assert fake.bot_messages(tam)[-1].text.startswith("📣 Văn phòng UBND tỉnh đôn đốc")
    assert mai_person.unreachable_since == refused_at
    assert "bot was blocked by the user" in (mai_person.unreachable_reason or "")
    assert {mai_rows[slot] for slot in pending_before} == {("cancelled",
                                                            "the chat is unreachable")}
    assert pending_after == [] and replanned.added == 0
    assert next_day.text.endswith("Đã nhắn 1 người/nhóm của đơn vị.")  # Tâm, and nobody refused
    assert calls_to_mai[-1] == 403 and calls_to_mai.count(403) == 1  # nothing tried after it


async def test_when_every_chat_refuses_the_office_is_told_nobody_got_it(database_url: str) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin = fake.add_user("Admin")
    clock = SimulatedClock(local(2020, 1, 8, 9))
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=clock) as bot:
        hanh, lan, hung, _mai = await people(bot, fake, admin)
        reminder = await first_reminder(bot, fake, clock, lan)
        await ask_for_an_extension(fake, lan, reminder, "31/01/2020")
        for officer in (lan, hung):
            fake.state.chat(officer.id).bot_status = "kicked"
        clock.set(local(2020, 1, 14, 9))
        fake.send_command(hanh, "giahan", "trienkhai", "20/01/2020", "syt")
        [confirmed] = await fake.wait_for_bot_messages(hanh)
        await bot.reminders.idle()
        unreachable = [(await person(bot, officer)).unreachable_since for officer in (lan, hung)]
        pending = [await pending_rows(bot, officer) for officer in (lan, hung)]
        grants = await count(bot, Extension)
    assert confirmed.text.split("\n") == [
        "✅ Đã duyệt gia hạn cho Sở Y tế đến ngày 31/01/2020 (báo cáo trienkhai, Năm 2020). Đã "
        "báo cho 0 người/nhóm của đơn vị.",
        "⚠️ 2 người/nhóm của đơn vị không nhận được vì Telegram từ chối (đã chặn bot hoặc đã xóa "
        "bot khỏi nhóm); bot đã ghi nhận và sẽ không nhắn đến đó nữa cho đến khi họ mở lại bot.",
        "⚠️ Chưa nhắn được ai của đơn vị (chưa có người đăng ký nhận tin hoặc đã chặn bot); đề "
        "nghị liên hệ trực tiếp.",
    ]
    assert unreachable == [local(2020, 1, 14, 9)] * 2
    assert pending == [[], []]  # nothing planned for them against the date granted either
    assert grants == 1  # the approval itself stands


async def test_a_notice_lost_to_a_telegram_error_is_counted_but_the_chat_stays_reachable(
    database_url: str
) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin = fake.add_user("Admin")
    clock = SimulatedClock(local(2020, 1, 22, 9))
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=clock) as bot:
        hanh, mai, tam = await office_and_two_stp_officers(bot, fake, admin)
        fake.inject_failure("sendMessage", 502)  # the notice to Mai, the unit's first chat
        fake.send_command(hanh, "dondoc", "trienkhai", "20/01/2020", "stp")
        [confirmed] = await fake.wait_for_bot_messages(hanh)
        mai_person = await person(bot, mai)
    done, *warnings = confirmed.text.split("\n")
    assert done.endswith("Đã nhắn 1 người/nhóm của đơn vị.")
    assert warnings == ["⚠️ 1 người/nhóm của đơn vị chưa nhận được do lỗi khi gửi qua Telegram."]
    assert fake.bot_messages(tam)[-1].text.startswith("📣 Văn phòng UBND tỉnh đôn đốc")
    assert mai_person.unreachable_since is None


async def person(bot: RunningBot, user: FakeUser) -> Person:
    return await bot.deps.database.run(lambda s: s.scalars(
        select(Person).where(Person.telegram_user_id == user.id)).one())


async def pending_rows(bot: RunningBot, user: FakeUser) -> list[str]:
    return await bot.deps.database.run(lambda s: list(s.scalars(
        select(OutboxMessage.slot).where(OutboxMessage.chat_id == user.id,
                                         OutboxMessage.state == "pending"))))
