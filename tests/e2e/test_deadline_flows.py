"""Guided /deadline_add and /deadline_edit, end to end through the fake Bot API on both databases.

Each answer is checked at once: a wrong one is explained in Vietnamese and the same question
asked again; nothing is stored until Confirm, which answers as the one-line command does. Taps on
another admin's flow are refused on the button, and a flow left for hours expires politely.
"""

from __future__ import annotations

from datetime import timedelta

from bot.services.flows import FLOW_LIFETIME
from tests.e2e.test_deadline_admin import (
    database_state,
    outbox,
    province,
    reminders_rescheduled,
    rescheduled_in,
)
from tests.e2e.test_unit_flows import open_flows, refused_tap, say
from tests.e2e.test_units_admin import ask, edited_to
from tests.fake_telegram import FakeTelegram, FakeUser
from tests.fake_telegram.models import LoggedMessage

TITLE = "Báo cáo an toàn thực phẩm"
ASK_TITLE = "Bước 1/6. Tên báo cáo là gì? Ví dụ: Báo cáo tình hình thực hiện kế hoạch năm"
ASK_LEGAL = "Bước 2/6. Căn cứ giao nhiệm vụ (số, ngày văn bản và mục)?"
ASK_RECIPIENT = "Bước 3/6. Báo cáo gửi về đâu? Chọn bên dưới hoặc nhập mã đơn vị nhận."
ASK_RULE = "Bước 4/6. Hạn báo cáo? Ví dụ: 10/07/2027 (một lần), 20/01 hằng năm,"
ASK_UNITS = "Bước 5/6. Đơn vị nào phải báo cáo?"
ASK_OFFSETS = "Bước 6/6. Nhắc trước hạn bao nhiêu ngày làm việc?"
RECIPIENT_BUTTONS = ["vpubnd · Văn phòng Ủy ban nhân dân tỉnh", "skhdt · Sở Kế hoạch và Đầu tư",
                     "chutich · Chủ tịch Ủy ban nhân dân tỉnh", "Hủy"]
UNIT_BUTTONS = ["Tất cả đơn vị", "Sở, ban, ngành", "UBND cấp huyện", "Hủy"]
OFFSET_BUTTONS = ["7,3,1 ngày", "5,3,1 ngày", "3,1 ngày", "Không nhắc trước", "Hủy"]
FIELD_BUTTONS = ["tên báo cáo", "căn cứ", "nơi nhận", "hạn", "đơn vị báo cáo", "mốc nhắc", "Hủy"]


async def tap(fake: FakeTelegram, user: FakeUser, message: LoggedMessage, button: str,
              shows: str) -> LoggedMessage:
    """Press `button` on `message`; the message once the bot has turned it into `shows`."""
    fake.press_button(user, message.message_id, button_text=button)
    return await edited_to(fake, user, message, shows)


def asked_again(answer: LoggedMessage | str | None, error: str, question: str) -> bool:
    """The answer explains `error`, then asks `question` again (on a new message)."""
    text = (answer.text if isinstance(answer, LoggedMessage) else answer) or ""
    return text.startswith(error) and f"\n\n{question}" in text


async def test_an_admin_adds_a_deadline_step_by_step_and_wrong_answers_are_asked_again(
    database_url: str
) -> None:
    async with province(database_url) as p:
        fake, admin = p.fake, p.admin
        before = await database_state(p.bot)
        first = await ask(fake, admin, "deadline_add")
        empty = await say(fake, admin, " ")
        too_long = await say(fake, admin, "Báo cáo " * 70)
        legal = await say(fake, admin, f"  {TITLE} ")
        legal_text, legal_buttons = legal.text or "", legal.button_texts
        recipient = await tap(fake, admin, legal, "Bỏ qua", "Bước 3/6")
        recipient_text, recipient_buttons = recipient.text, recipient.button_texts
        rule = await tap(fake, admin, legal, RECIPIENT_BUTTONS[0], "Bước 4/6")
        rule_text, rule_buttons = rule.text or "", rule.button_texts
        unreadable = await say(fake, admin, "khi nào xong")
        past = await say(fake, admin, "10/07/2020")
        missing_day = await say(fake, admin, "ngày 31 hằng tháng")
        units = await say(fake, admin, "ngày 15 hằng tháng")
        unknown_unit = await say(fake, admin, "all -xyz")
        unknown_unit_text, unknown_unit_buttons = unknown_unit.text, unknown_unit.button_texts
        offsets = await tap(fake, admin, unknown_unit, "Sở, ban, ngành", "Bước 6/6")
        offsets_text, offsets_buttons = offsets.text or "", offsets.button_texts
        not_numbers = await say(fake, admin, "abc")
        not_numbers_text, not_numbers_buttons = not_numbers.text, not_numbers.button_texts
        preview = await tap(fake, admin, not_numbers, "3,1 ngày", "Xem lại trước khi lưu")
        preview_text, preview_buttons = preview.text or "", preview.button_texts
        at_preview = await database_state(p.bot)
        done = await tap(fake, admin, not_numbers, "Xác nhận", "Đã thêm")
        after, flows = await database_state(p.bot), await open_flows(p.bot)
    assert (first.text or "").endswith(ASK_TITLE)
    assert first.button_texts == ["Hủy"]
    assert asked_again(empty, "Tên báo cáo không được để trống.", ASK_TITLE)
    assert asked_again(too_long, "Tên báo cáo dài 559 ký tự, quá giới hạn 512 ký tự.", ASK_TITLE)
    assert legal_text.startswith(ASK_LEGAL) and legal_buttons == ["Bỏ qua", "Hủy"]
    assert recipient_text == ASK_RECIPIENT and recipient_buttons == RECIPIENT_BUTTONS
    assert rule_text.startswith(ASK_RULE) and rule_buttons == ["Hủy"]
    assert asked_again(unreadable, "Chưa đọc được hạn “khi nào xong”.", ASK_RULE)
    assert asked_again(past, "Ngày 10/07/2020 đã qua (hôm nay là 01/12/2026)", ASK_RULE)
    assert asked_again(missing_day, "Không phải tháng nào cũng có ngày 31", ASK_RULE)
    assert (units.text or "").startswith(ASK_UNITS) and units.button_texts == UNIT_BUTTONS
    assert asked_again(unknown_unit_text, "Không tìm thấy đơn vị có mã “xyz”.", ASK_UNITS)
    assert unknown_unit_buttons == UNIT_BUTTONS
    assert offsets_text.startswith(ASK_OFFSETS) and offsets_buttons == OFFSET_BUTTONS
    assert asked_again(not_numbers_text, "Các mốc nhắc (abc) chưa hợp lệ", ASK_OFFSETS)
    assert not_numbers_buttons == OFFSET_BUTTONS
    assert preview_text.startswith("Xem lại trước khi lưu — bấm Xác nhận để thêm.\n\n"
                                   f"{TITLE}\nMã: bcattp\nCăn cứ: (không có)\n"
                                   "Nơi nhận: Văn phòng Ủy ban nhân dân tỉnh\n"
                                   "Hạn: ngày 15 hằng tháng\nĐơn vị báo cáo: ")
    assert "(departments)\nNhắc trước hạn: 3, 1 ngày làm việc" in preview_text
    assert preview_text.count(" — Tháng ") == 5  # the next five due dates
    assert preview_buttons == ["Xác nhận", "Hủy"]
    assert at_preview[:3] == before[:3]  # nothing stored before Confirm
    assert (done.text or "").startswith("✅ Đã thêm hạn báo cáo.\n\nLịch nhắc: ")
    assert "Mã: bcattp" in (done.text or "") and done.button_texts == []
    assert [row[:7] for row in after[0][len(before[0]):]] == [
        ("bcattp", TITLE, "DTSTART:20261215\nRRULE:FREQ=MONTHLY;BYMONTHDAY=15", "departments",
         "vpubnd", [3, 1], False)]
    assert after[1][len(before[1]):] == [("deadline.add", "bcattp")]
    assert flows == []


async def test_an_admin_edits_a_deadline_chosen_with_buttons(database_url: str) -> None:
    async with province(database_url) as p:
        fake, admin = p.fake, p.admin
        await p.change("deadline_resume", "quy")  # quy has reminders pending for Lan
        picker = await ask(fake, admin, "deadline_edit")
        picker_text, picker_buttons = picker.text or "", picker.button_texts
        fields = await tap(fake, admin, picker, "quy · Báo cáo quý, đánh giá tình hình t…",
                           "Sửa mục nào")
        fields_text, fields_buttons = fields.text, fields.button_texts
        value = await tap(fake, admin, picker, "hạn", "Hạn báo cáo?")
        value_text = value.text or ""
        unreadable = await say(fake, admin, "giữa quý")
        preview = await say(fake, admin, "ngày 15 tháng cuối quý")
        preview_text = preview.text or ""
        before = await outbox(p.bot)
        done = await tap(fake, admin, preview, "Xác nhận", "Đã sửa")
        await p.bot.reminders.idle()
        after, state = await outbox(p.bot), await database_state(p.bot)
    assert picker_text.endswith("Sửa hạn báo cáo nào? Chọn bên dưới hoặc nhập mã.")
    assert picker_buttons[1] == "quy · Báo cáo quý, đánh giá tình hình t…"
    assert len(picker_buttons) == 6
    assert (fields_text, fields_buttons) == ("Sửa mục nào của quy?", FIELD_BUTTONS)
    assert value_text.startswith("Hạn báo cáo? Ví dụ: 10/07/2027 (một lần)")
    assert asked_again(unreadable, "Chưa đọc được hạn “giữa quý”.", "Hạn báo cáo? Ví dụ")
    assert preview_text.startswith("Xem lại trước khi lưu — hạn mới: ngày 15 tháng cuối quý. "
                                   "Bấm Xác nhận để lưu.")
    assert "Các hạn tới\n• 15/12/2026 — Quý IV/2026\n• 15/03/2027 — Quý I/2027\n" in preview_text
    text = done.text or ""
    assert text.startswith("✅ Đã sửa hạn của quy:\ntừ: ngày 10 tháng cuối quý\n"
                           "sang: ngày 15 tháng cuối quý\n\nLịch nhắc: ")
    assert rescheduled_in(text) == reminders_rescheduled(before, after) > 0
    assert state[1][-1] == ("deadline.edit", "quy")
    assert state[3] == 0  # the flow is closed


async def test_offsets_reaching_back_past_the_previous_due_date_are_explained_and_asked_again(
    database_url: str
) -> None:
    """The check that needs the whole deadline (offsets against the rule) runs on the preview;
    its refusal must still ask the same question again, like every other wrong answer."""
    async with province(database_url) as p:
        fake, admin = p.fake, p.admin
        picker = await ask(fake, admin, "deadline_edit")
        await tap(fake, admin, picker, "quy · Báo cáo quý, đánh giá tình hình t…", "Sửa mục nào")
        await tap(fake, admin, picker, "mốc nhắc", "Nhắc trước hạn")
        too_early = await say(fake, admin, "90")
        too_early_text, too_early_buttons = too_early.text, too_early.button_texts
        still_open = await open_flows(p.bot)
    assert asked_again(too_early_text, "Nếu nhắc trước 90 ngày làm việc thì lời nhắc cho hạn "
                       "10/12/2026 rơi vào ngày 03/08/2026, không muộn hơn hạn của kỳ trước "
                       "(10/09/2026).", "Nhắc trước hạn bao nhiêu ngày làm việc?")
    assert too_early_buttons == OFFSET_BUTTONS
    assert still_open == [(admin.id, "deadline_edit", "value", {"code": "quy",
                                                                "field": "offsets"})]


async def test_another_admins_taps_on_a_flow_are_refused_on_the_button(
    database_url: str
) -> None:
    async with province(database_url) as p:
        fake, admin = p.fake, p.admin
        await ask(fake, admin, "deadline_add")
        legal = await say(fake, admin, TITLE)
        skip, cancel = legal.callback_data
        flows_before = await open_flows(p.bot)
        own = await ask(fake, p.deputy, "deadlines")
        notices = [await refused_tap(fake, p.deputy, own.message_id, data, force=True)
                   for data in (skip, cancel)]
        flows_after = await open_flows(p.bot)
    assert notices == ["Nút này thuộc thao tác của người khác; không có gì thay đổi."] * 2
    assert flows_after == flows_before == [(admin.id, "deadline_add", "legal", {"title": TITLE})]


async def test_a_deadline_flow_left_for_hours_expires_politely_and_stores_nothing(
    database_url: str
) -> None:
    async with province(database_url) as p:
        fake, admin = p.fake, p.admin
        before = await database_state(p.bot)
        await ask(fake, admin, "deadline_add")
        legal = await say(fake, admin, TITLE)
        p.clock.advance(FLOW_LIFETIME + timedelta(minutes=1))
        on_button = await refused_tap(fake, admin, legal.message_id, button_text="Bỏ qua")
        await ask(fake, admin, "deadline_add")
        await say(fake, admin, TITLE)
        p.clock.advance(timedelta(hours=5))
        typed = await say(fake, admin, "Quyết định số 01/QĐ-UBND")
        after = await database_state(p.bot)
    assert on_button == ("Thao tác đã hết hạn vì lâu không có trả lời; chưa có gì được lưu. "
                         "Gõ /deadline_add để bắt đầu lại.")
    assert fake.message(admin, legal.message_id).edits == []
    assert typed.text == ("Thao tác /deadline_add đã hết hạn vì quá lâu không có trả lời nên đã "
                          "được hủy; chưa có gì được lưu. Gõ /deadline_add để bắt đầu lại.")
    assert after == before

