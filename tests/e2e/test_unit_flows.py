"""Guided /unit_add and /unit_edit, end to end through the fake Bot API on both databases.

The flow's state is in the database: these tests also restart the bot in the middle of a flow,
move the clock past a flow's lifetime, and press buttons of finished or someone else's flows.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.services.flows import FLOW_LIFETIME
from db.models import AuditEntry, ChatFlow
from tests.e2e.harness import RunningBot, running_bot
from tests.e2e.test_units_admin import (
    NOW,
    admin_chat_telegram,
    ask,
    database_state,
    edited_to,
    fixed_clock,
    register_officer,
)
from tests.fake_telegram import FakeTelegram, FakeUser
from tests.fake_telegram.models import LoggedMessage

ONE_LINE_ADDED = ("✅ Đã thêm Sở Du lịch (mã sdl, nhóm Sở, ban, ngành).\n"
                  "Tạo đường dẫn đăng ký cho đơn vị bằng /invite sdl.")
CODE_QUESTION = ("Bước 1/4. Anh/chị gõ mã đơn vị: 2–16 chữ cái thường không dấu hoặc chữ số, "
                 "ví dụ sdl. Mã không đổi được về sau.")
NAME_QUESTION = ("Bước 2/4. Mã: sdl.\nAnh/chị gõ tên đầy đủ của đơn vị, có dấu, tối đa 256 ký "
                 "tự, ví dụ: Sở Du lịch.")
GROUP_QUESTION = ("Bước 3/4. Sở Du lịch (mã sdl) thuộc nhóm nào? Anh/chị bấm một nút bên dưới.")
GROUP_BUTTONS = ["Sở, ban, ngành", "UBND cấp huyện", "Cơ quan khác", "UBND cấp xã", "Hủy"]
STEP_PASSED = ("Bước này đã được trả lời; anh/chị vui lòng dùng tin nhắn mới nhất. Không có gì "
               "thay đổi.")
REFUSED = "Xin lỗi, lệnh /{command} chỉ dành cho quản trị viên. Không có gì bị thay đổi."
FINISHED = ("Thao tác này đã kết thúc hoặc đã được hủy nên nút không còn tác dụng; không có gì "
            "thay đổi.")


class MovableClock:
    """The bot's clock, moved by the test."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


async def say(fake: FakeTelegram, user: FakeUser, words: str) -> LoggedMessage:
    """The user types `words`; the bot's one answer."""
    fake.send_text(user, words)
    [answer] = await fake.wait_for_bot_messages(user)
    return answer


async def refused_tap(fake: FakeTelegram, user: FakeUser, message_id: int,
                      callback_data: str | None = None, *, button_text: str | None = None,
                      force: bool = False) -> str | None:
    """Press a button that should be refused; the notice shown on the button (no message)."""
    answers, messages = len(fake.callback_answers), len(fake.bot_messages(user))
    fake.press_button(user, message_id, callback_data, button_text=button_text, force=force)
    await fake.wait_for(lambda: len(fake.callback_answers) > answers, what="a button answer")
    assert len(fake.bot_messages(user)) == messages, "a refused tap sends no message"
    return fake.callback_answers[-1].text


async def open_flows(bot: RunningBot) -> list[tuple[int, str, str, dict[str, object]]]:
    def read(session: Session) -> list[tuple[int, str, str, dict[str, object]]]:
        rows = session.scalars(select(ChatFlow).order_by(ChatFlow.id))
        return [(row.telegram_user_id, row.name, row.step,
                 {k: v for k, v in row.data.items() if k != "flow_key"}) for row in rows]
    return await bot.deps.database.run(read)


async def audit_actions(bot: RunningBot) -> list[tuple[str, str, object, object]]:
    return await bot.deps.database.run(lambda s: [
        (e.action, e.subject, e.before, e.after)
        for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))])


async def test_an_admin_adds_a_unit_by_answering_one_question_at_a_time(
    database_url: str
) -> None:
    fake = admin_chat_telegram()
    admin = fake.add_user("Quản trị")
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=fixed_clock) as bot:
        first = await ask(fake, admin, "unit_add")
        first_text, first_buttons = first.text, first.button_texts
        name_question = await say(fake, admin, " SDL ")
        name_text, name_buttons = name_question.text, name_question.button_texts
        midway = await open_flows(bot)
        group_question = await say(fake, admin, "Sở   Du lịch")
        group_text, group_buttons = group_question.text, group_question.button_texts
        fake.press_button(admin, group_question.message_id, button_text="Sở, ban, ngành")
        preview = await edited_to(fake, admin, group_question, "Kiểm tra lại")
        preview_text, preview_buttons = preview.text, preview.button_texts
        before_confirm = await database_state(bot)
        fake.press_button(admin, group_question.message_id, button_text="Xác nhận")
        done = await edited_to(fake, admin, group_question, "Đã thêm")
        after = await database_state(bot)
        flows_left, audit = await open_flows(bot), await audit_actions(bot)
    assert first_text is not None
    assert first_text.startswith("Thêm đơn vị: /unit_add <mã> <nhóm> <tên đầy đủ>")
    assert first_text.endswith("Ví dụ: /unit_add sdl department Sở Du lịch\n\n"
                               "Hoặc làm lần lượt từng bước dưới đây; gõ /cancel để hủy bất cứ "
                               f"lúc nào.\n\n{CODE_QUESTION}")
    assert first_buttons == ["Hủy"]
    assert (name_text, name_buttons) == (NAME_QUESTION, ["Hủy"])
    assert midway == [(admin.id, "unit_add", "name", {"code": "sdl"})]
    assert (group_text, group_buttons) == (GROUP_QUESTION, GROUP_BUTTONS)
    assert preview_text == ("Bước 4/4. Kiểm tra lại trước khi lưu\n• Mã: sdl\n• Tên: Sở Du lịch\n"
                            "• Nhóm: Sở, ban, ngành\n"
                            "Bấm Xác nhận để thêm đơn vị, hoặc Hủy để bỏ.")
    assert preview_buttons == ["Xác nhận", "Hủy"]
    assert ("sdl", "Sở Du lịch", "department", True) not in before_confirm[0]
    assert before_confirm[1] == 0
    assert done.text == ONE_LINE_ADDED  # word for word what the one-line form answers
    assert done.button_texts == []
    assert ("sdl", "Sở Du lịch", "department", True) in after[0]
    assert audit == [("unit.add", "sdl", None, {"name": "Sở Du lịch", "group": "department"})]
    assert flows_left == []


async def test_a_wrong_answer_is_explained_and_the_same_question_asked_again(
    database_url: str
) -> None:
    fake = admin_chat_telegram()
    admin = fake.add_user("Quản trị")
    async with running_bot(fake, database_url, admin_ids=(admin.id,)) as bot:
        before = await database_state(bot)
        await ask(fake, admin, "unit_add")
        invalid = (await say(fake, admin, "sở dl")).text
        taken = (await say(fake, admin, "SYT")).text
        reserved = (await say(fake, admin, "all")).text
        right = (await say(fake, admin, "sdl")).text
        hidden = (await say(fake, admin, "Sở\u200bDu lịch")).text
        too_long = (await say(fake, admin, "Sở " + "Du lịch " * 37)).text
        group_question = await say(fake, admin, "Sở Du lịch")
        not_a_group = await say(fake, admin, "phòng")
        not_a_group_text, not_a_group_buttons = not_a_group.text, not_a_group.button_texts
        typed_group = await say(fake, admin, "huyện")
        typed_group_text = typed_group.text
        at_preview = await say(fake, admin, "đồng ý")
        at_preview_text, at_preview_buttons = at_preview.text, at_preview.button_texts
        fake.press_button(admin, at_preview.message_id, button_text="Xác nhận")
        await edited_to(fake, admin, at_preview, "Đã thêm")
        after = await database_state(bot)
    assert invalid == ("Mã đơn vị “sở dl” chưa hợp lệ: mã gồm 2–16 chữ cái thường không dấu hoặc "
                       "chữ số (ví dụ skhdt) và không trùng các từ all, departments, communes, "
                       f"districts, agencies.\n\n{CODE_QUESTION}")
    assert taken == f"Mã “syt” đã được dùng. Anh/chị vui lòng chọn mã khác.\n\n{CODE_QUESTION}"
    assert reserved is not None and reserved.startswith("Mã đơn vị “all” chưa hợp lệ")
    assert right == NAME_QUESTION
    assert hidden is not None and hidden.startswith(
        "Tên đơn vị chứa ký tự ẩn hoặc ký tự điều khiển")
    assert hidden.endswith(NAME_QUESTION)
    assert too_long is not None and too_long.startswith(
        "Tên đơn vị dài 298 ký tự, vượt quá giới hạn 256 ký tự")
    assert too_long.endswith(NAME_QUESTION)
    assert group_question.text == GROUP_QUESTION
    assert not_a_group_text is not None and not_a_group_text.startswith(
        "Nhóm đơn vị “phòng” chưa đúng")
    assert not_a_group_text.endswith(GROUP_QUESTION)
    assert not_a_group_buttons == GROUP_BUTTONS
    assert typed_group_text is not None and "• Nhóm: UBND cấp huyện" in typed_group_text
    assert at_preview_text is not None and at_preview_text.startswith(
        "Ở bước này anh/chị vui lòng bấm một nút bên dưới câu hỏi (hoặc gõ /cancel để hủy).\n\n"
        "Bước 4/4. Kiểm tra lại trước khi lưu")
    assert at_preview_buttons == ["Xác nhận", "Hủy"]
    assert after[0] == [*before[0], ("sdl", "Sở Du lịch", "district", True)]


async def test_cancel_by_command_or_button_ends_the_flow_and_stores_nothing(
    database_url: str
) -> None:
    fake = admin_chat_telegram()
    admin = fake.add_user("Quản trị")
    async with running_bot(fake, database_url, admin_ids=(admin.id,)) as bot:
        before = await database_state(bot)
        await ask(fake, admin, "unit_add")
        await say(fake, admin, "sdl")
        cancelled = await ask(fake, admin, "cancel")
        stray = await say(fake, admin, "Sở Du lịch")
        nothing = await ask(fake, admin, "cancel")
        started = await ask(fake, admin, "unit_edit")
        fake.press_button(admin, started.message_id, button_text="Hủy")
        by_button = await edited_to(fake, admin, started, "Đã hủy")
        by_button_buttons = by_button.button_texts
        flows_left, after = await open_flows(bot), await database_state(bot)
    assert cancelled.text == "Đã hủy /unit_add; chưa có gì được lưu."
    assert stray.text is not None and stray.text.startswith("Tôi chưa hiểu tin nhắn này.")
    assert nothing.text == "Không có thao tác nào đang làm dở để hủy."
    assert by_button.text == "Đã hủy /unit_edit; chưa có gì được lưu."
    assert by_button_buttons == []
    assert flows_left == []
    assert after == before


async def test_a_flow_left_unanswered_for_hours_expires_politely(database_url: str) -> None:
    fake = admin_chat_telegram()
    admin = fake.add_user("Quản trị")
    clock = MovableClock(NOW)
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=clock) as bot:
        before = await database_state(bot)
        await ask(fake, admin, "unit_add")
        clock.advance(FLOW_LIFETIME - timedelta(minutes=1))
        await say(fake, admin, "sdl")  # an answer just in time starts the count again
        clock.advance(FLOW_LIFETIME - timedelta(minutes=1))
        group_question = await say(fake, admin, "Sở Du lịch")
        clock.advance(FLOW_LIFETIME)
        on_button = await refused_tap(fake, admin, group_question.message_id,
                                      button_text="Sở, ban, ngành")
        after_button = await say(fake, admin, "department")
        await ask(fake, admin, "unit_add")
        await say(fake, admin, "sdl")
        clock.advance(timedelta(hours=5))
        typed = await say(fake, admin, "Sở Du lịch")
        typed_again = await say(fake, admin, "Sở Du lịch")
        flows_left, after = await open_flows(bot), await database_state(bot)
    assert on_button == ("Thao tác đã hết hạn vì lâu không có trả lời; chưa có gì được lưu. "
                         "Gõ /unit_add để bắt đầu lại.")
    assert fake.message(admin, group_question.message_id).edits == []
    assert after_button.text is not None and after_button.text.startswith("Tôi chưa hiểu")
    assert typed.text == ("Thao tác /unit_add đã hết hạn vì quá lâu không có trả lời nên đã được "
                          "hủy; chưa có gì được lưu. Gõ /unit_add để bắt đầu lại.")
    assert typed_again.text is not None and typed_again.text.startswith("Tôi chưa hiểu")
    assert flows_left == []
    assert after == before


async def test_an_admin_edits_a_unit_picked_from_pages_of_buttons_or_by_typing_its_code(
    database_url: str
) -> None:
    fake = admin_chat_telegram()
    admin = fake.add_user("Quản trị")
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=fixed_clock) as bot:
        picker = await ask(fake, admin, "unit_edit")
        picker_text, picker_buttons = picker.text, picker.button_texts
        fake.press_button(admin, picker.message_id, button_text="Sau ▶")
        page_two = await edited_to(fake, admin, picker, "trang 2/4")
        page_two_buttons = page_two.button_texts
        fake.press_button(admin, picker.message_id, button_text="syt · Sở Y tế")
        fields = await edited_to(fake, admin, picker, "Bước 2/4")
        fields_text, fields_buttons = fields.text, fields.button_texts
        fake.press_button(admin, picker.message_id, button_text="Sửa tên")
        value = await edited_to(fake, admin, picker, "Bước 3/4")
        value_text, value_buttons = value.text, value.button_texts
        preview = await say(fake, admin, "Sở Y tế tỉnh Trà Vinh")
        preview_text = preview.text
        fake.press_button(admin, preview.message_id, button_text="Xác nhận")
        renamed = await edited_to(fake, admin, preview, "Đã sửa")

        await ask(fake, admin, "unit_edit")
        by_code = await say(fake, admin, "BDT")
        fake.press_button(admin, by_code.message_id, button_text="Sửa nhóm")
        groups = await edited_to(fake, admin, by_code, "Bước 3/4")
        groups_text, groups_buttons = groups.text, groups.button_texts
        fake.press_button(admin, by_code.message_id, button_text="Cơ quan khác")
        group_preview = await edited_to(fake, admin, by_code, "Kiểm tra lại")
        group_preview_text = group_preview.text
        fake.press_button(admin, by_code.message_id, button_text="Xác nhận")
        regrouped = await edited_to(fake, admin, by_code, "Đã sửa")

        await ask(fake, admin, "unit_edit")
        unknown = (await say(fake, admin, "sytt")).text
        state, audit = await database_state(bot), await audit_actions(bot)
    assert picker_text is not None and picker_text.startswith(
        "Sửa đơn vị. Sửa nhanh bằng một dòng: /unit_edit <mã> name|group <giá trị mới>")
    assert picker_text.endswith(
        "Bước 1/4. Anh/chị chọn đơn vị cần sửa (trang 1/4), hoặc gõ mã đơn vị.")
    assert picker_buttons[:3] == ["vpubnd · Văn phòng Ủy ban nhân dân tỉnh", "snv · Sở Nội vụ",
                                  "stp · Sở Tư pháp"]
    assert picker_buttons[10:] == ["Sau ▶", "Hủy"]
    assert page_two_buttons[-3:] == ["◀ Trước", "Sau ▶", "Hủy"] and len(page_two_buttons) == 13
    assert fields_text == ("Bước 2/4. Đơn vị: Sở Y tế (mã syt), nhóm Sở, ban, ngành.\n"
                           "Anh/chị muốn sửa gì? (Mã đơn vị không đổi được: các hạn báo cáo chọn "
                           "đơn vị theo mã.)")
    assert fields_buttons == ["Sửa tên", "Sửa nhóm", "Hủy"]
    assert value_text == ("Bước 3/4. Tên hiện tại: Sở Y tế.\nAnh/chị gõ tên mới của đơn vị syt, "
                          "có dấu, tối đa 256 ký tự.")
    assert value_buttons == ["Hủy"]
    assert preview_text == ("Bước 4/4. Kiểm tra lại trước khi lưu\nĐơn vị: Sở Y tế (mã syt)\n"
                            "Sửa tên: Sở Y tế → Sở Y tế tỉnh Trà Vinh\n"
                            "Bấm Xác nhận để lưu, hoặc Hủy để bỏ.")
    # Word for word what the one-line /unit_edit answers.
    assert renamed.text == "✅ Đã sửa tên của đơn vị syt: Sở Y tế → Sở Y tế tỉnh Trà Vinh."
    assert groups_text == ("Bước 3/4. Ban Dân tộc tỉnh (mã bdt) đang thuộc nhóm Sở, ban, ngành.\n"
                           "Anh/chị chọn nhóm mới.")
    assert groups_buttons == GROUP_BUTTONS
    assert group_preview_text is not None
    assert "Sửa nhóm: Sở, ban, ngành → Cơ quan khác" in group_preview_text
    assert regrouped.text == "✅ Đã sửa nhóm của đơn vị bdt: Sở, ban, ngành → Cơ quan khác."
    assert unknown is not None and unknown.startswith(
        "Không tìm thấy đơn vị có mã “sytt”. Có phải anh/chị muốn nhập: ")
    assert unknown.endswith("Bước 1/4. Anh/chị chọn đơn vị cần sửa (trang 1/4), hoặc gõ mã đơn vị.")
    assert ("syt", "Sở Y tế tỉnh Trà Vinh", "department", True) in state[0]
    assert ("bdt", "Ban Dân tộc tỉnh", "agency", True) in state[0]
    assert audit == [
        ("unit.edit", "syt", {"name": "Sở Y tế"}, {"name": "Sở Y tế tỉnh Trà Vinh"}),
        ("unit.edit", "bdt", {"group": "department"}, {"group": "agency"}),
    ]


async def test_without_the_admin_role_no_flow_starts_and_no_flow_button_works(
    database_url: str
) -> None:
    fake = admin_chat_telegram()
    admin, stranger, officer = fake.add_user("Admin"), fake.add_user("Khách"), fake.add_user("Lan")
    async with running_bot(fake, database_url, admin_ids=(admin.id,)) as bot:
        await register_officer(bot, officer, "syt")
        admins_question = await ask(fake, admin, "unit_add")
        [admins_cancel] = admins_question.callback_data
        admins_flow = await open_flows(bot)
        before = await database_state(bot)
        answers: list[str | None] = []
        notices: list[str | None] = []
        for user in (stranger, officer):
            answers.append((await ask(fake, user, "unit_add")).text)
            answers.append((await ask(fake, user, "unit_edit")).text)
            answers.append((await say(fake, user, "sdl")).text)
            answers.append((await ask(fake, user, "cancel")).text)
            target = fake.bot_messages(user)[-1].message_id
            for data in (admins_cancel, admins_cancel.replace(":x", ":y"), "fl:1.0badc0de:y"):
                notices.append(await refused_tap(fake, user, target, data, force=True))
        after, flows_after = await database_state(bot), await open_flows(bot)
    for index in (0, 4):
        assert answers[index] == REFUSED.format(command="unit_add")
        assert answers[index + 1] == REFUSED.format(command="unit_edit")
        assert answers[index + 2] is not None and answers[index + 2].startswith("Tôi chưa hiểu")
        assert answers[index + 3] == "Không có thao tác nào đang làm dở để hủy."
    not_yours = "Nút này thuộc thao tác của người khác; không có gì thay đổi."
    assert notices == [not_yours, not_yours, FINISHED] * 2
    assert after == before
    assert flows_after == admins_flow == [(admin.id, "unit_add", "code", {})]


async def test_an_admin_who_loses_the_role_midway_cannot_finish_the_flow(
    database_url: str
) -> None:
    fake = admin_chat_telegram()
    admin, deputy = fake.add_user("Admin"), fake.add_user("Phó")
    async with running_bot(fake, database_url, admin_ids=(admin.id, deputy.id)) as bot:
        await ask(fake, deputy, "unit_add")
        await say(fake, deputy, "sdl")
        group_question = await say(fake, deputy, "Sở Du lịch")
        fake.press_button(deputy, group_question.message_id, button_text="Sở, ban, ngành")
        await edited_to(fake, deputy, group_question, "Kiểm tra lại")
        before = await database_state(bot)
        await ask(fake, admin, "revoke_admin", str(deputy.id))
        fake.press_button(deputy, group_question.message_id, button_text="Xác nhận")
        [refusal] = await fake.wait_for_bot_messages(deputy)
        after = await database_state(bot)
    assert refusal.text == REFUSED.format(command="unit_add")
    assert after[0] == before[0]


async def test_a_half_finished_flow_continues_after_the_bot_restarts(database_url: str) -> None:
    fake = admin_chat_telegram()
    admin = fake.add_user("Quản trị")
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=fixed_clock):
        await ask(fake, admin, "unit_add")
        await say(fake, admin, "sdl")
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=fixed_clock) as bot:
        group_question = await say(fake, admin, "Sở Du lịch")
        group_text = group_question.text
        fake.press_button(admin, group_question.message_id, button_text="Sở, ban, ngành")
        await edited_to(fake, admin, group_question, "Kiểm tra lại")
        fake.press_button(admin, group_question.message_id, button_text="Xác nhận")
        done = await edited_to(fake, admin, group_question, "Đã thêm")
        state = await database_state(bot)
    assert group_text == GROUP_QUESTION
    assert done.text == ONE_LINE_ADDED
    assert ("sdl", "Sở Du lịch", "department", True) in state[0]


async def test_buttons_of_a_finished_or_replaced_flow_change_nothing(database_url: str) -> None:
    fake = admin_chat_telegram()
    admin = fake.add_user("Quản trị")
    async with running_bot(fake, database_url, admin_ids=(admin.id,)) as bot:
        first = await ask(fake, admin, "unit_add")
        await say(fake, admin, "sdl")
        group_question = await say(fake, admin, "Sở Du lịch")
        fake.press_button(admin, group_question.message_id, button_text="Sở, ban, ngành")
        preview = await edited_to(fake, admin, group_question, "Kiểm tra lại")
        [confirm, _] = preview.callback_data
        # Two quick taps on Confirm: the unit is added once, the other tap is refused.
        answered = len(fake.callback_answers)
        fake.press_button(admin, group_question.message_id, confirm)
        fake.press_button(admin, group_question.message_id, confirm)
        await edited_to(fake, admin, group_question, "Đã thêm")
        await fake.wait_for(lambda: len(fake.callback_answers) == answered + 2,
                            what="both taps answered")
        double_tap_notices = [answer.text for answer in fake.callback_answers[answered:]]
        added = await database_state(bot)
        confirm_again = await refused_tap(fake, admin, group_question.message_id, confirm,
                                          force=True)
        old_cancel = await refused_tap(fake, admin, first.message_id, button_text="Hủy")
        replaced = await ask(fake, admin, "unit_add")
        replacing = await ask(fake, admin, "unit_add")
        replaced_cancel = await refused_tap(fake, admin, replaced.message_id, button_text="Hủy")
        still_open = await open_flows(bot)
        continued = await say(fake, admin, "sdl2")
        after = await database_state(bot)
    assert added[1] == 1  # one audit entry: one unit added
    assert double_tap_notices.count(None) == 1
    assert [n for n in double_tap_notices if n] in ([FINISHED], [STEP_PASSED])
    assert confirm_again == old_cancel == replaced_cancel == FINISHED
    assert replacing.callback_data != replaced.callback_data
    assert still_open == [(admin.id, "unit_add", "code", {})]
    assert continued.text is not None and continued.text.startswith("Bước 2/4. Mã: sdl2.")
    assert after == added
