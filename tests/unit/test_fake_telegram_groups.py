"""The fake Bot API models the bot's life in groups as Telegram does: added with a startgroup
link, removed and added back, a group upgraded to a supergroup."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import Bot
from telegram.error import Forbidden

from tests.fake_telegram import FakeTelegram, inprocess_bot


@pytest.fixture
def fake() -> FakeTelegram:
    return FakeTelegram()


@pytest.fixture
async def bot(fake: FakeTelegram) -> AsyncIterator[Bot]:
    async with inprocess_bot(fake) as ptb_bot:
        yield ptb_bot


async def test_a_startgroup_link_adds_the_bot_then_sends_start_with_the_payload(
    bot: Bot, fake: FakeTelegram
) -> None:
    lan = fake.add_user("Lan")
    group = fake.add_group("Tổ báo cáo Sở Y tế", with_bot=False)
    fake.send_text(lan, "chưa có bot", chat=group)  # not delivered: the bot is not there yet
    fake.start_bot_in_group(group, lan, "payload_123")
    added, start = await bot.get_updates()
    assert added.my_chat_member is not None
    assert (added.my_chat_member.old_chat_member.status,
            added.my_chat_member.new_chat_member.status) == ("left", "member")
    assert added.my_chat_member.from_user.id == lan.id
    assert start.message is not None and start.message.chat.id == group.id
    assert start.message.text == f"/start@{fake.bot.username} payload_123"
    assert start.message.parse_entities(["bot_command"])  # PTB's CommandHandler sees a command


async def test_a_startgroup_link_in_a_group_with_the_bot_only_sends_start(
    bot: Bot, fake: FakeTelegram
) -> None:
    lan = fake.add_user("Lan")
    group = fake.add_group(members=[lan])
    fake.start_bot_in_group(group, lan, "abc")
    [start] = await bot.get_updates()
    assert start.message is not None and start.message.text.endswith(" abc")


async def test_a_bot_removed_from_a_group_cannot_write_there_until_added_back(
    bot: Bot, fake: FakeTelegram
) -> None:
    lan = fake.add_user("Lan")
    group = fake.add_group(members=[lan])
    fake.remove_bot_from_group(group, lan)
    with pytest.raises(Forbidden):
        await bot.send_message(group.id, "còn ai không?")
    fake.send_command(lan, "help", chat=group)  # not delivered to a removed bot
    fake.add_bot_to_group(group, lan)
    removed, added = await bot.get_updates()
    assert removed.my_chat_member is not None and added.my_chat_member is not None
    assert removed.my_chat_member.new_chat_member.status == "kicked"
    assert added.my_chat_member.new_chat_member.status == "member"
    assert (await bot.send_message(group.id, "đã trở lại")).chat.id == group.id


async def test_an_upgrade_announces_the_move_in_the_old_and_the_new_chat(
    bot: Bot, fake: FakeTelegram
) -> None:
    lan = fake.add_user("Lan")
    group = fake.add_group(members=[lan])
    supergroup = fake.upgrade_to_supergroup(group)
    moved_to, moved_from = await bot.get_updates()
    assert moved_to.message is not None and moved_from.message is not None
    assert (moved_to.message.chat.id, moved_to.message.migrate_to_chat_id) == (
        group.id, supergroup.id)
    assert (moved_from.message.chat.id, moved_from.message.migrate_from_chat_id) == (
        supergroup.id, group.id)
    assert moved_from.message.chat.type == "supergroup"
