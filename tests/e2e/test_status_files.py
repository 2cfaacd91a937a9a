"""Files attached to a report, end to end: a reply to a reminder or the answer to the document
question; stored with Telegram's id and metadata, archived when BOT_ARCHIVE_DIR is set; files
too large or of another type are refused and nothing is stored."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from bot.web.metrics import ServiceMetrics
from db.models import ChatFlow, StatusFile, StatusUpdate
from tests.e2e.harness import RunningBot, running_bot
from tests.e2e.test_reminders import register
from tests.e2e.test_status_replies import first_reminder
from tests.fake_telegram import FakeTelegram, RateLimits
from tests.support.clock import SimulatedClock, local
from tests.unit.test_status_files import LONG_TITLE

PDF = b"%PDF-1.4\n" + b"0" * 3000  # 3 KB
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


async def stored_files(bot: RunningBot) -> list[tuple[str, str, int | None, str, str | None]]:
    return await bot.deps.database.run(lambda s: [
        (f.file_name, f.mime_type, f.size_bytes, f.telegram_file_unique_id, f.archived_path)
        for f in s.scalars(select(StatusFile).order_by(StatusFile.id))])


async def status_rows(bot: RunningBot) -> list[tuple[str, str, bool | None]]:
    return await bot.deps.database.run(lambda s: [
        (u.status, u.note, u.on_time)
        for u in s.scalars(select(StatusUpdate).order_by(StatusUpdate.id))])


async def test_a_pdf_replied_to_a_reminder_is_stored_archived_and_marked_in_the_history(
    database_url: str, tmp_path: Path
) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin, lan = fake.add_user("Admin"), fake.add_user("Lan")
    clock = SimulatedClock(local(2020, 1, 8, 9))
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=clock,
                           bot_archive_dir=str(tmp_path), bot_max_file_mb=1) as bot:
        await register(bot, fake, admin, lan, "syt")
        reminder = await first_reminder(bot, fake, clock, lan)
        fake.send_document(lan, PDF, "Báo cáo triển khai.pdf", "application/pdf",
                           caption="Bản đã ký số", reply_to=reminder.message_id)
        [attached] = await fake.wait_for_bot_messages(lan)
        fake.send_document(lan, PDF, "Báo cáo triển khai.pdf", "application/pdf",
                           reply_to=reminder.message_id)  # the same name again
        [again] = await fake.wait_for_bot_messages(lan)
        fake.send_command(lan, "history")
        [history] = await fake.wait_for_bot_messages(lan)
        files = await stored_files(bot)
        rows = await status_rows(bot)
    assert attached.text.startswith(
        "📎 Đã đính kèm tệp «Báo cáo triển khai.pdf» (3 KB) vào báo cáo của Sở Y tế (")
    assert attached.text.endswith("hạn 20/01/2020).")
    assert again.text.startswith("📎 Đã đính kèm tệp «Báo cáo triển khai.pdf»")
    folder = tmp_path / "2020" / "trienkhai" / "syt"
    first, second = folder / "Báo cáo triển khai.pdf", folder / "Báo cáo triển khai (2).pdf"
    assert files == [
        ("Báo cáo triển khai.pdf", "application/pdf", len(PDF), "AgAD000001", str(first)),
        ("Báo cáo triển khai.pdf", "application/pdf", len(PDF), "AgAD000002", str(second)),
    ]
    assert first.read_bytes() == PDF and second.read_bytes() == PDF
    assert rows == [("in_progress", "Bản đã ký số", None), ("in_progress", "Bản đã ký số", None)]
    assert [line.endswith("Đang thực hiện 📎 · Lan") for line in history.text.splitlines()[1:]] \
        == [True, True]


async def test_an_oversize_file_and_an_exe_are_refused_and_nothing_is_stored(
    database_url: str, tmp_path: Path
) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin, lan = fake.add_user("Admin"), fake.add_user("Lan")
    clock = SimulatedClock(local(2020, 1, 8, 9))
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=clock,
                           bot_archive_dir=str(tmp_path), bot_max_file_mb=1) as bot:
        await register(bot, fake, admin, lan, "syt")
        reminder = await first_reminder(bot, fake, clock, lan)
        fake.send_document(lan, b"0" * (1536 * 1024), "bao-cao-day-du.pdf", "application/pdf",
                           reply_to=reminder.message_id)
        [too_big] = await fake.wait_for_bot_messages(lan)
        fake.send_document(lan, b"MZ\x90\x00", "setup.exe", "application/x-msdownload",
                           reply_to=reminder.message_id)
        [exe] = await fake.wait_for_bot_messages(lan)
        files, rows = await stored_files(bot), await status_rows(bot)
    assert too_big.text == ("Tệp “bao-cao-day-du.pdf” có dung lượng 1,5 MB, vượt quá mức tối đa "
                            "1 MB. Anh/chị vui lòng nén hoặc tách tệp rồi gửi lại. Chưa có gì "
                            "được lưu.")
    assert exe.text == ("Xin lỗi, bot chưa nhận loại tệp “setup.exe”. Anh/chị vui lòng gửi tệp "
                        "thuộc một trong các loại: PDF, DOC, DOCX, XLS, XLSX, ODT, ODS, JPG, PNG, "
                        "ZIP. Chưa có gì được lưu.")
    assert files == [] and rows == []
    assert list(tmp_path.iterdir()) == []


async def test_a_file_answers_the_document_question_and_a_file_without_report_is_explained(
    database_url: str
) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin, lan = fake.add_user("Admin"), fake.add_user("Lan")
    clock = SimulatedClock(local(2020, 1, 8, 9))
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=clock) as bot:
        await register(bot, fake, admin, lan, "syt")
        reminder = await first_reminder(bot, fake, clock, lan)
        fake.send_document(lan, b"PK\x03\x04", "15-BC-SYT.docx", DOCX)  # not a reply
        [which_report] = await fake.wait_for_bot_messages(lan)
        fake.press_button(lan, reminder.message_id, button_text="Đã gửi báo cáo")
        [sent, ask_document] = await fake.wait_for_bot_messages(lan, count=2)
        fake.send_document(lan, b"PK\x03\x04", "15-BC-SYT.docx", DOCX)
        [attached] = await fake.wait_for_bot_messages(lan)
        files, rows = await stored_files(bot), await status_rows(bot)
        flows = await bot.deps.database.run(
            lambda s: s.scalar(select(func.count()).select_from(ChatFlow)))
    assert which_report.text.startswith("Bot chưa biết tệp này thuộc báo cáo nào.")
    assert "Gửi đúng hạn" in sent.text and "Bỏ qua" in ask_document.button_texts
    assert attached.text.startswith("📎 Đã đính kèm tệp «15-BC-SYT.docx» (1 KB) vào báo cáo "
                                    "của Sở Y tế")
    assert files == [("15-BC-SYT.docx", DOCX, 4, "AgAD000002", None)]  # no archive folder set
    assert rows == [("submitted", "", True), ("submitted", "", True)]
    assert flows == 0


async def test_a_file_named_with_a_long_vietnamese_title_is_archived_under_a_name_that_fits(
    database_url: str, tmp_path: Path
) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin, lan = fake.add_user("Admin"), fake.add_user("Lan")
    clock = SimulatedClock(local(2020, 1, 8, 9))
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=clock,
                           bot_archive_dir=str(tmp_path), bot_max_file_mb=1) as bot:
        await register(bot, fake, admin, lan, "syt")
        reminder = await first_reminder(bot, fake, clock, lan)
        fake.send_document(lan, b"PK\x03\x04", LONG_TITLE + ".docx", DOCX,
                           reply_to=reminder.message_id)
        [attached] = await fake.wait_for_bot_messages(lan)
        [(name, _, _, _, archived)] = await stored_files(bot)
    assert attached.text.startswith("📎 Đã đính kèm tệp «Báo cáo kết quả thực hiện Nghị quyết")
    assert name.endswith(".docx") and LONG_TITLE.startswith(name.removesuffix(".docx"))
    assert 250 <= len(name.encode()) <= 255
    assert archived == str(tmp_path / "2020" / "trienkhai" / "syt" / name)
    assert Path(archived).read_bytes() == b"PK\x03\x04"


async def test_a_copy_the_archive_cannot_keep_is_counted_and_told_to_the_office_and_admins(
    database_url: str, tmp_path: Path
) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin, lan, hoa = fake.add_user("Admin"), fake.add_user("Lan"), fake.add_user("Hoa")
    clock = SimulatedClock(local(2020, 1, 8, 9))
    archive = tmp_path / "luu-tru"
    archive.mkdir()
    (archive / "2020").write_text("not a folder")  # the year's folder cannot be made
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=clock,
                           bot_archive_dir=str(archive), bot_max_file_mb=1) as bot:
        await register(bot, fake, admin, hoa, "office")
        await register(bot, fake, admin, lan, "syt")
        reminder = await first_reminder(bot, fake, clock, lan)
        fake.send_document(lan, PDF, "Báo cáo <quý> I.pdf", "application/pdf",
                           reply_to=reminder.message_id)
        [attached] = await fake.wait_for_bot_messages(lan)
        [to_office] = await fake.wait_for_bot_messages(hoa)
        [to_admin] = await fake.wait_for_bot_messages(admin)
        [(_, _, _, _, archived)] = await stored_files(bot)
        error = await bot.deps.database.run(
            lambda s: s.scalar(select(StatusFile.archive_error)))
        metrics = (await ServiceMetrics(bot.deps.database, clock).render()).decode()
    assert attached.text.startswith("📎 Đã đính kèm tệp «Báo cáo quý I.pdf»")
    assert archived is None and error and "2020" in error
    assert to_office.text == to_admin.text
    assert to_office.text.startswith(
        "⚠️ Chưa lưu được bản sao tệp «Báo cáo quý I.pdf» của Sở Y tế (")
    assert "hạn 20/01/2020) vào thư mục lưu trữ trên máy chủ: " in to_office.text
    assert to_office.text.endswith("Quản trị viên cần kiểm tra thư mục lưu trữ (BOT_ARCHIVE_DIR).")
    assert "deadline_bot_archive_failures_total 1.0" in metrics
