"""The office's digest of Vĩnh Long (BOT_PROVINCE_FILE=vinh_long_2025.yaml: 14 sở, 2 agencies,
124 xã and phường), half of them answered, end to end through the fake Telegram: asked with
/digest and sent on its own the working day after the due date, it reads the same way in at
most three messages: counts per group first, the units to chase, "… và N đơn vị khác" with the
link to the report's page, at most eight buttons that work."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from bot.domain.statuses import ReportStatus
from tests.e2e.harness import running_bot
from tests.e2e.test_digests import digest_runner
from tests.e2e.test_reminders import register
from tests.fake_telegram import FakeTelegram, RateLimits
from tests.fake_telegram.models import LoggedMessage
from tests.support.clock import SimulatedClock, local
from tests.support.digest_data import add_answer
from tests.support.digest_scale import (
    DIFFICULTY,
    PROPOSAL,
    Q3_2025,
    REASON,
    VINH_LONG_FILE,
    Answered,
    vinh_long_units,
)
from tests.support.reminder_data import pause_deadlines_except

DASHBOARD = "https://bot.example.gov.vn/dashboard"
REPORT_PAGE = f"{DASHBOARD}/report/quy/2025-09-10?year=2025"


def half_of_vinh_long_answered(session: Session) -> None:
    """Every other unit answered the third quarter's report, in the spread of digest_scale."""
    pause_deadlines_except(session, "quy")
    units = vinh_long_units()
    for index, unit in enumerate(units):
        kind = Answered(0.5).kind(index, len(units))
        if kind is None:
            continue
        status, on_time = kind
        late = on_time is False
        add_answer(session, "quy", Q3_2025, unit.code, status.value,
                   local(2025, 9, 11 if late else 8, 7), on_time=on_time,
                   note={ReportStatus.BLOCKED: DIFFICULTY,
                         ReportStatus.EXTENSION: REASON}.get(status, ""),
                   proposal=PROPOSAL if status is ReportStatus.BLOCKED else "",
                   wanted=Q3_2025 + timedelta(days=10)
                   if status is ReportStatus.EXTENSION else None)


def check_the_office_digest(messages: list[tuple[str, tuple[str, ...]]]) -> None:
    """The messages' texts (as Telegram shows them, HTML parsed) and buttons."""
    assert 1 <= len(messages) <= 3
    [(text, buttons)] = messages  # one report: one message
    assert len(text) <= 4096
    lines = text.split("\n")
    assert lines[:9] == [
        "📊 Tình hình thực hiện chế độ báo cáo", "Cập nhật ngày 11/09/2025", "",
        "1. Báo cáo quý, đánh giá tình hình thực hiện Kế hoạch hành động của UBND tỉnh (quy)",
        "Kỳ báo cáo: Quý III/2025", "Hạn gửi: 10/09/2025 — ⚠️ đã quá hạn 1 ngày làm việc",
        "Số đơn vị phải báo cáo: 140", "✅ Đã gửi – đúng hạn: 49", "🕘 Đã gửi – trễ hạn: 9"]
    groups = lines.index("Theo nhóm đơn vị:")
    assert lines[groups - 4:groups] == ["🔄 Đang thực hiện: 6", "⚠️ Có khó khăn, vướng mắc: 3",
                                        "📅 Đề nghị gia hạn: 3", "❌ Quá hạn – chưa gửi: 70"]
    assert [line.split(":")[0] for line in lines[groups + 1:groups + 4]] == [
        "• Sở, ban, ngành (14)", "• Cơ quan khác (2)", "• UBND cấp xã (124)"]
    assert lines[groups + 4] == "Các đơn vị chưa gửi báo cáo (70):"
    # The office reports too; in the order units were added, and no heads registered.
    assert lines[groups + 5] == "• Văn phòng Ủy ban nhân dân tỉnh"
    assert any(line.startswith("   … và ") and line.endswith(" đơn vị khác") for line in lines)
    assert f"🔗 Danh sách đầy đủ trên trang theo dõi (đăng nhập bằng /web): {REPORT_PAGE}" \
        in lines
    assert lines[-1].startswith("➡️ Đôn đốc ") and lines[-1].endswith(", …)")
    assert buttons[:4] == ("Duyệt gia hạn xmylong", "Duyệt gia hạn xluonghoa",
                           "Duyệt gia hạn xquoithien", "Đôn đốc vpubnd")
    assert len(buttons) == 8 and all(label.startswith("Đôn đốc ") for label in buttons[3:])


def seen(messages: list[LoggedMessage]) -> list[tuple[str, tuple[str, ...]]]:
    return [(message.text, tuple(message.button_texts)) for message in messages]


async def test_the_office_digest_of_vinh_long_at_half_answered_fits_one_message(
    database_url: str
) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin = fake.add_user("Admin")
    clock = SimulatedClock(local(2025, 9, 10, 17))
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=clock,
                           bot_province_file=VINH_LONG_FILE, web_base_url=DASHBOARD) as bot:
        hanh = fake.add_user("Hạnh")
        await register(bot, fake, admin, hanh, "office")
        await bot.deps.database.run(half_of_vinh_long_answered)
        runner = await digest_runner(bot)
        clock.set(local(2025, 9, 11, 8, 0))
        report = await runner.run_due()
        scheduled = seen(await fake.wait_for_bot_messages(hanh))
        fake.send_command(hanh, "digest", "quy", "10/09/2025")
        [asked] = await fake.wait_for_bot_messages(hanh)
        asked_seen = seen([asked])
        fake.press_button(hanh, asked.message_id, button_text="Đôn đốc vpubnd")
        [confirmed] = await fake.wait_for_bot_messages(hanh)
        ticked = fake.message(hanh, asked.message_id).button_texts
    assert report.sent == 1
    check_the_office_digest(scheduled)
    assert asked_seen == scheduled
    assert confirmed.text.startswith("📣 Đã đôn đốc Văn phòng Ủy ban nhân dân tỉnh về báo cáo "
                                     "quy (Quý III/2025), hạn 10/09/2025.")
    assert ticked[3] == "✓ Đôn đốc vpubnd"
