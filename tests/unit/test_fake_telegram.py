"""The fake Telegram Bot API behaves like Telegram for the messages and updates the bot and the
e2e tests use (its limits, faults, files and HTTP serving: test_fake_telegram_limits.py).

Driven with a real ``telegram.Bot`` bound in-process and with raw httpx.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import httpx
import pytest
from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    ReplyParameters,
)
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    Conflict,
    Forbidden,
    InvalidToken,
)

from tests.fake_telegram import (
    FakeTelegram,
    InProcessTransport,
    RateLimits,
    inprocess_bot,
    inprocess_request,
)

ignore_ptb_deprecations = pytest.mark.filterwarnings(
    "ignore::telegram.warnings.PTBDeprecationWarning"
)


@pytest.fixture
def fake() -> FakeTelegram:
    return FakeTelegram()


@pytest.fixture
async def bot(fake: FakeTelegram) -> AsyncIterator[Bot]:
    async with inprocess_bot(fake) as ptb_bot:
        yield ptb_bot


@pytest.fixture
async def http(fake: FakeTelegram) -> AsyncIterator[httpx.AsyncClient]:
    base = f"http://fake-telegram.test/bot{fake.token}/"
    async with httpx.AsyncClient(transport=InProcessTransport(fake.app), base_url=base) as client:
        yield client


def keyboard(*datas: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(d.title(), callback_data=d) for d in datas]])


# -- identity and wire format ---------------------------------------------------------------
async def test_get_me_returns_a_complete_bot_user(bot: Bot, fake: FakeTelegram) -> None:
    me = await bot.get_me()
    assert (me.id, me.is_bot, me.username) == (fake.bot.id, True, "deadline_test_bot")
    assert me.can_join_groups is True
    assert me.can_read_all_group_messages is False  # privacy mode, as on Telegram


async def test_parameters_are_read_from_query_form_and_json_alike(
    http: httpx.AsyncClient, fake: FakeTelegram
) -> None:
    user = fake.add_user()
    by_query = await http.get("sendMessage", params={"chat_id": user.id, "text": "query"})
    by_form = await http.post("sendMessage", data={"chat_id": str(user.id), "text": "form"})
    by_json = await http.post("sendMessage", json={"chat_id": user.id, "text": "json"})
    assert [r.json()["ok"] for r in (by_query, by_form, by_json)] == [True, True, True]
    assert [m.text for m in fake.chat_log(user)] == ["query", "form", "json"]
    assert by_json.json()["result"]["chat"] == {"id": user.id, "type": "private",
                                                "first_name": "Lan"}


async def test_unknown_method_answers_404_and_wrong_token_401(
    http: httpx.AsyncClient, fake: FakeTelegram
) -> None:
    missing = await http.post("sendPoll", json={"chat_id": 1})
    assert missing.status_code == 404
    assert missing.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
    impostor = Bot("42:wrong", base_url="http://fake-telegram.test/bot",
                   request=inprocess_request(fake))
    with pytest.raises(InvalidToken, match="Unauthorized"):
        await impostor.get_me()
    assert fake.calls("getMe")[-1].status == 401


# -- sending and validation -----------------------------------------------------------------
async def test_sent_message_is_logged_with_plain_text_entities_and_keyboard(
    bot: Bot, fake: FakeTelegram
) -> None:
    user = fake.add_user()
    sent = await bot.send_message(user.id, "<b>Hạn nộp</b> &lt;Q3&gt;", parse_mode=ParseMode.HTML,
                                  reply_markup=keyboard("yes", "no"))
    assert sent.text == "Hạn nộp <Q3>"
    assert sent.entities[0].type == "bold" and sent.entities[0].length == 7
    [logged] = fake.bot_messages(user)
    assert logged.raw_text == "<b>Hạn nộp</b> &lt;Q3&gt;"
    assert logged.callback_data == ["yes", "no"]
    assert fake.calls("sendMessage")[0].params["parse_mode"] == "HTML"


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("line<br>break", 'Unsupported start tag "br" at byte offset 4'),
        ("<b>bold", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler"'),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
    ],
)
async def test_malformed_html_is_a_bad_request(
    bot: Bot, fake: FakeTelegram, html: str, reason: str
) -> None:
    user = fake.add_user()
    with pytest.raises(BadRequest, match="parse entities") as error:
        await bot.send_message(user.id, html, parse_mode=ParseMode.HTML)
    assert reason.lower() in fake.calls("sendMessage")[0].description.lower()
    assert "can't parse entities" in str(error.value).lower()
    assert fake.chat_log(user) == []


async def test_length_is_measured_after_tags_and_entities_are_parsed(
    bot: Bot, fake: FakeTelegram
) -> None:
    user = fake.add_user()
    fake.set_rate_limits(RateLimits.off())
    await bot.send_message(user.id, "<b>" + "&amp;" * 4096 + "</b>", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(user.id, "<i>" + "x" * 4097 + "</i>", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(user.id, "<b> </b>", parse_mode=ParseMode.HTML)
    assert len(fake.bot_messages(user)[0].text or "") == 4096


async def test_entity_offsets_are_counted_in_utf16_units(bot: Bot, fake: FakeTelegram) -> None:
    user = fake.add_user()
    sent = await bot.send_message(user.id, "📅 <b>Hạn</b>", parse_mode=ParseMode.HTML)
    assert (sent.entities[0].offset, sent.entities[0].length) == (3, 3)
    assert sent.parse_entity(sent.entities[0]) == "Hạn"


async def test_callback_data_longer_than_64_bytes_is_rejected(
    bot: Bot, fake: FakeTelegram
) -> None:
    user = fake.add_user()
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(user.id, "Chọn", reply_markup=keyboard("đ" * 33))
    await bot.send_message(user.id, "Chọn", reply_markup=keyboard("d" * 64))


async def test_unknown_chat_is_chat_not_found(bot: Bot) -> None:
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(987654, "hello")


async def test_blocked_user_sends_my_chat_member_and_then_gets_forbidden(
    bot: Bot, fake: FakeTelegram
) -> None:
    user = fake.add_user()
    fake.block_bot(user)
    [update] = await bot.get_updates(timeout=0)
    assert update.my_chat_member.new_chat_member.status == "kicked"
    assert update.my_chat_member.from_user.id == user.id
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(user.id, "Nhắc hạn")


async def test_bot_cannot_write_first_to_a_user_who_never_started_it(
    bot: Bot, fake: FakeTelegram
) -> None:
    stranger = fake.add_user("Hoa", has_started_bot=False)
    with pytest.raises(Forbidden, match="can't initiate conversation"):
        await bot.send_message(stranger.id, "Xin chào")
    fake.send_command(stranger, "start")
    await bot.send_message(stranger.id, "Xin chào")


async def test_reply_parameters_attach_the_full_original_message(
    bot: Bot, fake: FakeTelegram
) -> None:
    user = fake.add_user()
    question = fake.send_text(user, "Hạn quý 3 là khi nào?")
    answer = await bot.send_message(user.id, "Ngày 10/9",
                                    reply_parameters=ReplyParameters(question["message_id"]))
    assert answer.reply_to_message is not None
    assert answer.reply_to_message.text == "Hạn quý 3 là khi nào?"
    with pytest.raises(BadRequest, match="Message to be replied not found"):
        await bot.send_message(user.id, "x", reply_parameters=ReplyParameters(999))


# -- edits ----------------------------------------------------------------------------------
async def test_edits_keep_history_and_refuse_no_op_or_unknown_messages(
    bot: Bot, fake: FakeTelegram
) -> None:
    user = fake.add_user()
    sent = await bot.send_message(user.id, "Chưa nộp", reply_markup=keyboard("submit"))
    await bot.edit_message_text("Đã nộp", chat_id=user.id, message_id=sent.message_id)
    logged = fake.message(user, sent.message_id)
    assert logged.text == "Đã nộp"
    assert logged.inline_keyboard == []  # omitting reply_markup removes the keyboard
    assert [old["text"] for old in logged.edits] == ["Chưa nộp"]
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text("Đã nộp", chat_id=user.id, message_id=sent.message_id)
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("x", chat_id=user.id, message_id=999)
    await bot.edit_message_reply_markup(user.id, sent.message_id, reply_markup=keyboard("undo"))
    assert fake.message(user, sent.message_id).callback_data == ["undo"]
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_reply_markup(user.id, sent.message_id,
                                            reply_markup=keyboard("undo"))


# -- updates --------------------------------------------------------------------------------
async def test_long_poll_returns_an_injected_command_as_soon_as_it_arrives(
    bot: Bot, fake: FakeTelegram
) -> None:
    user = fake.add_user()
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await fake.wait_for_calls("getUpdates")
    started = time.perf_counter()
    fake.send_command(user, "start", "dept-7")
    [update] = await poll
    assert time.perf_counter() - started < 1.0
    assert update.message.text == "/start dept-7"
    [entity] = update.message.entities
    assert (entity.type, entity.offset, entity.length) == ("bot_command", 0, 6)
    assert update.message.from_user.id == user.id and update.message.chat.type == "private"


async def test_long_poll_without_updates_answers_empty_after_its_timeout(bot: Bot) -> None:
    started = time.perf_counter()
    assert await bot.get_updates(timeout=0.2) == ()
    assert time.perf_counter() - started >= 0.19


async def test_offset_confirms_updates_and_limit_caps_a_batch(
    bot: Bot, fake: FakeTelegram
) -> None:
    user = fake.add_user()
    for text in ("a", "b", "c"):
        fake.send_text(user, text)
    first = await bot.get_updates(limit=2)
    assert [u.message.text for u in first] == ["a", "b"]
    again = await bot.get_updates(offset=first[-1].update_id + 1)
    assert [u.message.text for u in again] == ["c"]
    assert len(fake.pending_updates) == 1
    await bot.get_updates(offset=again[-1].update_id + 1)
    await fake.wait_until_updates_consumed(timeout=0.1)


async def test_allowed_updates_filters_the_kinds_delivered(bot: Bot, fake: FakeTelegram) -> None:
    user = fake.add_user()
    sent = await bot.send_message(user.id, "Xác nhận?", reply_markup=keyboard("yes"))
    fake.send_text(user, "ignored")
    fake.press_button(user, sent.message_id, "yes")
    [update] = await bot.get_updates(allowed_updates=["callback_query"])
    assert update.callback_query is not None
    await bot.get_updates(offset=update.update_id + 1)
    assert fake.pending_updates == []


async def test_pressed_button_reaches_the_bot_and_its_answer_is_recorded(
    bot: Bot, fake: FakeTelegram
) -> None:
    user = fake.add_user()
    sent = await bot.send_message(user.id, "Xác nhận?", reply_markup=keyboard("yes", "no"))
    fake.press_button(user, sent.message_id, button_text="No")
    [update] = await bot.get_updates()
    query = update.callback_query
    assert (query.data, query.message.message_id, query.from_user.id) == (
        "no", sent.message_id, user.id)
    await query.answer("Đã ghi nhận")
    assert [(a.callback_query_id, a.text) for a in fake.callback_answers] == [
        (query.id, "Đã ghi nhận")]
    with pytest.raises(BadRequest, match="Query is too old"):
        await query.answer("again")


def test_pressing_a_button_that_is_not_on_the_message_fails_the_test(fake: FakeTelegram) -> None:
    user = fake.add_user()
    fake.send_text(user, "hello")
    with pytest.raises(AssertionError, match="no button with callback_data 'forged'"):
        fake.press_button(user, 1, "forged")
    update = fake.press_button(user, 1, "forged", force=True)
    assert update["callback_query"]["data"] == "forged"


async def test_user_reply_carries_the_bot_message_it_answers(
    bot: Bot, fake: FakeTelegram
) -> None:
    user = fake.add_user()
    prompt = await bot.send_message(user.id, "Nhập số liệu:")
    fake.reply_to(user, prompt.message_id, "42")
    [update] = await bot.get_updates()
    assert update.message.reply_to_message.message_id == prompt.message_id
    assert update.message.reply_to_message.from_user.is_bot


async def test_group_privacy_mode_delivers_commands_and_replies_but_not_chatter(
    bot: Bot, fake: FakeTelegram
) -> None:
    lan, minh = fake.add_user("Lan"), fake.add_user("Minh")
    group = fake.add_group("Phòng KH", members=[lan, minh])
    fake.send_text(minh, "chào mọi người", chat=group)
    fake.send_command(lan, "status", chat=group, mention_bot=True)
    [update] = await bot.get_updates()
    assert update.message.text == "/status@deadline_test_bot"
    assert update.message.entities[0].length == len("/status@deadline_test_bot")
    assert update.message.chat.type == "group" and update.message.chat.id < 0
    assert [m.text for m in fake.chat_log(group)] == ["chào mọi người",
                                                     "/status@deadline_test_bot"]


async def test_webhook_makes_get_updates_conflict_until_deleted(
    bot: Bot, fake: FakeTelegram
) -> None:
    await bot.set_webhook("https://bot.example/hook", secret_token="s3cret")
    assert fake.webhook is not None and fake.webhook.secret_token == "s3cret"
    assert (await bot.get_webhook_info()).url == "https://bot.example/hook"
    with pytest.raises(Conflict, match="webhook is active"):
        await bot.get_updates()
    await bot.delete_webhook()
    assert await bot.get_updates() == ()


async def test_a_newer_get_updates_terminates_the_waiting_one(
    bot: Bot, fake: FakeTelegram
) -> None:
    older = asyncio.create_task(bot.get_updates(timeout=5))
    await fake.wait_for_calls("getUpdates")
    assert await bot.get_updates(timeout=0) == ()
    with pytest.raises(Conflict, match="terminated by other getUpdates"):
        await older
