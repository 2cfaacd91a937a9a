"""Digests end to end: the provincial office asks with /digest, and gets one on its own the
working day after a due date at eight, once, even across a restart."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import cast

from sqlalchemy.orm import Session

from scheduler.digests import DIGESTS_KEY, DigestRunner, build_digest_runner
from tests.e2e.harness import RunningBot, running_bot
from tests.e2e.test_reminders import register
from tests.fake_telegram import FakeTelegram, FakeUser, RateLimits
from tests.support.clock import SimulatedClock, local
from tests.support.digest_data import add_answer, add_escalation
from tests.support.reminder_data import pause_deadlines_except

Q1 = date(2020, 3, 10)  # Quý I/2020, a Tuesday


def answers_of_the_first_quarter(escalated_to: int | None) -> Callable[[Session], None]:
    """Five units answered every way (the buttons would leave the same rows); Sở Y tế, silent,
    was escalated to its head (`escalated_to`, unless None)."""
    def write(session: Session) -> None:
        pause_deadlines_except(session, "quy")
        add_answer(session, "quy", Q1, "snv", "submitted", local(2020, 3, 9), on_time=True)
        add_answer(session, "quy", Q1, "stp", "in_progress", local(2020, 3, 5))
        add_answer(session, "quy", Q1, "stp", "submitted", local(2020, 3, 12), on_time=False)
        add_answer(session, "quy", Q1, "stc", "in_progress", local(2020, 3, 9))
        add_answer(session, "quy", Q1, "sxd", "blocked", local(2020, 3, 9),
                   note="Thiếu số liệu của các huyện",
                   proposal="Đề nghị Sở Kế hoạch và Đầu tư hỗ trợ")
        add_answer(session, "quy", Q1, "sct", "extension", local(2020, 3, 9),
                   note="Chờ số liệu quý", wanted=date(2020, 3, 20))
        if escalated_to is not None:
            add_escalation(session, "quy", Q1, "syt", escalated_to, local(2020, 3, 13))
    return write


async def office_and_officers(bot: RunningBot, fake: FakeTelegram, admin: FakeUser
                              ) -> tuple[FakeUser, FakeUser, FakeUser]:
    """Registered through chat: the office's Hạnh, Sở Y tế's officer Lan and head Hùng."""
    hanh, lan, hung = fake.add_user("Hạnh"), fake.add_user("Lan"), fake.add_user("Hùng")
    await register(bot, fake, admin, hanh, "office")
    await register(bot, fake, admin, lan, "syt")
    await register(bot, fake, admin, hung, "syt", "head")
    return hanh, lan, hung


async def ask(fake: FakeTelegram, user: FakeUser, *args: str) -> list[str]:
    fake.send_command(user, "digest", *args)
    return [message.text for message in await fake.wait_for_bot_messages(user)]


HEAD_OF_THE_DIGEST = [
    "1. Báo cáo quý, đánh giá tình hình thực hiện Kế hoạch hành động của UBND tỉnh (quy)",
    "Kỳ báo cáo: Quý I/2020",
    "Hạn gửi: 10/03/2020 — ⚠️ đã quá hạn 4 ngày làm việc",
    "Số đơn vị phải báo cáo: 38",
    "✅ Đã gửi – đúng hạn: 1",
    "🕘 Đã gửi – trễ hạn: 1",
    "🔄 Đang thực hiện: 1",
    "⚠️ Có khó khăn, vướng mắc: 1",
    "📅 Đề nghị gia hạn: 1",
    "❌ Quá hạn – chưa gửi: 33",
    "🚨 Đã đôn đốc: 1 đơn vị",
    "Theo nhóm đơn vị:",
    "• Sở, ban, ngành (19): 1 đúng hạn, 1 trễ hạn, 1 đang thực hiện, 1 vướng mắc, "
    "1 xin gia hạn, 14 quá hạn",
    "• Cơ quan khác (10): 10 quá hạn",
    "• UBND cấp huyện (9): 9 quá hạn",
    "Các đơn vị chưa gửi báo cáo (33):",
    "• Văn phòng Ủy ban nhân dân tỉnh",
    "• Sở Kế hoạch và Đầu tư",
    "• Sở Nông nghiệp và Phát triển nông thôn",
]
TAIL_OF_THE_DIGEST = [
    "Đã gửi – trễ hạn (1):",
    "• Sở Tư pháp — chậm 2 ngày",
    "Đang thực hiện (1):",
    "• Sở Tài chính",
    "Có khó khăn, vướng mắc (1):",
    "• Sở Xây dựng: Thiếu số liệu của các huyện",
    "   ↳ Đề xuất, kiến nghị: Đề nghị Sở Kế hoạch và Đầu tư hỗ trợ",
    "Đề nghị gia hạn (1):",
    "• Sở Công Thương — xin gia hạn đến 20/03/2020: Chờ số liệu quý",
    # Seven silent units have a "Đôn đốc" button beside "Duyệt gia hạn sct"; the rest:
    "➡️ Đôn đốc 26 đơn vị khác: gõ /dondoc quy 10/03/2020 <mã đơn vị> (mã: svhttdl, skhcn, "
    "sgddt, syt, thanhtra, bdt, bqlkkt, nhnn, thongke, lmhtx, dhtv, congan, bchqs, bdbp, ptth, "
    "baotv, qltt, tptv, txdh, canglong, chauthanh, cauke, tieucan, caungang, tracu, duyenhai)",
]


def check_digest(text: str, subtitle: str) -> None:
    lines = text.split("\n")
    assert lines[:4] == ["📊 Tình hình thực hiện chế độ báo cáo", subtitle, "",
                         HEAD_OF_THE_DIGEST[0]]
    assert lines[3:3 + len(HEAD_OF_THE_DIGEST)] == HEAD_OF_THE_DIGEST
    assert "• Sở Y tế — lãnh đạo: Hùng (đã đôn đốc)" in lines
    silent = lines[lines.index("Các đơn vị chưa gửi báo cáo (33):") + 1:
                   lines.index("Đã gửi – trễ hạn (1):")]
    assert len(silent) == 33 and silent[-1] == "• Ủy ban nhân dân huyện Duyên Hải"
    assert lines[-len(TAIL_OF_THE_DIGEST):] == TAIL_OF_THE_DIGEST


async def test_the_office_asks_for_the_open_reports_and_for_one_quarter(
    database_url: str
) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin = fake.add_user("Admin")
    clock = SimulatedClock(local(2020, 3, 16, 9))
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=clock) as bot:
        hanh, _lan, hung = await office_and_officers(bot, fake, admin)
        await bot.deps.database.run(answers_of_the_first_quarter(hung.id))
        [open_reports] = await ask(fake, hanh)
        [by_date] = await ask(fake, hanh, "quy", "10/03/2020")
        [by_name] = await ask(fake, hanh, "quy", "Quý", "I/2020")
        [for_admin] = await ask(fake, admin)
    check_digest(open_reports, "Các báo cáo đang mở, cập nhật ngày 16/03/2020")
    check_digest(by_date, "Cập nhật ngày 16/03/2020")
    assert by_name == by_date
    assert for_admin == open_reports


async def test_officers_are_refused_and_unknown_codes_or_periods_are_explained(
    database_url: str
) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin = fake.add_user("Admin")
    clock = SimulatedClock(local(2020, 3, 16, 9))
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=clock) as bot:
        hanh, lan, _hung = await office_and_officers(bot, fake, admin)
        [refused] = await ask(fake, lan)
        [unknown_code] = await ask(fake, hanh, "quyy")
        [unknown_period] = await ask(fake, hanh, "quy", "11/03/2020")
    assert refused == ("Xin lỗi, lệnh /digest chỉ dành cho Văn phòng UBND tỉnh hoặc quản trị "
                       "viên. Không có gì bị thay đổi.")
    assert unknown_code.startswith("Không tìm thấy hạn báo cáo có mã “quyy”. Có phải anh/chị "
                                   "muốn nhập: quy")
    assert unknown_period == (
        "Báo cáo “quy” không có kỳ nào ứng với “11/03/2020”. Các kỳ gần nhất: "
        "10/03/2020 (Quý I/2020), 10/06/2020 (Quý II/2020), 10/09/2020 (Quý III/2020), "
        "10/12/2020 (Quý IV/2020), 10/03/2021 (Quý I/2021). Anh/chị vui lòng nhập ngày hạn "
        "theo dạng ngày/tháng/năm, ví dụ: /digest quy 10/03/2020")


async def digest_runner(bot: RunningBot) -> DigestRunner:
    """The process's runner once the bot starts one (bot.lifecycle), else one of our own."""
    assert bot.application is not None and bot.application.job_queue is not None
    started = cast(DigestRunner | None, bot.application.bot_data.get(DIGESTS_KEY))
    if started is not None:
        await started.idle()
        return started
    return build_digest_runner(bot.deps, bot.application.job_queue, bot.application.bot)


async def test_the_office_gets_the_digest_the_working_day_after_the_due_date_at_eight_once(
    database_url: str
) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin = fake.add_user("Admin")
    clock = SimulatedClock(local(2020, 3, 10, 9))
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=clock) as bot:
        hanh, _lan, _hung = await office_and_officers(bot, fake, admin)
        await bot.deps.database.run(answers_of_the_first_quarter(None))
        runner = await digest_runner(bot)
        clock.set(local(2020, 3, 11, 7, 59))
        early = await runner.run_due()
        clock.set(local(2020, 3, 11, 8, 0))
        on_time = await runner.run_due()
        [digest] = await fake.wait_for_bot_messages(hanh)
        clock.set(local(2020, 3, 11, 10, 0))
        again = await runner.run_due()
    clock.set(local(2020, 3, 11, 11, 0))
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=clock) as restarted:
        after_restart = await (await digest_runner(restarted)).run_due()
    assert (early.sent, on_time.sent, again.sent, after_restart.sent) == (0, 1, 0, 0)
    lines = digest.text.split("\n")
    assert lines[:2] == ["📊 Tình hình thực hiện chế độ báo cáo", "Cập nhật ngày 11/03/2020"]
    assert "Hạn gửi: 10/03/2020 — ⚠️ đã quá hạn 1 ngày làm việc" in lines
    assert "❌ Quá hạn – chưa gửi: 33" in lines
    assert [m.text for m in fake.bot_messages(hanh)].count(digest.text) == 1
