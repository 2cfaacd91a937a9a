"""Registration end to end: invites and deep links, access requests, roles in menus, audit."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import func, select

from db.models import AuditEntry, Invite, Membership, Person
from tests.e2e.harness import RunningBot, running_bot
from tests.fake_telegram import FakeTelegram, FakeUser, RateLimits

TOKEN_IN_LINK = re.compile(r"https://t\.me/(\w+)\?start=([A-Za-z0-9_-]+)")


async def create_invite(fake: FakeTelegram, admin: FakeUser, *args: str) -> str:
    fake.send_command(admin, "invite", *args)
    [answer] = await fake.wait_for_bot_messages(admin)
    match = TOKEN_IN_LINK.search(answer.text)
    assert match is not None, answer.text
    assert match[1] == fake.bot.username
    return match[2]


async def count(bot: RunningBot, model: type) -> int:
    return await bot.deps.database.run(lambda s: s.scalar(select(func.count()).select_from(model)))


async def test_an_officer_registers_with_the_deep_link_and_admins_are_told(
    database_url: str
) -> None:
    fake = FakeTelegram()
    admin, lan = fake.add_user("Quản trị"), fake.add_user("Lan", username="lan_syt")
    async with running_bot(fake, database_url, admin_ids=(admin.id,)) as bot:
        token = await create_invite(fake, admin, "syt")
        assert len(token) >= 22  # at least 128 bits
        fake.send_command(lan, "start", token)
        [confirmation] = await fake.wait_for_bot_messages(lan)
        [notice] = await fake.wait_for_bot_messages(admin)
        fake.send_command(lan, "whoami")
        [profile] = await fake.wait_for_bot_messages(lan)
        audit = await bot.deps.database.run(
            lambda s: [e.action for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))])
    assert "Đăng ký thành công" in confirmation.text
    assert "cán bộ phụ trách báo cáo của Sở Y tế" in confirmation.text
    assert notice.text == "🔔 Lan đã đăng ký: cán bộ phụ trách báo cáo của Sở Y tế."
    assert "cán bộ phụ trách báo cáo của Sở Y tế" in profile.text
    assert [c["command"] for c in fake.visible_commands(lan, lan)] == [
        "start", "help", "whoami", "leave", "status", "history", "web"]
    assert audit == ["invite.create", "person.register"]


async def test_heads_and_office_staff_register_with_their_own_invites(database_url: str) -> None:
    fake = FakeTelegram()
    admin, head, clerk = fake.add_user("Admin"), fake.add_user("Hùng"), fake.add_user("Mai")
    async with running_bot(fake, database_url, admin_ids=(admin.id,)) as bot:
        head_token = await create_invite(fake, admin, "SKHĐT", "head")  # typed with diacritics
        office_token = await create_invite(fake, admin, "office")
        fake.send_command(head, "start", head_token)
        fake.send_command(clerk, "start", office_token)
        [head_ok] = await fake.wait_for_bot_messages(head)
        [clerk_ok] = await fake.wait_for_bot_messages(clerk)
        heads = await bot.deps.database.run(
            lambda s: s.scalars(select(Membership.is_head)).all())
    assert "lãnh đạo Sở Kế hoạch và Đầu tư" in head_ok.text
    assert "Văn phòng UBND tỉnh" in clerk_ok.text
    assert heads == [True]


async def test_used_revoked_expired_and_malformed_tokens_are_refused(database_url: str) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())  # many answers in one chat
    admin, first, second = fake.add_user("Admin"), fake.add_user("An"), fake.add_user("Ba")
    async with running_bot(fake, database_url, admin_ids=(admin.id,)) as bot:
        used = await create_invite(fake, admin, "stp")
        revoked = await create_invite(fake, admin, "stp")
        expired = await create_invite(fake, admin, "stp")
        await bot.deps.database.run(lambda s: s.execute(
            Invite.__table__.update().where(Invite.id == 3)
            .values(expires_at=bot.deps.clock() - timedelta(minutes=1))))
        fake.send_command(admin, "revoke_invite", "2")
        await fake.wait_for_bot_messages(admin)
        fake.send_command(first, "start", used)
        await fake.wait_for_bot_messages(first)
        answers = []
        for token in (used, revoked, expired, "not a token!", "A" * 40):
            fake.send_command(second, "start", token)
            answers.append((await fake.wait_for_bot_messages(second))[0].text)
        members = await count(bot, Membership)
    assert answers == [
        "Đường dẫn đăng ký này đã được sử dụng. Vui lòng xin Văn phòng UBND tỉnh cấp "
        "đường dẫn mới.",
        "Đường dẫn đăng ký này đã bị thu hồi. Vui lòng liên hệ Văn phòng UBND tỉnh.",
        "Đường dẫn đăng ký đã hết hạn. Vui lòng xin Văn phòng UBND tỉnh cấp đường dẫn mới.",
        "Mã đăng ký không đúng định dạng. Vui lòng mở lại đúng đường dẫn đã được gửi.",
        "Mã đăng ký không đúng. Vui lòng kiểm tra lại đường dẫn hoặc xin Văn phòng UBND tỉnh "
        "cấp mã mới.",
    ]
    assert members == 1


async def test_a_second_registration_for_the_same_unit_changes_nothing(database_url: str) -> None:
    fake = FakeTelegram()
    admin, lan = fake.add_user("Admin"), fake.add_user("Lan")
    async with running_bot(fake, database_url, admin_ids=(admin.id,)) as bot:
        tokens = [await create_invite(fake, admin, "syt") for _ in range(2)]
        for token in tokens:
            fake.send_command(lan, "start", token)
            await fake.wait_for_bot_messages(lan)
        [notice] = await fake.wait_for_bot_messages(admin)  # only the first registration
        uses = await bot.deps.database.run(
            lambda s: s.scalars(select(Invite.uses).order_by(Invite.id)).all())
        answer = fake.bot_messages(lan)[-1]
    assert answer.text == "Anh/chị đã được đăng ký cho Sở Y tế từ trước; không có gì thay đổi."
    assert list(uses) == [1, 0]  # the second link stays usable for someone else
    assert "Lan đã đăng ký" in notice.text


async def test_start_without_invite_asks_admins_who_place_the_person_from_buttons(
    database_url: str
) -> None:
    fake = FakeTelegram()
    admin, tam = fake.add_user("Admin"), fake.add_user("Tâm", username="tam_tv")
    async with running_bot(fake, database_url, admin_ids=(admin.id,)) as bot:
        fake.send_command(tam, "start")
        greeting, explanation = await fake.wait_for_bot_messages(tam, count=2)
        [request] = await fake.wait_for_bot_messages(admin)
        request_text, request_buttons = request.text, request.button_texts
        fake.send_command(tam, "start")  # asking twice does not bother the admins again
        await fake.wait_for_bot_messages(tam, count=2)
        fake.press_button(admin, request.message_id, "acc:1:p:1")
        await fake.wait_for(lambda: fake.message(admin, request.message_id).edits)
        page_one = fake.message(admin, request.message_id)
        page_one_text, page_one_buttons = page_one.text, page_one.button_texts
        fake.press_button(admin, request.message_id, "acc:1:p:2")
        await fake.wait_for(lambda: len(fake.message(admin, request.message_id).edits) == 2)
        page_two_buttons = fake.message(admin, request.message_id).button_texts
        fake.press_button(admin, request.message_id, "acc:1:u:syt")
        [welcome] = await fake.wait_for_bot_messages(tam)
        members = await bot.deps.database.run(
            lambda s: s.scalars(select(Person.full_name).join(
                Membership, Membership.person_id == Person.id)).all())
    assert greeting.text.startswith("Kính chào")
    assert "cần đường dẫn đăng ký" in explanation.text
    assert "Tâm @tam_tv (id" in request_text
    assert request_buttons == ["Chọn đơn vị", "Từ chối"]
    assert page_one_text == "Chọn đơn vị cho yêu cầu #1 (trang 1/4):"
    assert "Sau ▶" in page_one_buttons and "◀ Trước" not in page_one_buttons
    assert "◀ Trước" in page_two_buttons and "Sau ▶" in page_two_buttons
    assert "cán bộ phụ trách báo cáo của Sở Y tế" in welcome.text
    assert list(members) == ["Tâm"]
    assert fake.message(admin, request.message_id).text.startswith("✅ Yêu cầu #1")
