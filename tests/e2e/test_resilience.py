"""The bot under trouble: Telegram down at start, rate limits, failures inside a handler."""

from __future__ import annotations

import pytest

from tests.e2e.harness import running_bot
from tests.fake_telegram import FakeTelegram, RateLimits


async def test_a_telegram_outage_at_start_is_retried_until_it_ends(database_url: str) -> None:
    fake = FakeTelegram()
    lan = fake.add_user("Lan")
    fake.start_outage(kind=502)
    async with running_bot(fake, database_url, wait_until_polling=False):
        await fake.wait_for_calls("getMe", count=3)  # refused three times, still trying
        fake.end_outage()
        await fake.wait_for_calls("getUpdates", count=1)
        fake.send_command(lan, "start")
        [greeting] = await fake.wait_for_bot_messages(lan)
    assert greeting.text.startswith("Kính chào")


async def test_replies_beyond_the_per_chat_limit_wait_and_still_arrive(database_url: str) -> None:
    fake = FakeTelegram(rate_limits=RateLimits(private_burst=1))
    hoa = fake.add_user("Hoa")
    async with running_bot(fake, database_url):
        for _ in range(3):
            fake.send_command(hoa, "help")
        answers = await fake.wait_for_bot_messages(hoa, count=3, timeout=15)
    assert len(answers) == 3
    assert all(a.text.startswith("Các lệnh anh/chị có thể dùng") for a in answers)
    assert fake.rate_limited_count >= 1  # Telegram said 429 and the bot waited


async def test_an_unexpected_failure_gets_an_apology_and_no_traceback(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object) -> None:
        raise RuntimeError("database on fire")

    monkeypatch.setattr("handlers.identify.record_contact", broken)
    fake = FakeTelegram()
    minh = fake.add_user("Minh")
    async with running_bot(fake, database_url):
        fake.send_command(minh, "help")
        [answer] = await fake.wait_for_bot_messages(minh)
    assert answer.text.startswith("Xin lỗi, đã có lỗi khi xử lý yêu cầu của anh/chị")
    assert "RuntimeError" not in answer.text and "Traceback" not in answer.text
    assert len(fake.bot_messages(minh)) == 1  # no help text after the failed identification
