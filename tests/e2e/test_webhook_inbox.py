"""An update the webhook acknowledged is handled even if the process that took it died first
(bot.web.inbox): the next process to start takes it up."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import select

from db import received_updates
from db.models import ReceivedUpdate
from db.session import Database
from tests.e2e.webhook_harness import running_webhook_bot
from tests.fake_telegram import FakeTelegram


def stored_payloads(database: Database) -> dict[int, str | None]:
    return database.run_sync(lambda s: {
        update_id: payload for update_id, payload in s.execute(
            select(ReceivedUpdate.update_id, ReceivedUpdate.payload))})


async def test_an_update_acknowledged_by_a_process_that_died_is_handled_at_the_next_start(
    database_url: str
) -> None:
    fake = FakeTelegram()
    lan = fake.add_user("Lan")
    async with running_webhook_bot(fake, database_url, admin_ids=(lan.id,)) as first_life:
        fake.send_command(lan, "start")
        start = fake.pending_updates[-1]
        await first_life.post(start)
        await fake.wait_for_bot_messages(lan, timeout=10)
        await first_life.handled()
        # A process acknowledged /help ten minutes ago and was killed before handling it.
        fake.send_command(lan, "help")
        lost = fake.pending_updates[-1]
        acknowledged_at = first_life.deps.clock() - timedelta(minutes=10)
        first_life.deps.database.run_sync(lambda s: received_updates.record(
            s, lost["update_id"], json.dumps(lost), acknowledged_at))
    assert len(fake.bot_messages(lan)) == 1
    async with running_webhook_bot(fake, database_url, admin_ids=(lan.id,)) as second_life:
        [answer] = await fake.wait_for_bot_messages(lan, timeout=10)
        await second_life.handled()
        repeated = await second_life.post(lost)  # Telegram's own retry comes too late
        await second_life.handled()
        payloads = stored_payloads(second_life.deps.database)
    assert answer.text.startswith("Các lệnh")  # the answer to /help
    assert repeated.status_code == 200 and len(fake.bot_messages(lan)) == 2
    assert payloads == {start["update_id"]: None, lost["update_id"]: None}
