"""Webhook mode in this event loop: uvicorn on 127.0.0.1 in front of the real Application."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import cast

import httpx
from sqlalchemy import select
from telegram import Update

from bot.app import BotApplication
from bot.clock import system_clock
from bot.web.asgi import WebhookReceiver, build_web_app
from bot.web.metrics import ServiceMetrics
from bot.web.webhook_mode import prune_received_updates, scheduler_problem
from db.models import ReceivedUpdate
from db.session import Database
from tests.e2e.webhook_harness import SECRET, running_webhook_bot
from tests.fake_telegram import FakeTelegram

GREETING = "Kính chào anh/chị Lan!"


def received_ids(database: Database) -> set[int]:
    return database.run_sync(lambda s: set(s.scalars(select(ReceivedUpdate.update_id))))


async def test_start_registers_the_webhook_with_the_secret_and_every_update_type(
    database_url: str
) -> None:
    fake = FakeTelegram()
    async with running_webhook_bot(fake, database_url) as bot:
        webhook = fake.webhook
        ready = await bot.client.get("/readyz")
        health = await bot.client.get("/healthz")
    assert webhook is not None
    assert webhook.url.endswith("/telegram/hook")
    assert webhook.secret_token == SECRET
    assert webhook.allowed_updates == list(Update.ALL_TYPES)
    assert fake.calls("getUpdates") == []
    assert (ready.status_code, ready.json()) == (200, {"ready": True})
    assert (health.status_code, health.text) == (200, "ok")


async def test_an_update_posted_with_the_secret_is_answered(database_url: str) -> None:
    fake = FakeTelegram()
    lan = fake.add_user("Lan")
    async with running_webhook_bot(fake, database_url, admin_ids=(lan.id,)) as bot:
        fake.send_command(lan, "start")
        answer = await bot.post(fake.pending_updates[-1])
        [greeting] = await fake.wait_for_bot_messages(lan, timeout=10)
    assert answer.status_code == 200
    assert greeting.text.startswith(GREETING)


async def test_a_post_without_or_with_a_wrong_secret_is_refused_and_nothing_is_handled(
    database_url: str
) -> None:
    fake = FakeTelegram()
    lan = fake.add_user("Lan")
    minh = fake.add_user("Minh")
    async with running_webhook_bot(fake, database_url, admin_ids=(lan.id, minh.id)) as bot:
        fake.send_command(lan, "start")
        refused = fake.pending_updates[-1]
        without = await bot.post(refused, secret=None)
        wrong = await bot.post(refused, secret=SECRET[:-1] + "X")
        prefix = await bot.post(refused, secret=SECRET[:-1])
        fake.send_command(minh, "start")
        await bot.post(fake.pending_updates[-1])  # a good post, to know the bot has caught up
        await fake.wait_for_bot_messages(minh, timeout=10)
        await bot.handled()
        ids = received_ids(bot.deps.database)
    assert [without.status_code, wrong.status_code, prefix.status_code] == [403, 403, 403]
    assert fake.bot_messages(lan) == []
    assert refused["update_id"] not in ids


async def test_a_replayed_update_is_acknowledged_and_handled_once(database_url: str) -> None:
    fake = FakeTelegram()
    lan = fake.add_user("Lan")
    async with running_webhook_bot(fake, database_url, admin_ids=(lan.id,)) as bot:
        fake.send_command(lan, "start")
        start = fake.pending_updates[-1]
        first = await bot.post(start)
        # Telegram repeats a delivery it thinks failed, possibly while the first is handled.
        replays = await asyncio.gather(*(bot.post(start) for _ in range(4)))
        fake.send_command(lan, "help")
        await bot.post(fake.pending_updates[-1])
        await fake.wait_for_bot_messages(lan, count=2, timeout=10)
        await bot.handled()
        metrics = (await bot.client.get("/metrics")).text
    texts = [message.text for message in fake.bot_messages(lan)]
    assert first.status_code == 200 and [r.status_code for r in replays] == [200] * 4
    assert len(texts) == 2 and sum(text.startswith(GREETING) for text in texts) == 1
    assert "deadline_bot_update_duplicates_total 4.0" in metrics


async def test_metrics_count_updates_handler_time_telegram_errors_and_the_outbox(
    database_url: str
) -> None:
    fake = FakeTelegram()
    lan = fake.add_user("Lan")
    async with running_webhook_bot(fake, database_url, admin_ids=(lan.id,)) as bot:
        fake.inject_failure("sendMessage", 502)  # the first answer fails
        for command in ("start", "help"):
            fake.send_command(lan, command)
            await bot.post(fake.pending_updates[-1])
        await fake.wait_for_bot_messages(lan, timeout=10)
        await bot.handled()
        scrape = await bot.client.get("/metrics")
    metrics = scrape.text
    assert scrape.headers["content-type"].startswith("text/plain")
    assert 'deadline_bot_updates_total{kind="message"} 2.0' in metrics
    assert "deadline_bot_handler_seconds_count 2.0" in metrics
    assert 'deadline_bot_telegram_errors_total{code="502"} 1.0' in metrics
    assert 'deadline_bot_reminders_total{outcome="sent"} 0.0' in metrics
    assert 'deadline_bot_reminders_total{outcome="failed"} 0.0' in metrics
    assert "deadline_bot_reminders_pending " in metrics
    assert "deadline_bot_outbox_lag_seconds 0.0" in metrics


async def test_on_stop_the_updates_taken_are_still_handled(database_url: str) -> None:
    fake = FakeTelegram()
    lan = fake.add_user("Lan")
    async with running_webhook_bot(fake, database_url, admin_ids=(lan.id,)) as bot:
        fake.send_command(lan, "start")
        await bot.post(fake.pending_updates[-1])
        bot.stop.set()  # as SIGTERM does
        await asyncio.wait_for(bot.task, timeout=15)
        [greeting] = fake.bot_messages(lan)
        try:
            await bot.client.get("/healthz")
            still_listening = True
        except httpx.ConnectError:
            still_listening = False
    assert greeting.text.startswith(GREETING)
    assert not still_listening


async def test_readiness_fails_with_a_reason_when_the_database_or_the_scheduler_is_down(
    database_url: str
) -> None:
    down = Database("postgresql+psycopg://u:p@127.0.0.1:1/none")  # nothing listens on port 1
    up = Database(database_url)
    try:
        answers = []
        for database, problem in ((down, None), (up, "reminders are not started"), (up, None)):
            # /readyz reads only the database and the scheduler's state.
            receiver = WebhookReceiver(cast(BotApplication, None), database, system_clock,
                                       SECRET, ServiceMetrics(database, system_clock))
            app = build_web_app(receiver, "/telegram", lambda problem=problem: problem)
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://bot") as client:
                answers.append(await client.get("/readyz"))
    finally:
        down.dispose()
        up.dispose()
    assert [a.status_code for a in answers] == [503, 503, 200]
    assert answers[0].json()["reason"].startswith("database: ")
    assert answers[1].json() == {"ready": False, "reason": "reminders are not started"}


async def test_received_ids_older_than_a_week_are_forgotten(database_url: str) -> None:
    fake = FakeTelegram()
    lan = fake.add_user("Lan")
    async with running_webhook_bot(fake, database_url, admin_ids=(lan.id,)) as bot:
        fake.send_command(lan, "start")
        await bot.post(fake.pending_updates[-1])
        await bot.handled()
        now = bot.deps.clock()
        kept = await prune_received_updates(bot.deps.database, now + timedelta(days=6))
        gone = await prune_received_updates(bot.deps.database, now + timedelta(days=7, seconds=1))
        problem_while_running = scheduler_problem(bot.application)
    assert (kept, gone) == (0, 1)
    assert problem_while_running is None
