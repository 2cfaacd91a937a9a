"""A leader whose lease lapses for a moment (a stalled check, the lock held all along): its
unsent claims go back at once, and a take-over it was in the middle of goes on afterwards."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import itertools
from collections import Counter
from collections.abc import AsyncIterator

from db import outbox
from tests.e2e.harness import RunningBot, running_bot
from tests.e2e.test_reminder_faults import DUE_DAY_ONLY, rows_of, seed
from tests.fake_telegram import FakeTelegram, FakeUser
from tests.support.clock import SimulatedClock, local

OFFICERS = 10


@dataclasses.dataclass
class Scene:
    fake: FakeTelegram
    officers: list[FakeUser]
    clock: SimulatedClock
    bot: RunningBot


@contextlib.asynccontextmanager
async def bot_with_due_reminders(database_url: str) -> AsyncIterator[Scene]:
    """A running bot with one reminder per officer, due now: planned at 07:00 (so that no
    wake-up fires at once), the clock then set to 08:00 on 02/03/2020."""
    fake = FakeTelegram()
    officers = [fake.add_user(f"Cán bộ {i}") for i in range(OFFICERS)]
    clock = SimulatedClock(local(2020, 3, 2, 7))
    async with running_bot(fake, database_url, clock=clock) as bot:
        await seed(bot, clock, clock().date(), DUE_DAY_ONLY, officers)
        clock.set(local(2020, 3, 2, 8))
        yield Scene(fake, officers, clock, bot)


async def test_a_sender_that_stops_leading_mid_pass_hands_back_what_it_did_not_send(
    database_url: str
) -> None:
    async with bot_with_due_reminders(database_url) as scene:
        bot = scene.bot
        asked = itertools.count()
        bot.reminders.sender.may_send = lambda: next(asked) < 4  # then the lease lapses
        report = await bot.reminders.sender.send_due()
        rows = await rows_of(bot)
    states = Counter(row.state for row in rows)
    delivered = sum(len(scene.fake.bot_messages(officer)) for officer in scene.officers)
    assert 0 < report.sent < OFFICERS
    assert states == {"sent": report.sent, "pending": OFFICERS - report.sent}
    assert delivered == report.sent
    assert all(row.claimed_by is None for row in rows if row.state == "pending")


@dataclasses.dataclass
class SteeredLeadership:
    """An election the test steers: one term, whose lease lapses when the test says so."""

    is_leader: bool = True
    term: int = 1
    handover_delay: float = 0.05
    watch_interval: float = 0.01


async def test_a_take_over_cut_by_a_lapsed_lease_goes_on_once_the_lease_is_renewed(
    database_url: str
) -> None:
    async with bot_with_due_reminders(database_url) as scene:
        bot, now = scene.bot, scene.clock()
        await bot.deps.database.run(lambda s: outbox.claim_due(s, now, "died", 3))
        leadership = SteeredLeadership()
        runner = dataclasses.replace(bot.reminders, leader=leadership)
        await runner.start(previous_process_dead=False)  # the take-over waits its handover
        leadership.is_leader = False  # and the lease lapses before the wait is over
        await asyncio.sleep(leadership.handover_delay * 4)
        led_while_lapsed = runner.leading.is_set()
        leadership.is_leader = True  # the lock is confirmed again: the same term goes on
        await asyncio.wait_for(runner.leading.wait(), timeout=5)
        await runner.idle()
        rows = await rows_of(bot)
    assert not led_while_lapsed
    assert Counter(row.state for row in rows) == {"sent": OFFICERS}  # the dead one's too
