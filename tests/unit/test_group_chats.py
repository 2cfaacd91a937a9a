"""Group chats without Telegram or a database: who may list groups, how group texts read,
how /invite arguments are read, and which group messages the bot answers."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from telegram import Chat, Message, Update, User

from bot.domain.errors import NotAllowed, WrongUsage
from bot.domain.roles import Role, commands_for, require
from bot.services.group_chats import BOT_REMOVED, GroupLine
from bot.texts.groups_render import group_status_text, groups_text
from handlers.chat_scope import addressed_to_bot, in_group_chat
from handlers.registration import parse_invite_args

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
HEALTH = GroupLine(-1001, "Tổ <b>báo cáo</b> & Y tế", "syt", "Sở Y tế")
OFFICE = GroupLine(-1002, "Văn phòng", None, None)


def test_groups_is_in_the_menus_of_admins_and_office_staff_only() -> None:
    def menu(*roles: Role) -> set[str]:
        return {command.name for command in commands_for(frozenset(roles))}

    assert "groups" in menu(Role.ADMIN)
    assert "groups" in menu(Role.OFFICE)
    assert "groups" not in menu(Role.OFFICER)
    assert "groups" not in menu(Role.EVERYONE)


def test_a_command_for_two_roles_is_allowed_to_either_and_refused_naming_both() -> None:
    require(frozenset({Role.OFFICE}), "groups")
    require(frozenset({Role.ADMIN}), "groups")
    with pytest.raises(NotAllowed) as refused:
        require(frozenset({Role.EVERYONE, Role.OFFICER}), "groups")
    assert refused.value.params == {"command": "groups", "roles": ("admin", "office")}
    with pytest.raises(NotAllowed) as admin_only:
        require(frozenset({Role.OFFICE}), "invite")
    assert admin_only.value.params["roles"] == ("admin",)


def test_the_group_list_marks_unreachable_groups_in_local_time_and_escapes_titles() -> None:
    lost = GroupLine(-1003, "Nhóm cũ", "stp", "Sở Tư pháp",
                     datetime(2021, 1, 20, 1, 30, tzinfo=UTC), BOT_REMOVED)
    listing = groups_text([OFFICE, HEALTH, lost], HANOI, "vi").split("\n")
    assert listing == [
        "<b>Nhóm Telegram đã đăng ký</b> (3)",
        "• Văn phòng UBND tỉnh: “Văn phòng” (id -1002)",
        "• Sở Y tế: “Tổ &lt;b&gt;báo cáo&lt;/b&gt; &amp; Y tế” (id -1001)",
        "• Sở Tư pháp: “Nhóm cũ” (id -1003) — ⚠️ không gửi được từ 08:30 20/01/2021 "
        "(bot đã bị xoá khỏi nhóm)",
    ]
    english = groups_text([OFFICE], HANOI, "en")
    assert "• Provincial Office: “Văn phòng” (id -1002)" in english


def test_an_unknown_unreachable_reason_is_shown_as_recorded() -> None:
    lost = GroupLine(-1003, "Nhóm", "stp", "Sở Tư pháp", datetime(2021, 1, 20, tzinfo=UTC),
                     "Forbidden: bot is not a member")
    assert groups_text([lost], HANOI, "en").endswith("(Forbidden: bot is not a member)")


def test_plain_start_in_a_group_says_whom_it_serves_or_how_to_register_it() -> None:
    assert group_status_text(None, "vi").startswith("Nhóm này chưa được đăng ký")
    assert group_status_text(HEALTH, "vi") == (
        "Nhóm này đã được đăng ký cho <b>Sở Y tế</b> và đang nhận các lời nhắc hạn báo cáo "
        "của đơn vị.")
    lost = GroupLine(-1001, "x", None, None, datetime(2021, 1, 1, tzinfo=UTC), BOT_REMOVED)
    assert "bot đã bị xoá khỏi nhóm" in group_status_text(lost, "vi")
    assert "Văn phòng UBND tỉnh" in group_status_text(lost, "vi")


@pytest.mark.parametrize(("args", "expected"), [
    (["syt"], ("officer", "syt", False)),
    (["SYT", "HEAD"], ("head", "syt", False)),
    (["syt", "group"], ("officer", "syt", True)),
    (["office"], ("office", None, False)),
    (["office", "Group"], ("office", None, True)),
])
def test_invite_arguments_name_a_role_a_unit_and_whether_for_a_group(
    args: list[str], expected: tuple[str, str | None, bool]
) -> None:
    assert parse_invite_args(args) == expected


@pytest.mark.parametrize("args", [[], ["syt", "head", "group"], ["office", "head"],
                                  ["syt", "nhóm"], ["syt", "group", "x"]])
def test_other_invite_arguments_get_the_usage(args: list[str]) -> None:
    with pytest.raises(WrongUsage) as wrong:
        parse_invite_args(args)
    assert "[head|group]" in str(wrong.value.params["usage"])


def _update(text: str, chat_type: str = Chat.GROUP) -> Update:
    chat = Chat(-5, chat_type) if chat_type != Chat.PRIVATE else Chat(7, Chat.PRIVATE)
    message = Message(1, datetime(2021, 1, 1, tzinfo=UTC), chat, from_user=User(7, "Lan", False),
                      text=text)
    return Update(1, message=message)


@pytest.mark.parametrize(("text", "bare_counts", "explicit_only"), [
    ("/start", True, False),
    ("/start@Deadline_Test_Bot abc", True, True),
    ("/start@other_bot", False, False),
    ("xin chào", False, False),
    ("", False, False),
])
def test_in_groups_only_commands_meant_for_the_bot_are_answered(
    text: str, bare_counts: bool, explicit_only: bool
) -> None:
    update = _update(text)
    assert in_group_chat(update)
    assert addressed_to_bot(update, "deadline_test_bot") is bare_counts
    assert addressed_to_bot(update, "deadline_test_bot", explicitly=True) is explicit_only


def test_everything_in_a_private_chat_is_meant_for_the_bot() -> None:
    update = _update("xin chào", Chat.PRIVATE)
    assert not in_group_chat(update)
    assert addressed_to_bot(update, "deadline_test_bot", explicitly=True)
