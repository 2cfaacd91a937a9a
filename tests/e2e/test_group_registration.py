"""Group chats end to end: group invites, registering a group for a unit or the office, the bot
removed from a group, a group upgraded to a supergroup, /groups, and groups kept quiet."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from datetime import timedelta
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import group_chats, units
from db.models import AuditEntry, GroupChat, Invite, Membership, Unit
from tests.e2e.harness import RunningBot, running_bot
from tests.e2e.test_registration import create_invite
from tests.fake_telegram import FakeChat, FakeTelegram, FakeUser, RateLimits

GROUP_LINK = re.compile(r"https://t\.me/(\w+)\?startgroup=([A-Za-z0-9_-]+)")
T = TypeVar("T")


async def create_group_invite(fake: FakeTelegram, admin: FakeUser, *args: str) -> str:
    fake.send_command(admin, "invite", *args, "group")
    [answer] = await fake.wait_for_bot_messages(admin)
    match = GROUP_LINK.search(answer.text)
    assert match is not None, answer.text
    assert match[1] == fake.bot.username
    return match[2]


async def register_group(fake: FakeTelegram, admin: FakeUser, member: FakeUser, group: FakeChat,
                         *args: str) -> str:
    """Register the group with a new group invite; return the (now used) token."""
    token = await create_group_invite(fake, admin, *args)
    fake.start_bot_in_group(group, member, token)
    await fake.wait_for_bot_messages(group)  # the confirmation
    await fake.wait_for_bot_messages(admin)  # the admins' notice
    return token


def stored_groups(session: Session) -> list[tuple[int, str, str | None, bool, bool]]:
    rows = session.execute(
        select(GroupChat, Unit).outerjoin(Unit, Unit.id == GroupChat.unit_id)
        .order_by(GroupChat.id))
    return [(g.telegram_chat_id, g.title, u.code if u else None, g.is_office,
             g.unreachable_since is None) for g, u in rows]


async def eventually(bot: RunningBot, read: Callable[[Session], T], timeout: float = 5) -> T:
    """What `read` finds once it is truthy: for changes the bot makes without answering."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not (value := await bot.deps.database.run(read)):
        assert loop.time() < deadline, "the database never reached the expected state"
        await asyncio.sleep(0.01)
    return value


async def test_an_admin_registers_a_unit_group_with_the_startgroup_link(
    database_url: str
) -> None:
    fake = FakeTelegram()
    admin, lan = fake.add_user("Quản trị"), fake.add_user("Lan")
    group = fake.add_group("Tổ báo cáo Sở Y tế", with_bot=False)
    async with running_bot(fake, database_url, admin_ids=(admin.id,)) as bot:
        fake.send_command(admin, "invite", "syt", "group")
        [created] = await fake.wait_for_bot_messages(admin)
        token = GROUP_LINK.search(created.text)[2]  # type: ignore[index]
        fake.start_bot_in_group(group, lan, token)
        [confirmation] = await fake.wait_for_bot_messages(group)
        [notice] = await fake.wait_for_bot_messages(admin)
        stored = await bot.deps.database.run(stored_groups)
        serving = await bot.deps.database.run(lambda s: [
            g.title for g in group_chats.group_chats_of_unit(
                s, units.find_row(s, "syt").id)])  # type: ignore[union-attr]
        audit = await bot.deps.database.run(
            lambda s: [(e.action, e.after) for e in s.scalars(
                select(AuditEntry).order_by(AuditEntry.id))])
        uses = await bot.deps.database.run(lambda s: s.scalars(select(Invite.uses)).all())
    assert f"https://t.me/{fake.bot.username}?startgroup={token}" in created.text
    assert f"/start {token}" in created.text
    assert "nhóm Telegram" in created.text and "Sở Y tế" in created.text
    assert confirmation.text == ("✅ Đã đăng ký nhóm này cho Sở Y tế. Từ nay nhóm nhận các lời "
                                 "nhắc hạn báo cáo của đơn vị.")
    assert notice.text == (f"🔔 Lan đã đăng ký nhóm “Tổ báo cáo Sở Y tế” (id {group.id}) "
                           "cho Sở Y tế.")
    assert stored == [(group.id, "Tổ báo cáo Sở Y tế", "syt", False, True)]
    assert serving == ["Tổ báo cáo Sở Y tế"]
    assert [action for action, _ in audit] == ["invite.create", "group.register"]
    assert audit[0][1]["group"] is True  # type: ignore[index]
    assert audit[1][1] == {"unit": "syt", "office": False, "reachable": True, "invite": 1}
    assert list(uses) == [1]


async def test_the_office_registers_its_group_with_start_sent_in_the_group(
    database_url: str
) -> None:
    fake = FakeTelegram()
    admin, mai = fake.add_user("Admin"), fake.add_user("Mai")
    group = fake.add_group("Văn phòng UBND tỉnh — tổng hợp", supergroup=True, members=[mai])
    async with running_bot(fake, database_url, admin_ids=(admin.id,)) as bot:
        token = await create_group_invite(fake, admin, "office")
        fake.send_command(mai, "start", token, chat=group)
        [confirmation] = await fake.wait_for_bot_messages(group)
        [notice] = await fake.wait_for_bot_messages(admin)
        fake.send_command(mai, "start", chat=group)
        [status] = await fake.wait_for_bot_messages(group)
        office = await bot.deps.database.run(
            lambda s: [g.telegram_chat_id for g in group_chats.office_group_chats(s)])
        memberships = await bot.deps.database.run(lambda s: s.scalars(select(Membership)).all())
    assert confirmation.text == (
        "✅ Đã đăng ký nhóm này cho Văn phòng UBND tỉnh. Từ nay nhóm nhận bản tổng hợp tình "
        "hình báo cáo và các cảnh báo quá hạn.")
    assert "cho Văn phòng UBND tỉnh." in notice.text
    assert status.text.startswith("Nhóm này đã được đăng ký cho Văn phòng UBND tỉnh")
    assert office == [group.id]
    assert list(memberships) == []  # registering a group gives nobody a role


async def test_an_invite_used_in_the_wrong_kind_of_chat_is_refused_and_stays_usable(
    database_url: str
) -> None:
    fake = FakeTelegram()
    admin, lan = fake.add_user("Admin"), fake.add_user("Lan")
    group = fake.add_group("Nhóm Sở Tư pháp", members=[lan])
    async with running_bot(fake, database_url, admin_ids=(admin.id,)) as bot:
        person_token = await create_invite(fake, admin, "stp")
        group_token = await create_group_invite(fake, admin, "stp")
        fake.send_command(lan, "start", person_token, chat=group)
        [in_group] = await fake.wait_for_bot_messages(group)
        fake.send_command(lan, "start", group_token)
        [in_private] = await fake.wait_for_bot_messages(lan)
        stored = await bot.deps.database.run(stored_groups)
        memberships = await bot.deps.database.run(lambda s: s.scalars(select(Membership)).all())
        uses = await bot.deps.database.run(lambda s: s.scalars(select(Invite.uses)).all())
    assert in_group.text.startswith(
        "Đây là đường dẫn đăng ký dành cho một người nên không dùng được trong nhóm; không có "
        "gì bị thay đổi.")
    assert in_private.text.startswith(
        "Đây là đường dẫn đăng ký dành cho một nhóm Telegram nên không dùng được trong tin "
        "nhắn riêng; không có gì bị thay đổi.")
    assert person_token not in in_group.text and group_token not in in_private.text
    assert stored == [] and list(memberships) == []
    assert list(uses) == [0, 0]


async def test_used_revoked_expired_and_malformed_tokens_are_refused_in_groups(
    database_url: str
) -> None:
    fake = FakeTelegram()
    admin, lan = fake.add_user("Admin"), fake.add_user("Lan")
    used_here, other = fake.add_group("Nhóm 1", members=[lan]), fake.add_group("Nhóm 2")
    async with running_bot(fake, database_url, admin_ids=(admin.id,)) as bot:
        used = await register_group(fake, admin, lan, used_here, "syt")
        revoked = await create_group_invite(fake, admin, "stp")
        expired = await create_group_invite(fake, admin, "stp")
        await bot.deps.database.run(lambda s: s.execute(
            Invite.__table__.update().where(Invite.id == 3)
            .values(expires_at=bot.deps.clock() - timedelta(minutes=1))))
        fake.send_command(admin, "revoke_invite", "2")
        [revoked_answer] = await fake.wait_for_bot_messages(admin)
        answers = []
        for token in (used, revoked, expired, "not-a-token!", "A" * 40):
            fake.send_command(lan, "start", token, chat=other)
            answers.append((await fake.wait_for_bot_messages(other))[0].text)
        stored = await bot.deps.database.run(stored_groups)
    assert revoked_answer.text == "Đã thu hồi đường dẫn đăng ký #2 (nhóm của Sở Tư pháp)."
    assert answers == [
        "Đường dẫn đăng ký này đã được sử dụng. Vui lòng xin Văn phòng UBND tỉnh cấp "
        "đường dẫn mới.",
        "Đường dẫn đăng ký này đã bị thu hồi. Vui lòng liên hệ Văn phòng UBND tỉnh.",
        "Đường dẫn đăng ký đã hết hạn. Vui lòng xin Văn phòng UBND tỉnh cấp đường dẫn mới.",
        "Mã đăng ký không đúng định dạng. Vui lòng mở lại đúng đường dẫn đã được gửi.",
        "Mã đăng ký không đúng. Vui lòng kiểm tra lại đường dẫn hoặc xin Văn phòng UBND tỉnh "
        "cấp mã mới.",
    ]
    assert [chat_id for chat_id, *_ in stored] == [used_here.id]


async def test_a_registered_group_refuses_another_unit_and_a_repeat(database_url: str) -> None:
    fake = FakeTelegram()
    admin, lan = fake.add_user("Admin"), fake.add_user("Lan")
    group = fake.add_group("Nhóm Sở Y tế", members=[lan])
    async with running_bot(fake, database_url, admin_ids=(admin.id,)) as bot:
        await register_group(fake, admin, lan, group, "syt")
        answers = []
        for unit in ("stp", "syt"):
            fake.send_command(lan, "start", await create_group_invite(fake, admin, unit),
                              chat=group)
            answers.append((await fake.wait_for_bot_messages(group))[0].text)
        stored = await bot.deps.database.run(stored_groups)
        uses = await bot.deps.database.run(
            lambda s: s.scalars(select(Invite.uses).order_by(Invite.id)).all())
    assert answers == [
        "Nhóm này đang nhận tin nhắn cho Sở Y tế nên chưa thể đăng ký cho Sở Tư pháp; không có "
        "gì bị thay đổi. Nếu muốn chuyển nhóm sang Sở Tư pháp, hãy xoá bot khỏi nhóm rồi thêm "
        "lại bằng chính đường dẫn đăng ký nhóm này.",
        "Nhóm này đã được đăng ký cho Sở Y tế từ trước; không có gì thay đổi.",
    ]
    assert stored == [(group.id, "Nhóm Sở Y tế", "syt", False, True)]
    assert list(uses) == [1, 0, 0]


async def test_a_removed_bot_marks_the_group_unreachable_until_it_is_registered_again(
    database_url: str
) -> None:
    fake = FakeTelegram()
    admin, lan = fake.add_user("Admin"), fake.add_user("Lan")
    group = fake.add_group("Nhóm Sở Y tế", members=[lan])
    async with running_bot(fake, database_url, admin_ids=(admin.id,)) as bot:
        await register_group(fake, admin, lan, group, "syt")
        moved_token = await create_group_invite(fake, admin, "stp")
        fake.remove_bot_from_group(group, lan)
        [removed] = await fake.wait_for_bot_messages(admin)
        after_removal = await bot.deps.database.run(stored_groups)
        serving = await bot.deps.database.run(lambda s: group_chats.group_chats_of_unit(
            s, units.find_row(s, "syt").id))  # type: ignore[union-attr]
        fake.send_command(admin, "groups")
        [listing] = await fake.wait_for_bot_messages(admin)
        fake.start_bot_in_group(group, lan, moved_token)  # added back, for another unit
        [confirmation] = await fake.wait_for_bot_messages(group)
        await fake.wait_for_bot_messages(admin)
        after_return = await bot.deps.database.run(stored_groups)
        audit = await bot.deps.database.run(lambda s: [
            (e.action, e.actor_id is not None, e.before, e.after)
            for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))][-2:])
    assert removed.text == (
        f"⚠️ Bot đã bị xoá khỏi nhóm “Nhóm Sở Y tế” (id {group.id}) của Sở Y tế bởi Lan. Nhóm "
        "không nhận tin nhắn nữa cho đến khi được thêm lại bằng một đường dẫn đăng ký nhóm mới.")
    assert after_removal == [(group.id, "Nhóm Sở Y tế", "syt", False, False)]
    assert serving == []
    assert f"• Sở Y tế: “Nhóm Sở Y tế” (id {group.id}) — ⚠️ không gửi được từ" in listing.text
    assert listing.text.endswith("(bot đã bị xoá khỏi nhóm)")
    assert "Sở Tư pháp" in confirmation.text
    assert after_return == [(group.id, "Nhóm Sở Y tế", "stp", False, True)]
    unreachable, registered = audit
    assert unreachable[:3] == ("group.unreachable", True, {"reachable": True})
    assert unreachable[3]["reason"] == "bot_removed"  # type: ignore[index]
    assert registered[0] == "group.register"
    assert registered[2] == {"unit": "syt", "office": False, "reachable": False}
    assert registered[3]["unit"] == "stp"  # type: ignore[index]


async def test_a_group_upgraded_to_a_supergroup_keeps_its_registration(
    database_url: str
) -> None:
    fake = FakeTelegram()
    admin, lan = fake.add_user("Admin"), fake.add_user("Lan")
    group = fake.add_group("Nhóm Sở Y tế", members=[lan])
    async with running_bot(fake, database_url, admin_ids=(admin.id,)) as bot:
        await register_group(fake, admin, lan, group, "syt")
        supergroup = fake.upgrade_to_supergroup(group)
        stored = await eventually(bot, lambda s: [
            row for row in stored_groups(s) if row[0] == supergroup.id])
        fake.send_command(lan, "start", chat=supergroup)
        [status] = await fake.wait_for_bot_messages(supergroup)
        migrations = await bot.deps.database.run(lambda s: s.scalars(
            select(AuditEntry.after).where(AuditEntry.action == "group.migrate")).all())
    assert stored == [(supergroup.id, "Nhóm Sở Y tế", "syt", False, True)]
    assert status.text.startswith("Nhóm này đã được đăng ký cho Sở Y tế")
    assert list(migrations) == [{"chat_id": supergroup.id}]  # once, though announced twice
    assert fake.bot_messages(group)[-1].text.startswith("✅")  # nothing said about the move


async def test_groups_lists_every_group_for_admins_and_the_office_only(database_url: str) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())  # many answers in one chat
    admin, clerk, lan = fake.add_user("Admin"), fake.add_user("Mai"), fake.add_user("Lan")
    health, office = fake.add_group("Nhóm Sở Y tế"), fake.add_group("Nhóm Văn phòng")
    async with running_bot(fake, database_url, admin_ids=(admin.id,)):
        fake.send_command(admin, "groups")
        [empty] = await fake.wait_for_bot_messages(admin)
        await register_group(fake, admin, lan, health, "syt")
        await register_group(fake, admin, clerk, office, "office")
        fake.send_command(clerk, "start", await create_invite(fake, admin, "office"))
        await fake.wait_for_bot_messages(clerk)
        await fake.wait_for_bot_messages(admin)
        answers = {}
        for person in (admin, clerk, lan):
            fake.send_command(person, "groups")
            answers[person.first_name] = (await fake.wait_for_bot_messages(person))[0].text
    assert empty.text.startswith("Chưa có nhóm nào được đăng ký.")
    assert answers["Admin"] == (
        "Nhóm Telegram đã đăng ký (2)\n"
        f"• Văn phòng UBND tỉnh: “Nhóm Văn phòng” (id {office.id})\n"
        f"• Sở Y tế: “Nhóm Sở Y tế” (id {health.id})")
    assert answers["Mai"] == answers["Admin"]
    assert answers["Lan"] == ("Xin lỗi, lệnh /groups chỉ dành cho quản trị viên hoặc Văn phòng "
                              "UBND tỉnh. Không có gì bị thay đổi.")
    assert "groups" in {c["command"] for c in fake.visible_commands(clerk, clerk)}


async def test_group_invites_are_for_admins_only_and_never_for_a_head(database_url: str) -> None:
    fake = FakeTelegram()
    admin, lan = fake.add_user("Admin"), fake.add_user("Lan")
    async with running_bot(fake, database_url, admin_ids=(admin.id,)) as bot:
        fake.send_command(lan, "invite", "syt", "group")
        [refusal] = await fake.wait_for_bot_messages(lan)
        answers = []
        for args in (("syt", "head", "group"), ("office", "head"), ("syt", "nhóm")):
            fake.send_command(admin, "invite", *args)
            answers.append((await fake.wait_for_bot_messages(admin))[0].text)
        fake.send_command(admin, "invites")
        [open_invites] = await fake.wait_for_bot_messages(admin)
        invites = await bot.deps.database.run(lambda s: s.scalars(select(Invite)).all())
    assert refusal.text.startswith("Xin lỗi, lệnh /invite chỉ dành cho quản trị viên.")
    usage = ("Lệnh chưa đúng cú pháp. Cách dùng: /invite <mã đơn vị> [head|group] hoặc "
             "/invite office [group], ví dụ: /invite skhdt group")
    assert answers == [usage] * 3
    assert open_invites.text == "Không có đường dẫn đăng ký nào còn hiệu lực."
    assert list(invites) == []


async def test_groups_hear_only_commands_meant_for_the_bot(database_url: str) -> None:
    fake = FakeTelegram()
    lan = fake.add_user("Lan")
    group = fake.add_group("Nhóm chung", members=[lan])
    async with running_bot(fake, database_url):
        fake.send_command(lan, "weather", chat=group)  # probably another bot's command
        fake.send_text(lan, "/help@other_bot", chat=group)
        fake.send_command(lan, "weather", chat=group, mention_bot=True)
        [unknown] = await fake.wait_for_bot_messages(group)
        fake.send_command(lan, "start", chat=group)
        [status] = await fake.wait_for_bot_messages(group)
        fake.send_command(lan, "start", chat=group)
        await fake.wait_for_bot_messages(group)
    assert "weather" in unknown.text
    assert status.text.startswith("Nhóm này chưa được đăng ký nhận nhắc hạn báo cáo.")
    assert len(fake.bot_messages(group)) == 3
    assert fake.bot_messages(lan) == []  # no access request, nothing in private
