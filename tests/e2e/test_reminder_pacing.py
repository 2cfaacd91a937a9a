"""Several reminder sends in flight over a slow link (default settings: the round trip decides
how many): the rate is reached, each chat's own pace still holds, and a 429 pauses them all.
Under Telegram's limit read strictly (no one-second window may hold more than 30 messages), a
fan-out, and replies asked for during it, never get a 429 (issue 22)."""

from __future__ import annotations

import asyncio
import math
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from itertools import pairwise

from sqlalchemy.orm import Session
from starlette.types import ASGIApp, Receive, Scope, Send

from db.models import Membership, Person
from tests.e2e.harness import RunningBot, running_bot
from tests.e2e.test_reminder_faults import (
    CODE,
    DUE_DAY_ONLY,
    rows_of,
    seed,
    send_until_settled,
)
from tests.fake_telegram import FakeTelegram, FakeUser, RateLimits
from tests.support.clock import SimulatedClock, local
from tests.support.reminder_data import (
    add_officers,
    add_one_off_deadline,
    pause_deadlines_except,
    unit_ids,
)

UNITS = ("syt", "stp", "stc")
ROUND_TRIP = 0.25  # seconds: a distant Telegram, so several sends are in flight at once
FAN_OUT = 40
STRICT_FAN_OUT = 75  # two and a half windows' worth
TELEGRAM_LIMIT = 30  # messages in any one second

SlowLinkFanOut = tuple[FakeTelegram, list[FakeUser], SimulatedClock, RunningBot]


def answered_later(app: ASGIApp, seconds: float) -> ASGIApp:
    """`app`, answering every request `seconds` later."""
    async def delayed(scope: Scope, receive: Receive, send: Send) -> None:
        await asyncio.sleep(seconds)
        await app(scope, receive, send)
    return delayed


@asynccontextmanager
async def fan_out_due_over_a_slow_link(database_url: str) -> AsyncIterator[SlowLinkFanOut]:
    """FAN_OUT officers, each with a reminder due at 08:00 on 02/03/2020 (the bot's time), and
    a Telegram answering every call ROUND_TRIP later."""
    fake = FakeTelegram()
    fake.app = answered_later(fake.app, ROUND_TRIP)  # type: ignore[assignment]
    officers = [fake.add_user(f"Cán bộ {i}") for i in range(FAN_OUT)]
    clock = SimulatedClock(local(2020, 3, 2, 7))
    async with running_bot(fake, database_url, clock=clock) as bot:
        await seed(bot, clock, date(2020, 3, 2), DUE_DAY_ONLY, officers)
        clock.set(local(2020, 3, 2, 8))
        yield fake, officers, clock, bot


def add_officer_of_units(session: Session, telegram_id: int, codes: tuple[str, ...],
                         clock: SimulatedClock) -> None:
    person = Person(telegram_user_id=telegram_id, full_name="Cán bộ kiêm nhiệm",
                    created_at=clock())
    session.add(person)
    session.flush()
    session.add_all(Membership(person_id=person.id, unit_id=unit_id, is_head=False,
                               created_at=clock()) for unit_id in unit_ids(session, codes))


async def test_an_officer_of_three_units_gets_their_reminders_a_second_apart(
    database_url: str
) -> None:
    fake = FakeTelegram()
    fake.app = answered_later(fake.app, ROUND_TRIP)  # type: ignore[assignment]
    lan = fake.add_user("Lan")
    others = [fake.add_user(f"Cán bộ {i}") for i in range(9)]
    clock = SimulatedClock(local(2020, 3, 2, 7))
    async with running_bot(fake, database_url, clock=clock) as bot:
        def add_deadline_and_officers(session: Session) -> None:
            add_one_off_deadline(session, CODE, date(2020, 3, 2), clock(),
                                 offsets=DUE_DAY_ONLY, units=" ".join(UNITS))
            pause_deadlines_except(session, CODE)
            add_officer_of_units(session, lan.id, UNITS, clock)
            add_officers(session, [officer.id for officer in others], clock(), units=UNITS)
        await bot.deps.database.run(add_deadline_and_officers)
        await bot.reminders.replan()
        clock.set(local(2020, 3, 2, 8))
        await send_until_settled(bot, clock, local(2020, 3, 3))
        lan_rows = await rows_of(bot, lan.id)
        all_rows = await rows_of(bot)
    sent_at = sorted(row.sent_at for row in lan_rows if row.sent_at is not None)
    gaps = [(later - earlier).total_seconds() for earlier, later in pairwise(sent_at)]
    assert len(sent_at) == len(UNITS)
    assert min(gaps) >= 1.0, gaps
    assert {row.state for row in all_rows} == {"sent"}
    assert [len(fake.bot_messages(officer)) for officer in others] == [1] * len(others)


async def test_over_a_slow_link_the_default_settings_keep_enough_sends_in_flight_for_the_rate(
    database_url: str
) -> None:
    async with fan_out_due_over_a_slow_link(database_url) as (fake, officers, _clock, bot):
        report = await bot.reminders.run_due()
    delivered = sorted(message.sent_at for officer in officers
                       for message in fake.bot_messages(officer))
    assert (report.sent, len(delivered)) == (FAN_OUT, FAN_OUT)
    # 29 messages/s with each answer 0.25 s away needs at least 29 × 0.25 → 8 sends on their
    # way at once (one at a time would be 4/s). The rate itself: bench.fanout --latencies.
    assert report.most_in_flight >= math.ceil(29 * ROUND_TRIP)


async def test_a_429_pauses_every_send_in_flight_not_only_the_one_it_answered(
    database_url: str
) -> None:
    async with fan_out_due_over_a_slow_link(database_url) as (fake, officers, clock, bot):
        fan_out = asyncio.create_task(bot.reminders.run_due())
        await fake.wait_for_calls("sendMessage", count=5)  # several in flight by now
        fake.inject_failure("sendMessage", 429, retry_after=1)
        await asyncio.wait_for(fan_out, timeout=20)
        await send_until_settled(bot, clock, local(2020, 3, 3))
    calls = fake.calls("sendMessage")
    [limited] = [call.at for call in calls if call.status == 429]
    # Requests already on their way when the 429 came back still arrive within a round trip;
    # after that, nothing until the second Telegram asked for has passed.
    during_pause = [call.at - limited for call in calls
                    if limited + ROUND_TRIP + 0.1 < call.at < limited + 1.0]
    assert during_pause == []
    assert [len(fake.bot_messages(officer)) for officer in officers] == [1] * FAN_OUT


async def test_under_a_strict_one_second_window_a_fan_out_gets_no_429(database_url: str) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.strict())
    officers = [fake.add_user(f"Cán bộ {i}") for i in range(STRICT_FAN_OUT)]
    clock = SimulatedClock(local(2020, 3, 2, 7))
    async with running_bot(fake, database_url, clock=clock) as bot:
        await seed(bot, clock, date(2020, 3, 2), DUE_DAY_ONLY, officers)
        clock.set(local(2020, 3, 2, 8))
        await send_until_settled(bot, clock, local(2020, 3, 3))
    assert fake.rate_limited_count == 0, fake.rate_limit_hits[:3]
    assert fake.busiest_second <= TELEGRAM_LIMIT
    assert [len(fake.bot_messages(officer)) for officer in officers] == [1] * STRICT_FAN_OUT


async def test_replies_asked_for_during_a_fan_out_share_its_window_and_get_no_429(
    database_url: str
) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.strict())
    officers = [fake.add_user(f"Cán bộ {i}") for i in range(45)]
    askers = [fake.add_user(f"Người hỏi {i}") for i in range(20)]
    clock = SimulatedClock(local(2020, 3, 2, 7))
    async with running_bot(fake, database_url, clock=clock) as bot:
        await seed(bot, clock, date(2020, 3, 2), DUE_DAY_ONLY, officers)
        clock.set(local(2020, 3, 2, 8))
        fan_out = asyncio.create_task(bot.reminders.run_due())
        await fake.wait_for_calls("sendMessage", count=5)
        for asker in askers:
            fake.send_command(asker, "help")
        report = await asyncio.wait_for(fan_out, timeout=20)
        answers = [await fake.wait_for_bot_messages(asker, timeout=20) for asker in askers]
    assert fake.rate_limited_count == 0, fake.rate_limit_hits[:3]
    assert fake.busiest_second <= TELEGRAM_LIMIT
    assert report.sent == len(officers)
    assert all(answer.text.startswith("Các lệnh") for [answer] in answers)
