"""The fake Telegram Bot API's flood limits, faults, files, commands and real HTTP serving
behave like Telegram's (its messages and updates: test_fake_telegram.py)."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator

import httpx
import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    MenuButtonCommands,
    MenuButtonDefault,
    MenuButtonWebApp,
    Update,
    WebAppInfo,
)
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.ext import Application, CommandHandler, ContextTypes
from telegram.request import HTTPXRequest

from tests.fake_telegram import (
    INPROCESS_BASE_URL,
    FakeTelegram,
    InProcessTransport,
    ManualClock,
    RateLimits,
    file_base_url,
    inprocess_bot,
    serve_with_uvicorn,
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


# -- flood limits ---------------------------------------------------------------------------
@ignore_ptb_deprecations
async def test_two_messages_to_a_chat_in_the_same_instant_raise_retry_after() -> None:
    clock = ManualClock()
    fake = FakeTelegram(clock=clock, rate_limits=RateLimits(private_burst=1))
    user = fake.add_user()
    async with inprocess_bot(fake) as bot:
        await bot.send_message(user.id, "first")
        with pytest.raises(RetryAfter, match="Retry in 1 seconds"):
            await bot.send_message(user.id, "second")
        assert fake.rate_limited_count == 1
        assert fake.calls("sendMessage")[-1].status == 429
        clock.advance(1.0)
        await bot.send_message(user.id, "second, a second later")
    assert [m.text for m in fake.chat_log(user)] == ["first", "second, a second later"]


async def test_flood_limits_follow_telegram_per_group_and_overall() -> None:
    clock = ManualClock()
    fake = FakeTelegram(clock=clock)
    group = fake.add_group()
    users = [fake.add_user(f"U{i}") for i in range(31)]
    transport = InProcessTransport(fake.app)
    async with httpx.AsyncClient(transport=transport,
                                 base_url=f"http://t/bot{fake.token}/") as client:
        statuses = [(await client.post("sendMessage", json={"chat_id": group.id, "text": "x"}))
                    for _ in range(21)]
        assert [r.status_code for r in statuses].count(200) == 20
        assert statuses[-1].json() == {
            "ok": False, "error_code": 429, "description": "Too Many Requests: retry after 3",
            "parameters": {"retry_after": 3},
        }
        clock.advance(60)
        answers = [await client.post("sendMessage", json={"chat_id": u.id, "text": "x"})
                   for u in users]
    assert [r.status_code for r in answers].count(429) == 1
    assert answers[-1].json()["parameters"] == {"retry_after": 1}
    assert {hit.scope for hit in fake.rate_limit_hits} == {"group", "global"}


async def test_the_strict_window_refuses_a_31st_message_within_one_second_the_bucket_admits(
) -> None:
    async def spread_over_one_second(limits: RateLimits) -> tuple[list[int], FakeTelegram]:
        """30 messages at once, then 16 more over the next second, 1/16 s apart."""
        clock = ManualClock()
        fake = FakeTelegram(clock=clock, rate_limits=limits)
        users = [fake.add_user(f"U{i}") for i in range(46)]
        statuses = []
        async with httpx.AsyncClient(transport=InProcessTransport(fake.app),
                                     base_url=f"http://t/bot{fake.token}/") as client:
            for number, user in enumerate(users):
                if number >= 30:
                    clock.advance(1 / 16)
                answer = await client.post("sendMessage", json={"chat_id": user.id, "text": "x"})
                statuses.append(answer.status_code)
        return statuses, fake

    bucket, bucket_fake = await spread_over_one_second(RateLimits())
    window, fake = await spread_over_one_second(RateLimits.strict())
    # The bucket refills almost 2 tokens per 1/16 s: every later message is admitted.
    assert bucket == [200] * 46
    assert bucket_fake.busiest_second == 45
    # The window admits the 30 of the first instant, then nothing until they are a second old.
    assert window == [200] * 30 + [429] * 15 + [200]
    assert {hit.scope for hit in fake.rate_limit_hits} == {"global"}
    assert [hit.retry_after for hit in fake.rate_limit_hits] == [1] * 15
    assert fake.busiest_second == 30


# -- faults ---------------------------------------------------------------------------------
async def test_injected_5xx_surfaces_as_network_error_once(bot: Bot, fake: FakeTelegram) -> None:
    user = fake.add_user()
    fake.inject_failure("sendMessage", 502)
    with pytest.raises(NetworkError, match="Bad Gateway"):
        await bot.send_message(user.id, "x")
    await bot.send_message(user.id, "x")
    assert [c.status for c in fake.calls("sendMessage")] == [502, 200]


async def test_dropped_connection_and_held_request_look_like_network_failures(
    fake: FakeTelegram,
) -> None:
    user = fake.add_user()
    async with inprocess_bot(fake, read_timeout=0.2) as bot:
        fake.inject_failure("sendMessage", "drop")
        with pytest.raises(NetworkError, match="dropped the connection"):
            await bot.send_message(user.id, "x")
        fake.inject_failure("sendMessage", "timeout", delay=10)
        started = time.perf_counter()
        with pytest.raises(TimedOut):
            await bot.send_message(user.id, "x")
        assert time.perf_counter() - started < 1.0
        fake.inject_failure("sendMessage", "timeout", delay=10, applied=True)
        with pytest.raises(TimedOut):
            await bot.send_message(user.id, "delivered although the client gave up")
    assert [m.text for m in fake.chat_log(user)] == ["delivered although the client gave up"]


async def test_outage_fails_every_method_until_the_clock_passes_its_end() -> None:
    clock = ManualClock()
    fake = FakeTelegram(clock=clock)
    async with inprocess_bot(fake) as bot:
        fake.start_outage(duration=30, kind=503)
        for _ in range(3):
            with pytest.raises(NetworkError, match="Service Unavailable"):
                await bot.get_me()
        clock.advance(30)
        assert (await bot.get_me()).username == "deadline_test_bot"
    assert fake.faults.outage_requests == 3


async def test_probabilistic_failures_repeat_with_the_same_seed() -> None:
    def pattern() -> list[bool]:
        fake = FakeTelegram(seed=7)
        fake.inject_failure("*", 500, probability=0.5)
        return [fake.faults.pick("getMe") is not None for _ in range(40)]

    first = pattern()
    assert first == pattern()
    assert 5 < sum(first) < 35


# -- files and commands ---------------------------------------------------------------------
async def test_document_upload_get_file_and_download_round_trip(
    bot: Bot, fake: FakeTelegram
) -> None:
    user = fake.add_user()
    content = "Báo cáo quý 3\n".encode() * 100
    sent = await bot.send_document(user.id, content, filename="bao-cao.txt", caption="<b>Q3</b>",
                                   parse_mode=ParseMode.HTML)
    assert (sent.document.file_name, sent.caption) == ("bao-cao.txt", "Q3")
    remote = await bot.get_file(sent.document.file_id)
    assert bytes(await remote.download_as_bytearray()) == content
    again = await bot.send_document(user.id, sent.document.file_id)
    assert again.document is not None and again.document.file_id == sent.document.file_id
    incoming = fake.send_document(user, b"%PDF-1.7 fake", "nop.pdf", "application/pdf")
    remote = await bot.get_file(incoming["document"]["file_id"])
    assert bytes(await remote.download_as_bytearray()) == b"%PDF-1.7 fake"


async def test_commands_are_stored_per_scope_and_language(bot: Bot, fake: FakeTelegram) -> None:
    admin = fake.add_user("Admin")
    await bot.set_my_commands([BotCommand("start", "Bắt đầu")])
    await bot.set_my_commands([BotCommand("start", "Start")], language_code="en")
    await bot.set_my_commands([BotCommand("units", "Đơn vị")],
                              scope=BotCommandScopeChat(admin.id))
    assert [c.command for c in await bot.get_my_commands()] == ["start"]
    assert fake.commands(language_code="en") == [{"command": "start", "description": "Start"}]
    assert fake.commands({"type": "chat", "chat_id": admin.id})[0]["command"] == "units"
    assert fake.visible_commands(admin, admin)[0]["command"] == "units"
    await bot.delete_my_commands(scope=BotCommandScopeChat(admin.id))
    assert fake.visible_commands(admin, admin, "en")[0]["description"] == "Start"
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Bad-Name", "x")])


async def test_menu_buttons_are_stored_per_private_chat_and_web_apps_need_https(
    bot: Bot, fake: FakeTelegram
) -> None:
    hanh, group = fake.add_user("Hạnh"), fake.add_group()
    app = MenuButtonWebApp("Theo dõi", WebAppInfo("https://bot.example.gov.vn/dashboard/"))
    assert await bot.get_chat_menu_button(hanh.id) == MenuButtonDefault()
    await bot.set_chat_menu_button(menu_button=MenuButtonCommands())
    assert await bot.set_chat_menu_button(hanh.id, app) is True
    assert await bot.get_chat_menu_button(hanh.id) == app
    assert fake.menu_button(hanh) == {"type": "web_app", "text": "Theo dõi",
                                      "web_app": {"url": "https://bot.example.gov.vn/dashboard/"}}
    assert await bot.get_chat_menu_button(fake.add_user("Lan").id) == MenuButtonCommands()
    with pytest.raises(BadRequest, match="Button_url_invalid"):
        await bot.set_chat_menu_button(hanh.id, MenuButtonWebApp(
            "Theo dõi", WebAppInfo("http://127.0.0.1:8081/")))
    with pytest.raises(BadRequest, match="Button_text_invalid"):
        await bot.set_chat_menu_button(hanh.id, MenuButtonWebApp(
            "", WebAppInfo("https://bot.example.gov.vn/")))
    with pytest.raises(BadRequest, match="Chat must be a private chat"):
        await bot.set_chat_menu_button(group.id, MenuButtonDefault())
    assert await bot.get_chat_menu_button(hanh.id) == app  # the refused ones changed nothing


async def test_group_upgraded_to_supergroup_raises_chat_migrated(
    bot: Bot, fake: FakeTelegram
) -> None:
    group = fake.add_group()
    supergroup = fake.upgrade_to_supergroup(group)
    with pytest.raises(ChatMigrated) as migrated:
        await bot.send_message(group.id, "x")
    assert migrated.value.new_chat_id == supergroup.id
    assert str(supergroup.id).startswith("-100")


# -- waiting helpers and performance --------------------------------------------------------
async def test_waiting_for_a_reply_that_never_comes_shows_the_chat_log(
    fake: FakeTelegram,
) -> None:
    user = fake.add_user()
    fake.send_text(user, "có ai không?")
    with pytest.raises(AssertionError, match="có ai không") as error:
        await fake.wait_for_bot_messages(user, timeout=0.05)
    assert "1 new bot message(s)" in str(error.value)


async def test_thousands_of_requests_pass_in_process_quickly() -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off(), record_calls=False)
    users = [fake.add_user(f"U{i}") for i in range(500)]
    body = {"text": "<b>Nhắc hạn</b> báo cáo quý", "parse_mode": "HTML"}
    started = time.perf_counter()
    async with httpx.AsyncClient(transport=InProcessTransport(fake.app),
                                 base_url=f"http://t/bot{fake.token}/") as client:
        for _ in range(4):
            answers = await asyncio.gather(*[
                client.post("sendMessage", data={"chat_id": str(u.id), **body}) for u in users
            ])
            assert all(a.status_code == 200 for a in answers)
    elapsed = time.perf_counter() - started
    assert fake.bot_message_count == 2000
    assert elapsed < 10, f"2000 requests took {elapsed:.1f} s"


async def test_stock_httpx_asgi_transport_works_for_long_polling_and_cuts() -> None:
    fake = FakeTelegram()
    user = fake.add_user()

    def request() -> HTTPXRequest:
        return HTTPXRequest(httpx_kwargs={"transport": httpx.ASGITransport(app=fake.app)})

    async with Bot(fake.token, base_url=INPROCESS_BASE_URL, request=request(),
                   get_updates_request=request()) as bot:
        poll = asyncio.create_task(bot.get_updates(timeout=5))
        await fake.wait_for_calls("getUpdates")
        fake.send_text(user, "xin chào")
        [update] = await poll
        assert update.message is not None and update.message.text == "xin chào"
        fake.inject_failure("getMe", "drop")
        with pytest.raises(NetworkError):
            await bot.get_me()


# -- over real HTTP -------------------------------------------------------------------------
async def test_real_application_answers_start_over_uvicorn_polling() -> None:
    fake = FakeTelegram()
    user = fake.add_user("Lan")

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None and update.effective_user is not None
        await update.message.reply_text(f"Chào {update.effective_user.first_name}!")

    async with serve_with_uvicorn(fake) as base_url:
        assert base_url.startswith("http://127.0.0.1:") and base_url.endswith("/bot")
        application = (Application.builder().token(fake.token).base_url(base_url)
                       .base_file_url(file_base_url(base_url)).build())
        application.add_handler(CommandHandler("start", start))
        async with application:
            await application.start()
            assert application.updater is not None
            await application.updater.start_polling(poll_interval=0, timeout=1)
            fake.send_command(user, "start")
            [reply] = await fake.wait_for_bot_messages(user, timeout=5)
            await application.updater.stop()
            await application.stop()
    assert reply.text == "Chào Lan!"
    assert fake.calls("deleteWebhook") and not fake.pending_updates
    assert json.loads(json.dumps(reply.message))["chat"]["id"] == user.id


async def test_uvicorn_answers_without_the_40_ms_nagle_delay() -> None:
    fake = FakeTelegram()
    async with serve_with_uvicorn(fake) as base_url, httpx.AsyncClient(
        base_url=f"{base_url}{fake.token}/"
    ) as client:
        started = time.perf_counter()
        for _ in range(20):
            assert (await client.get("getMe")).json()["result"]["is_bot"] is True
        elapsed = time.perf_counter() - started
    assert elapsed < 0.5, f"20 requests took {elapsed:.2f} s (TCP_NODELAY missing?)"
