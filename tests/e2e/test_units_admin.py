"""The admin's unit commands and /audit, end to end through the fake Bot API on both databases."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import AuditEntry, Membership, Person, Unit
from tests.e2e.harness import RunningBot, running_bot
from tests.fake_telegram import FakeTelegram, FakeUser, RateLimits
from tests.fake_telegram.models import LoggedMessage

NOW = datetime(2025, 3, 10, 2, 30, tzinfo=UTC)  # 09:30 in Trà Vinh


def fixed_clock() -> datetime:
    return NOW


def admin_chat_telegram() -> FakeTelegram:
    """The fake Bot API without flood limits: an admin typing a dozen commands in a test would
    otherwise wait out Telegram's 1 message/s per chat (pacing is tested in test_resilience)."""
    return FakeTelegram(rate_limits=RateLimits.off())


State = tuple[list[tuple[str, str, str, bool]], int, int]


async def database_state(bot: RunningBot) -> State:
    """Every unit as stored, and how many audit entries and memberships there are."""
    def read(session: Session) -> State:
        units = [(u.code, u.name, u.unit_group, u.active)
                 for u in session.scalars(select(Unit).order_by(Unit.id))]
        return (units, session.scalar(select(func.count(AuditEntry.id))) or 0,
                session.scalar(select(func.count(Membership.id))) or 0)
    return await bot.deps.database.run(read)


async def stored_unit(bot: RunningBot, code: str) -> tuple[str, str, bool] | None:
    unit = await bot.deps.database.run(
        lambda s: s.scalars(select(Unit).where(Unit.code == code)).one_or_none())
    return None if unit is None else (unit.name, unit.unit_group, unit.active)


async def register_officer(bot: RunningBot, user: FakeUser, code: str) -> None:
    """Make `user` a registered officer of the unit `code`, as an accepted invite would."""
    def work(session: Session) -> None:
        person = Person(telegram_user_id=user.id, full_name=user.first_name, created_at=NOW)
        session.add(person)
        session.flush()
        unit_id = session.scalars(select(Unit.id).where(Unit.code == code)).one()
        session.add(Membership(person_id=person.id, unit_id=unit_id, created_at=NOW))
    await bot.deps.database.run(work)


async def ask(fake: FakeTelegram, user: FakeUser, command: str, *args: str) -> LoggedMessage:
    fake.send_command(user, command, *args)
    [answer] = await fake.wait_for_bot_messages(user)
    return answer


async def edited_to(fake: FakeTelegram, user: FakeUser, message: LoggedMessage,
                    words: str) -> LoggedMessage:
    """The message once the bot has edited it to contain `words`."""
    def current() -> LoggedMessage | None:
        now = fake.message(user, message.message_id)
        return now if words in (now.text or "") else None
    found: LoggedMessage = await fake.wait_for(current, what=f"an edit showing {words!r}")
    return found


async def test_an_admin_pages_through_every_unit_with_the_next_and_previous_buttons(
    database_url: str
) -> None:
    fake = admin_chat_telegram()
    admin = fake.add_user("Quản trị")
    async with running_bot(fake, database_url, admin_ids=(admin.id,)):
        first = await ask(fake, admin, "units")
        first_text, first_buttons = first.text, first.button_texts
        fake.press_button(admin, first.message_id, button_text="Sau ▶")
        second = await edited_to(fake, admin, first, "trang 2/3")
        second_text, second_buttons = second.text, second.button_texts
        fake.press_button(admin, first.message_id, "units:p:3")
        third = await edited_to(fake, admin, first, "trang 3/3")
        third_text, third_buttons = third.text, third.button_texts
        fake.press_button(admin, first.message_id, button_text="◀ Trước")
        await edited_to(fake, admin, first, "trang 2/3")
    assert first_text is not None and second_text is not None and third_text is not None
    assert first_text.startswith("Đơn vị báo cáo (trang 1/3)\n38 đơn vị, 38 đang theo dõi; "
                                 "38 đơn vị chưa có ai đăng ký (⚠️).")
    assert "• vpubnd Văn phòng Ủy ban nhân dân tỉnh — ⚠️ chưa có ai đăng ký" in first_text
    assert first_buttons == ["Sau ▶"]
    assert second_buttons == ["◀ Trước", "Sau ▶"]
    assert third_buttons == ["◀ Trước"]
    shown = [line.split()[1] for text in (first_text, second_text, third_text)
             for line in text.splitlines() if line.startswith("• ")]
    assert len(shown) == len(set(shown)) == 38
    assert "UBND cấp huyện" in second_text and "Cơ quan khác" in third_text
    assert len(fake.callback_answers) == 3


async def test_an_admin_adds_edits_and_disables_a_unit_and_the_audit_log_shows_it(
    database_url: str
) -> None:
    fake = admin_chat_telegram()
    admin, lan = fake.add_user("Quản trị"), fake.add_user("Lan")
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=fixed_clock) as bot:
        added = await ask(fake, admin, "unit_add", "sdl", "sở", "Sở", "Du", "lịch")
        renamed = await ask(fake, admin, "unit_edit", "SDL", "tên", "Sở Du lịch tỉnh Trà Vinh")
        regrouped = await ask(fake, admin, "unit_edit", "sdl", "group", "agency")
        await register_officer(bot, lan, "sdl")
        question = await ask(fake, admin, "unit_disable", "sdl")
        question_text, question_buttons = question.text, question.button_texts
        fake.press_button(admin, question.message_id, button_text="Có, ngừng theo dõi")
        done = await edited_to(fake, admin, question, "Đã ngừng theo dõi")
        after_disable = await stored_unit(bot, "sdl")
        log = await ask(fake, admin, "audit")
        latest_two = await ask(fake, admin, "audit", "2")
        listing = await ask(fake, admin, "units", "3")
        state = await database_state(bot)
    assert added.text == ("✅ Đã thêm Sở Du lịch (mã sdl, nhóm Sở, ban, ngành).\n"
                          "Tạo đường dẫn đăng ký cho đơn vị bằng /invite sdl.")
    assert renamed.text == ("✅ Đã sửa tên của đơn vị sdl: Sở Du lịch → "
                            "Sở Du lịch tỉnh Trà Vinh.")
    assert regrouped.text == ("✅ Đã sửa nhóm của đơn vị sdl: Sở, ban, ngành → Cơ quan khác.")
    assert question_text is not None and "1 cán bộ đã đăng ký" in question_text
    assert question_buttons == ["Có, ngừng theo dõi", "Không"]
    assert done.text == ("Đã ngừng theo dõi Sở Du lịch tỉnh Trà Vinh (mã sdl). "
                         "Cán bộ và lịch sử vẫn được giữ.")
    assert after_disable == ("Sở Du lịch tỉnh Trà Vinh", "agency", False)
    assert state[2] == 1  # Lan still serves the disabled unit
    assert log.text is not None
    assert log.text.splitlines() == [
        "Nhật ký thay đổi (4 mục mới nhất)",
        "10/03/2025 09:30 · Quản trị · ngừng theo dõi đơn vị · sdl: đang theo dõi: có → không",
        "10/03/2025 09:30 · Quản trị · sửa đơn vị · sdl: nhóm: Sở, ban, ngành → Cơ quan khác",
        "10/03/2025 09:30 · Quản trị · sửa đơn vị · sdl: tên: Sở Du lịch → "
        "Sở Du lịch tỉnh Trà Vinh",
        "10/03/2025 09:30 · Quản trị · thêm đơn vị · sdl: tên: Sở Du lịch, nhóm: Sở, ban, ngành",
    ]
    assert latest_two.text is not None
    assert latest_two.text.splitlines()[0] == "Nhật ký thay đổi (2 mục mới nhất)"
    assert latest_two.text.splitlines()[1:] == log.text.splitlines()[1:3]
    assert "• sdl Sở Du lịch tỉnh Trà Vinh — 1 cán bộ (đã ngừng theo dõi)" in (listing.text or "")


async def test_no_keeps_the_unit_and_the_undo_button_enables_a_disabled_unit_again(
    database_url: str
) -> None:
    fake = admin_chat_telegram()
    admin = fake.add_user("Quản trị")
    async with running_bot(fake, database_url, admin_ids=(admin.id,)) as bot:
        question = await ask(fake, admin, "unit_disable", "bdt")
        fake.press_button(admin, question.message_id, button_text="Không")
        await edited_to(fake, admin, question, "Đã huỷ")
        kept = await stored_unit(bot, "bdt")
        again = await ask(fake, admin, "unit_disable", "bdt")
        fake.press_button(admin, again.message_id, "units:d:bdt")
        disabled = await edited_to(fake, admin, again, "Đã ngừng theo dõi")
        undo_buttons = disabled.button_texts
        fake.press_button(admin, again.message_id, button_text="↩ Bật lại")
        enabled = await edited_to(fake, admin, again, "Đã bật lại")
        state = await database_state(bot)
    assert kept == ("Ban Dân tộc tỉnh", "department", True)
    assert undo_buttons == ["↩ Bật lại"]
    assert enabled.text == "✅ Đã bật lại Ban Dân tộc tỉnh (mã bdt)."
    assert enabled.button_texts == []
    assert ("bdt", "Ban Dân tộc tỉnh", "department", True) in state[0]
    assert state[1] == 2  # disable and enable are both in the audit log


async def test_without_the_admin_role_every_unit_command_and_button_is_refused_politely(
    database_url: str
) -> None:
    fake = admin_chat_telegram()
    admin, stranger, officer = fake.add_user("Admin"), fake.add_user("Khách"), fake.add_user("Lan")
    attempts = [("units",), ("units", "2"), ("unit_add", "sdl", "department", "Sở Du lịch"),
                ("unit_add",), ("unit_edit", "syt", "name", "Sở Y tế mới"),
                ("unit_disable", "syt"), ("audit",), ("audit", "abc")]
    forged = ["units:p:2", "units:d:syt", "units:n:syt", "units:e:syt", "units:zzz"]
    async with running_bot(fake, database_url, admin_ids=(admin.id,)) as bot:
        await register_officer(bot, officer, "syt")
        before = await database_state(bot)
        answers: list[str | None] = []
        for user in (stranger, officer):
            for command, *args in attempts:
                answers.append((await ask(fake, user, command, *args)).text)
            target = fake.bot_messages(user)[-1].message_id
            for data in forged:
                fake.press_button(user, target, data, force=True)
                [refusal] = await fake.wait_for_bot_messages(user)
                answers.append(refusal.text)
        after = await database_state(bot)
    assert len(answers) == 2 * (len(attempts) + len(forged))
    for answer in answers:
        assert answer is not None and answer.startswith("Xin lỗi, lệnh /"), answer
        assert answer.endswith("chỉ dành cho quản trị viên. Không có gì bị thay đổi.")
    assert after == before
    assert not fake.bot_messages(admin)
    assert len(fake.callback_answers) == 2 * len(forged)


async def test_bad_input_gets_a_clear_vietnamese_answer_and_changes_nothing(
    database_url: str
) -> None:
    fake = admin_chat_telegram()
    admin = fake.add_user("Quản trị")
    long_name = "Sở " + "Du lịch " * 37  # 300 characters with the spaces
    async with running_bot(fake, database_url, admin_ids=(admin.id,)) as bot:
        before = await database_state(bot)
        answers = [
            (await ask(fake, admin, "unit_edit", "sytt", "name", "Sở Y tế mới")).text,
            (await ask(fake, admin, "unit_add", "syt", "department", "Sở Y tế 2")).text,
            (await ask(fake, admin, "unit_add", "sdl", "phong", "Sở Du lịch")).text,
            (await ask(fake, admin, "unit_add", "sdl", "department")).text,
            (await ask(fake, admin, "unit_add", "sdl", "department", long_name.strip())).text,
            (await ask(fake, admin, "unit_add", "sởdl", "department", "Sở Du lịch")).text,
            (await ask(fake, admin, "unit_edit", "syt", "color", "red")).text,
            (await ask(fake, admin, "audit", "0")).text,
            (await ask(fake, admin, "audit", "101")).text,
            (await ask(fake, admin, "audit", "²")).text,
            (await ask(fake, admin, "units", "²")).text,
        ]
        fake.send_text(admin, "/unit_add sdl department Sở Du\nlịch")
        [line_break] = await fake.wait_for_bot_messages(admin)
        fake.send_text(admin, "/unit_edit syt name Sở\u200bY tế")
        [zero_width] = await fake.wait_for_bot_messages(admin)
        after = await database_state(bot)
    assert answers[0] is not None and answers[0].startswith(
        "Không tìm thấy đơn vị có mã “sytt”. Có phải anh/chị muốn nhập: ")
    assert "syt" in answers[0]
    assert answers[1] == "Mã “syt” đã được dùng. Anh/chị vui lòng chọn mã khác."
    assert answers[2] is not None and answers[2].startswith(
        "Nhóm đơn vị “phong” chưa đúng; chưa có gì bị thay đổi.")
    assert answers[3] == ("Lệnh chưa đúng cú pháp. Cách dùng: /unit_add <mã> <nhóm> <tên đơn vị>,"
                          " ví dụ: /unit_add sdl department Sở Du lịch")
    assert answers[4] is not None and answers[4].startswith(
        f"Tên đơn vị dài {len(long_name.strip())} ký tự, vượt quá giới hạn 256 ký tự")
    assert answers[5] is not None and answers[5].startswith("Mã đơn vị “sởdl” chưa hợp lệ")
    assert answers[6] is not None and answers[6].startswith("Lệnh chưa đúng cú pháp.")
    for usage in answers[7:10]:
        assert usage is not None and "Cách dùng: /audit [số mục, 1–100]" in usage
    assert answers[10] == ("Lệnh chưa đúng cú pháp. Cách dùng: /units [unregistered] [trang], "
                           "ví dụ: /units unregistered")
    for refused in (line_break, zero_width):
        assert refused.text is not None
        assert refused.text.startswith("Tên đơn vị chứa ký tự ẩn hoặc ký tự điều khiển")
    assert after == before


async def test_unit_add_alone_explains_the_form_with_an_example(database_url: str) -> None:
    fake = admin_chat_telegram()
    admin = fake.add_user("Quản trị")
    async with running_bot(fake, database_url, admin_ids=(admin.id,)):
        answer = await ask(fake, admin, "unit_add")
    assert answer.text is not None
    assert answer.text.startswith("Thêm đơn vị: /unit_add <mã> <nhóm> <tên đầy đủ>")
    assert "Ví dụ: /unit_add sdl department Sở Du lịch" in answer.text


async def test_stale_or_forged_buttons_of_an_admin_act_on_nothing_unexpected(
    database_url: str
) -> None:
    fake = admin_chat_telegram()
    admin = fake.add_user("Quản trị")
    async with running_bot(fake, database_url, admin_ids=(admin.id,)) as bot:
        question = await ask(fake, admin, "unit_disable", "bdt")
        fake.press_button(admin, question.message_id, "units:d:bdt")
        await edited_to(fake, admin, question, "Đã ngừng theo dõi")
        before = await database_state(bot)
        answers = []
        for data in ["units:d:bdt", "units:d:khongco", "units:d:ALL", "units:x:bdt"]:
            fake.press_button(admin, question.message_id, data, force=True)
            [answer] = await fake.wait_for_bot_messages(admin)
            answers.append(answer.text)
        disable_again = await ask(fake, admin, "unit_disable", "bdt")
        after = await database_state(bot)
    assert answers[0] == ("Ban Dân tộc tỉnh (mã bdt) đã ngừng theo dõi từ trước; "
                          "không có gì thay đổi.")
    assert answers[1] is not None and answers[1].startswith("Không tìm thấy đơn vị có mã “khongco”")
    assert answers[2] is not None and answers[2].startswith("Nút này đã cũ hoặc không hợp lệ")
    assert answers[3] == answers[2]
    assert disable_again.text == answers[0]
    assert after == before
