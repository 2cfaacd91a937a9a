"""/start, /help and the fallbacks, round-tripped through the fake Bot API on both databases."""

from __future__ import annotations

from sqlalchemy import select

from db.models import Person
from tests.e2e.harness import running_bot
from tests.fake_telegram import FakeTelegram


async def test_start_greets_in_vietnamese_and_explains_the_bot(database_url: str) -> None:
    fake = FakeTelegram()
    lan = fake.add_user("Lan", last_name="Nguyễn Thị", username="lan_skhdt")
    async with running_bot(fake, database_url) as bot:
        fake.send_command(lan, "start")
        [greeting] = await fake.wait_for_bot_messages(lan)
        people = await bot.deps.database.run(lambda s: s.scalars(select(Person)).all())
    assert greeting.text.startswith("Kính chào anh/chị Lan Nguyễn Thị!")
    assert "UBND tỉnh Trà Vinh" in greeting.text
    assert "nhắc trước mỗi hạn báo cáo" in greeting.text
    assert "/help" in greeting.text
    assert greeting.parse_mode == "HTML"
    assert [(p.telegram_user_id, p.username) for p in people] == [(lan.id, "lan_skhdt")]


async def test_the_command_menu_is_published_at_start(database_url: str) -> None:
    fake = FakeTelegram()
    async with running_bot(fake, database_url):
        menu = fake.commands()
    assert [(c["command"], c["description"]) for c in menu] == [
        ("start", "Giới thiệu trợ lý nhắc hạn"),
        ("help", "Các lệnh có thể dùng"),
        ("whoami", "Đơn vị và vai trò của tôi"),
    ]


async def test_help_lists_the_commands_this_person_may_use(database_url: str) -> None:
    fake = FakeTelegram()
    binh = fake.add_user("Bình")
    async with running_bot(fake, database_url):
        fake.send_command(binh, "help")
        [answer] = await fake.wait_for_bot_messages(binh)
    lines = answer.text.splitlines()
    assert lines[0] == "Các lệnh anh/chị có thể dùng"
    assert "/start — Giới thiệu trợ lý nhắc hạn" in lines
    assert "/help — Các lệnh có thể dùng" in lines


async def test_english_is_available(database_url: str) -> None:
    fake = FakeTelegram()
    anna = fake.add_user("Anna", language_code="en")
    async with running_bot(fake, database_url, language="en"):
        fake.send_command(anna, "start")
        [greeting] = await fake.wait_for_bot_messages(anna)
    assert greeting.text.startswith("Hello Anna!")


async def test_an_unknown_command_gets_a_short_helpful_answer(database_url: str) -> None:
    fake = FakeTelegram()
    chi = fake.add_user("Chi")
    async with running_bot(fake, database_url):
        fake.send_command(chi, "baocao", "quy")
        [answer] = await fake.wait_for_bot_messages(chi)
    assert answer.text == ("Không có lệnh /baocao. Gõ /help để xem các lệnh anh/chị có thể dùng.")


async def test_stray_text_gets_a_pointer_to_the_buttons_and_help(database_url: str) -> None:
    fake = FakeTelegram()
    dung = fake.add_user("Dũng")
    async with running_bot(fake, database_url):
        fake.send_text(dung, "Báo cáo quý đã gửi rồi nhé")
        [answer] = await fake.wait_for_bot_messages(dung)
    assert answer.text.startswith("Tôi chưa hiểu tin nhắn này.")
    assert "/help" in answer.text


async def test_a_name_with_html_is_shown_literally(database_url: str) -> None:
    fake = FakeTelegram()
    odd = fake.add_user("<b>Bà</b> & <i>", last_name="Ái")
    async with running_bot(fake, database_url):
        fake.send_command(odd, "start")
        [greeting] = await fake.wait_for_bot_messages(odd)
    assert greeting.text.startswith("Kính chào anh/chị <b>Bà</b> & <i> Ái!")
