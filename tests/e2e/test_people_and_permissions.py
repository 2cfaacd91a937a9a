"""Roles are enforced on every admin command; people leave, are removed, become admins."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import func, select

from db.models import AuditEntry, Invite, Membership, Person
from tests.e2e.harness import RunningBot, running_bot
from tests.e2e.test_registration import create_invite
from tests.fake_telegram import FakeTelegram, FakeUser, RateLimits

ADMIN_COMMANDS = [("invite", "syt"), ("invite", "office"), ("invites",), ("revoke_invite", "1"),
                  ("people",), ("remove", "1001"), ("grant_admin", "1002"),
                  ("revoke_admin", "1001")]


async def register(fake: FakeTelegram, admin: FakeUser, person: FakeUser, *args: str) -> None:
    fake.send_command(person, "start", await create_invite(fake, admin, *args))
    await fake.wait_for_bot_messages(person)
    await fake.wait_for_bot_messages(admin)  # the registration notice


async def snapshot(bot: RunningBot) -> tuple[object, ...]:
    def read(s: object) -> tuple[object, ...]:
        session = s  # type: ignore[assignment]
        return (
            session.scalar(select(func.count()).select_from(AuditEntry)),  # type: ignore[attr-defined]
            sorted(session.execute(select(Membership.person_id, Membership.unit_id,  # type: ignore[attr-defined]
                                          Membership.is_head)).all()),
            sorted(session.execute(select(Person.telegram_user_id, Person.is_admin,  # type: ignore[attr-defined]
                                          Person.is_office)).all()),
            session.scalar(select(func.count()).select_from(Invite)),  # type: ignore[attr-defined]
        )
    return await bot.deps.database.run(read)


@pytest.mark.parametrize("role", ["plain user", "officer", "office"])
async def test_admin_commands_are_refused_politely_and_change_nothing(
    database_url: str, role: str
) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())  # many answers in one chat
    admin, person = fake.add_user("Admin"), fake.add_user("Người dùng")
    async with running_bot(fake, database_url, admin_ids=(admin.id,)) as bot:
        await create_invite(fake, admin, "stp")  # invite #1 exists
        if role == "officer":
            await register(fake, admin, person, "syt")
        elif role == "office":
            await register(fake, admin, person, "office")
        fake.send_command(person, "help")  # the bot now knows them, whatever their role
        await fake.wait_for_bot_messages(person)
        before = await snapshot(bot)
        for command, *args in ADMIN_COMMANDS:
            fake.send_command(person, command, *args)
            [answer] = await fake.wait_for_bot_messages(person)
            assert answer.text.startswith(
                f"Xin lỗi, lệnh /{command} chỉ dành cho quản trị viên."), answer.text
        after = await snapshot(bot)
    assert after == before
    assert "invite" not in {c["command"] for c in fake.visible_commands(person, person)}


async def test_a_forged_approval_button_is_refused(database_url: str) -> None:
    fake = FakeTelegram()
    admin, asker, intruder = fake.add_user("Admin"), fake.add_user("Hỏi"), fake.add_user("Kẻ lạ")
    async with running_bot(fake, database_url, admin_ids=(admin.id,)) as bot:
        fake.send_command(asker, "start")
        await fake.wait_for_bot_messages(asker, count=2)
        [request] = await fake.wait_for_bot_messages(admin)
        fake.send_command(intruder, "help")
        [help_message] = await fake.wait_for_bot_messages(intruder)
        before = await snapshot(bot)
        fake.press_button(intruder, help_message.message_id, "acc:1:u:syt", force=True)
        [refusal] = await fake.wait_for_bot_messages(intruder)
        after = await snapshot(bot)
    assert refusal.text.startswith("Xin lỗi, lệnh /invite chỉ dành cho quản trị viên.")
    assert after == before
    assert not fake.message(admin, request.message_id).edits


async def test_an_officer_serving_two_units_leaves_one_of_them(database_url: str) -> None:
    fake = FakeTelegram()
    admin, lan = fake.add_user("Admin"), fake.add_user("Lan")
    async with running_bot(fake, database_url, admin_ids=(admin.id,)) as bot:
        await register(fake, admin, lan, "syt")
        await register(fake, admin, lan, "stp")
        fake.send_command(lan, "leave")
        [ask] = await fake.wait_for_bot_messages(lan)
        fake.send_command(lan, "leave", "syt")
        [left] = await fake.wait_for_bot_messages(lan)
        fake.send_command(lan, "leave", "syt")
        [again] = await fake.wait_for_bot_messages(lan)
        units = await bot.deps.database.run(lambda s: s.scalars(select(Membership.unit_id)).all())
    assert "Cách dùng: /leave &lt;mã đơn vị&gt;" not in ask.text
    assert ask.text.startswith("Lệnh chưa đúng cú pháp. Cách dùng: /leave <mã đơn vị>")
    assert left.text == "Anh/chị đã thôi nhận nhắc hạn của đơn vị syt."
    assert again.text == "Anh/chị không phụ trách đơn vị syt."
    assert len(units) == 1


async def test_admins_list_remove_and_grant(database_url: str) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())  # many answers in one chat
    admin = fake.add_user("Admin")
    lan, binh = fake.add_user("Lan", username="lan_syt"), fake.add_user("Bình")
    async with running_bot(fake, database_url, admin_ids=(admin.id,)) as bot:
        await register(fake, admin, lan, "syt", "head")
        await register(fake, admin, binh, "syt")
        fake.send_command(admin, "people", "syt")
        [listing] = await fake.wait_for_bot_messages(admin)
        fake.send_command(admin, "remove", "@lan_syt")
        [removed] = await fake.wait_for_bot_messages(admin)
        [notice] = await fake.wait_for_bot_messages(lan)
        fake.send_command(admin, "grant_admin", str(binh.id))
        [granted] = await fake.wait_for_bot_messages(admin)
        fake.send_command(binh, "invites")
        [binh_invites] = await fake.wait_for_bot_messages(binh)
        fake.send_command(binh, "revoke_admin", str(admin.id))
        await fake.wait_for_bot_messages(binh)
        fake.send_command(binh, "revoke_admin", str(binh.id))
        [last] = await fake.wait_for_bot_messages(binh)
        actions = await bot.deps.database.run(
            lambda s: s.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all())
    assert listing.text.splitlines()[0] == "Cán bộ đã đăng ký (2)"
    assert "Lan @lan_syt" in listing.text and "★ syt" in listing.text
    assert removed.text == "Đã gỡ mọi vai trò của Lan. Lịch sử vẫn được lưu."
    assert "gỡ vai trò" in notice.text
    assert granted.text == "Đã cấp quyền quản trị cho Bình."
    assert binh_invites.text == "Không có đường dẫn đăng ký nào còn hiệu lực."
    assert last.text == "Bình là quản trị viên cuối cùng; hãy cấp quyền cho người khác trước."
    assert "invite" in {c["command"] for c in fake.visible_commands(binh, binh)}
    assert list(actions)[-3:] == ["person.remove", "admin.grant", "admin.revoke"]


async def test_anonymous_group_admins_are_asked_to_write_as_themselves(database_url: str) -> None:
    fake = FakeTelegram()
    group = fake.add_group("Tổ báo cáo")
    anonymous = {"id": 1087968824, "is_bot": True, "first_name": "Group",
                 "username": "GroupAnonymousBot"}
    chat = {"id": group.id, "type": "group", "title": "Tổ báo cáo"}
    async with running_bot(fake, database_url) as bot:
        fake.inject_update("message", {
            "message_id": 1, "date": int(time.time()), "chat": chat, "from": anonymous,
            "sender_chat": chat, "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}]})
        [answer] = await fake.wait_for_bot_messages(group)
        people = await bot.deps.database.run(
            lambda s: s.scalar(select(func.count()).select_from(Person)))
    assert answer.text.startswith("Tôi chỉ làm việc với tài khoản cá nhân.")
    assert people == 0
