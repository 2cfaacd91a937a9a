"""/import end to end through the fake Bot API on both databases: an admin sends the province's
2020 action plan (as a .docx, a PDF or pasted text), gets one draft per deadline clause, and adds,
edits or skips each; nothing is stored before Add, and bad files get a polite answer.
"""

from __future__ import annotations

from datetime import date

from tests.e2e.test_deadline_admin import database_state, province
from tests.e2e.test_deadline_flows import tap
from tests.e2e.test_unit_flows import open_flows, say
from tests.e2e.test_units_admin import ask
from tests.fake_telegram import FakeTelegram, FakeUser
from tests.fake_telegram.models import LoggedMessage
from tests.support.documents import ACTION_PLAN, FIVE_YEAR_PLAN, docx_of, pdf_of

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DRAFT_BUTTONS = ["✅ Thêm", "✏️ Sửa", "⏭ Bỏ qua", "Hủy"]
INCOMPLETE_BUTTONS = ["✏️ Sửa", "⏭ Bỏ qua", "Hủy"]


async def send_file(fake: FakeTelegram, user: FakeUser, content: bytes, name: str,
                    mime: str) -> LoggedMessage:
    fake.send_document(user, content, name, mime)
    [answer] = await fake.wait_for_bot_messages(user)
    return answer


async def test_an_admin_imports_the_action_plan_from_a_word_file_and_adds_edits_and_skips(
    database_url: str
) -> None:
    async with province(database_url, today=date(2020, 1, 3)) as p:
        fake, admin = p.fake, p.admin
        before = await database_state(p.bot)
        asked = await ask(fake, admin, "import")
        first = await send_file(fake, admin, docx_of(ACTION_PLAN.read_text()), "qd01.docx", DOCX)
        first_text, first_buttons = first.text or "", first.button_texts
        while_drafting = await database_state(p.bot)

        second = await tap(fake, admin, first, "✅ Thêm", "đề xuất 2/4")
        second_text = second.text or ""
        fields = await tap(fake, admin, second, "✏️ Sửa", "Sửa mục nào của đề xuất 2/4?")
        fields_buttons = fields.button_texts
        await tap(fake, admin, second, "hạn", "Hạn báo cáo?")
        edited = await say(fake, admin, "ngày 15 tháng cuối quý")
        edited_text = edited.text or ""
        third = await tap(fake, admin, edited, "✅ Thêm", "đề xuất 3/4")
        fourth = await tap(fake, admin, third, "⏭ Bỏ qua", "đề xuất 4/4")
        fourth_text, fourth_buttons = fourth.text or "", fourth.button_texts
        await tap(fake, admin, fourth, "✏️ Sửa", "Sửa mục nào")
        await tap(fake, admin, fourth, "hạn", "Hạn báo cáo?")
        monthly = await say(fake, admin, "ngày 25 hằng tháng")
        done = await tap(fake, admin, monthly, "✅ Thêm", "Đã xem hết 4 đề xuất")
        after = await database_state(p.bot)
        flows_left = await open_flows(p.bot)

    assert "Gửi văn bản" in (asked.text or "") and ".docx" in (asked.text or "")
    assert first_text.startswith(
        "Tìm thấy 4 hạn báo cáo trong văn bản:\n"
        "1. 20/01/2020 — Xây dựng, ban hành các văn bản cụ thể triển khai thực hiện…\n"
        "2. ngày 10 tháng cuối quý — Hằng quý báo cáo, đánh giá tình hình thực hiện Kế hoạch…\n"
        "3. 10/11/2020 — Tổng kết, đánh giá tình hình thực hiện Kế hoạch này và đề…\n"
        "4. chưa rõ ngày — Sở Kế hoạch và Đầu tư chủ trì phối hợp với các sở, ngành…\n\n"
        "📄 Quyết định số 01/QĐ-UBND ngày 02/01/2020 — đề xuất 1/4")
    assert "Trong văn bản: «Trước ngày 20 tháng 01 năm 2020»" in first_text
    assert "mục 1.1: “1.1. Trước ngày 20 tháng 01 năm 2020, xây dựng, ban hành" in first_text
    assert "Nơi nhận: Văn phòng Ủy ban nhân dân tỉnh" in first_text
    assert "20/01/2020" in first_text.split("Các hạn tới")[1]
    assert first_buttons == DRAFT_BUTTONS
    assert while_drafting[0] == before[0] and while_drafting[1] == before[1]

    assert "✅ Đã thêm hạn" in second_text and "«trước ngày 10 tháng cuối quý»" in second_text
    assert fields_buttons == ["tên báo cáo", "căn cứ", "nơi nhận", "hạn", "đơn vị báo cáo",
                              "mốc nhắc", "Hủy"]
    assert "ngày 15 tháng cuối quý" in edited_text or "15/03/2020" in edited_text
    assert "«hàng tháng»" in fourth_text and "không nêu ngày cụ thể" in fourth_text
    assert fourth_buttons == INCOMPLETE_BUTTONS
    assert "thêm 3, bỏ qua 1" in (done.text or "")
    added = after[0][len(before[0]):]
    assert [(row[2].split("\n")[0], row[3], row[4]) for row in added] == [
        ("DTSTART:20200120", "departments districts", "vpubnd"),
        ("DTSTART:20200315", "departments districts", "vpubnd"),
        ("DTSTART:20200125", "skhdt", "vpubnd"),
    ]
    assert [action for action, _ in after[1][len(before[1]):]] == ["deadline.add"] * 3
    assert flows_left == []


async def test_a_pdf_with_a_text_layer_is_read_and_a_document_without_deadlines_adds_nothing(
    database_url: str
) -> None:
    directive = FIVE_YEAR_PLAN.read_text().split("## 5. Về tiến độ xây dựng kế hoạch")[1]
    lines = ["## 5. Về tiến độ xây dựng kế hoạch"]
    for paragraph in directive.splitlines():
        words, line = paragraph.split(), ""
        for word in words:  # wrapped as a PDF's text layer wraps it
            if len(line) + len(word) > 110:
                lines.append(line)
                line = ""
            line = f"{line} {word}".strip()
        lines.append(line)
    async with province(database_url, today=date(2020, 6, 1)) as p:
        fake, admin = p.fake, p.admin
        before = await database_state(p.bot)
        await ask(fake, admin, "import")
        first = await send_file(fake, admin, pdf_of(lines), "chi-thi.pdf", "application/pdf")
        first_text = first.text or ""
        await tap(fake, admin, first, "Hủy", "Đã hủy")
        await ask(fake, admin, "import")
        none = await say(fake, admin, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 "
                         "tháng 6 năm 2015; Quyết định này có hiệu lực kể từ ngày 01/7/2020. "
                         "Số liệu báo cáo tính từ ngày 15/12/2019 đến hết ngày 14/6/2020.")
        after = await database_state(p.bot)

    assert "đề xuất 1/2" in first_text and "«trước ngày 10/7/2020»" in first_text
    assert "Nơi nhận: Sở Kế hoạch và Đầu tư" in first_text and "10/07/2020" in first_text
    assert (none.text or "").startswith("Không tìm thấy điều khoản nào đặt hạn báo cáo")
    assert after[0] == before[0] and after[1] == before[1]


async def test_files_the_import_cannot_read_get_a_polite_answer_and_the_import_waits(
    database_url: str
) -> None:
    async with province(database_url, today=date(2020, 1, 3)) as p:
        fake, admin = p.fake, p.admin
        await ask(fake, admin, "import")
        old_word = await send_file(fake, admin, b"\xd0\xcf\x11\xe0", "ke-hoach.doc",
                                   "application/msword")
        broken = await send_file(fake, admin, b"%PDF-1.4 not really", "hong.pdf",
                                 "application/pdf")
        scanned = await send_file(fake, admin, pdf_of([""]), "scan.pdf", "application/pdf")
        still = await send_file(fake, admin, ACTION_PLAN.read_bytes(), "qd01.txt", "text/plain")
        flows = await open_flows(p.bot)

    assert (old_word.text or "").startswith("Chưa đọc được tệp ke-hoach.doc")
    assert (broken.text or "").startswith("Không mở được tệp hong.pdf")
    assert (scanned.text or "").startswith("Tệp scan.pdf không có chữ để đọc")
    assert "đề xuất 1/4" in (still.text or "")
    assert [(name, step) for _, name, step, _ in flows] == [("import", "draft")]


async def test_only_admins_import_and_names_outside_the_province_are_shown_to_map(
    database_url: str
) -> None:
    async with province(database_url, today=date(2020, 1, 3)) as p:
        refused = await ask(p.fake, p.lan, "import")
        flows = await open_flows(p.bot)
        await ask(p.fake, p.admin, "import")
        draft = await say(p.fake, p.admin, "Sở Du lịch và Sở Tư pháp gửi báo cáo về Bộ Kế hoạch "
                          "và Đầu tư trước ngày 10/7/2020.")
    assert "chỉ dành cho quản trị viên" in (refused.text or "")
    assert flows == []
    draft_text = draft.text or ""
    assert "❓ Tên chưa khớp đơn vị nào: Sở Du lịch." in draft_text
    assert "ℹ️ Văn bản ghi nơi nhận: Bộ Kế hoạch và Đầu tư — không có trong danh sách" in draft_text
    assert "Nơi nhận: Văn phòng Ủy ban nhân dân tỉnh" in draft_text
    assert "Đơn vị báo cáo: 1 (stp)" in draft_text


async def test_a_paste_cut_into_two_messages_is_read_whole_and_wrong_answers_are_asked_again(
    database_url: str
) -> None:
    plan = ACTION_PLAN.read_text()
    cut = plan.index("1.3. Hằng quý báo cáo")  # where Telegram might have cut the paste
    async with province(database_url, today=date(2020, 1, 3)) as p:
        fake, admin = p.fake, p.admin
        before = await database_state(p.bot)
        await ask(fake, admin, "import")
        fake.send_photo(admin, b"\xff\xd8 a scan")
        [photo] = await fake.wait_for_bot_messages(admin)
        first = await say(fake, admin, plan[:cut])
        first_text = first.text or ""
        rest = await say(fake, admin, plan[cut:])
        rest_text = rest.text or ""
        stray = await say(fake, admin, "ok")
        stray_text = stray.text or ""
        await tap(fake, admin, stray, "✏️ Sửa", "Sửa mục nào")
        units = await tap(fake, admin, stray, "đơn vị báo cáo", "Đơn vị nào phải báo cáo?")
        unit_buttons = units.button_texts
        unknown_unit = await say(fake, admin, "departments sxyz")
        unknown_unit_text = unknown_unit.text or ""
        fixed = await say(fake, admin, "departments -vpubnd")
        fixed_text = fixed.text or ""
        await tap(fake, admin, fixed, "✏️ Sửa", "Sửa mục nào")
        await tap(fake, admin, fixed, "đơn vị báo cáo", "Đơn vị nào phải báo cáo?")
        preset = await tap(fake, admin, fixed, "UBND cấp huyện", "đề xuất 1/4")
        preset_text = preset.text or ""
        after = await database_state(p.bot)

    assert (photo.text or "").startswith("Chưa đọc được tệp photo.jpg")
    assert "đề xuất 1/1" in first_text
    assert rest_text.startswith("Đã đọc tiếp phần văn bản vừa gửi: thêm 3 đề xuất.")
    assert "đề xuất 1/4" in rest_text
    assert unit_buttons == ["Tất cả đơn vị", "Sở, ban, ngành", "UBND cấp huyện", "Hủy"]
    assert "vui lòng bấm một nút" in stray_text and "đề xuất 1/4" in stray_text
    assert "sxyz" in unknown_unit_text and unknown_unit_text.rstrip().endswith("ví dụ all -bdt.")
    assert "(departments -vpubnd)" in fixed_text
    assert "Đơn vị báo cáo: 9 (districts)" in preset_text
    assert after[0] == before[0] and after[1] == before[1]
