"""A reminder fan-out through Telegram's failures, on a simulated clock.

About 10 % of sends fail at random (5xx, 429, timeouts): nobody is lost, and the only
duplicates are those Telegram made inevitable (a timeout after it had delivered the message).
A person who blocked the bot, and a group that became a supergroup, are handled without
disturbing anyone else's reminders.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.domain.reminder_offsets import ReminderOffsets
from db.models import GroupChat, OutboxMessage, Person
from tests.e2e.harness import RunningBot, running_bot
from tests.fake_telegram import FakeChat, FakeTelegram, FakeUser
from tests.support.clock import SimulatedClock, local
from tests.support.reminder_data import (
    add_group_chat,
    add_officers,
    add_one_off_deadline,
    pause_deadlines_except,
)

CODE = "kiemtra"
FANOUT = 200
FAULT_SEED = 20200302
# A held request is given up after this; an injected timeout costs this much real time.
SENDER_READ_TIMEOUT = 0.5
MAX_ROUNDS = 100
DUE_DAY_ONLY = ReminderOffsets(before=(), overdue=(), escalation=())
DAY_BEFORE_AND_DUE_DAY = ReminderOffsets(before=(1,), overdue=(), escalation=())


async def seed(bot: RunningBot, clock: SimulatedClock, due: date, offsets: ReminderOffsets,
               officers: Sequence[FakeUser], units: Sequence[str] | None = None) -> None:
    """Only the test's deadline is active; each officer serves one of `units` (round-robin,
    so a code given twice gets twice the officers)."""
    def work(session: Session) -> None:
        add_one_off_deadline(session, CODE, due, clock(), offsets=offsets,
                             units=" ".join(dict.fromkeys(units)) if units else "all")
        pause_deadlines_except(session, CODE)
        add_officers(session, [officer.id for officer in officers], clock(), units=units)
    await bot.deps.database.run(work)
    await bot.reminders.replan()


async def rows_of(bot: RunningBot, chat_id: int | None = None) -> list[OutboxMessage]:
    statement = select(OutboxMessage).order_by(OutboxMessage.id)
    if chat_id is not None:
        statement = statement.where(OutboxMessage.chat_id == chat_id)
    return await bot.deps.database.run(lambda s: list(s.scalars(statement)))


async def send_until_settled(bot: RunningBot, clock: SimulatedClock, until: datetime) -> int:
    """Send what is due, then wake up when the scheduler would (the earliest retry) and send
    again, until no send due before `until` is left; return the number of rounds."""
    for rounds in range(1, MAX_ROUNDS + 1):
        await bot.reminders.run_due()
        wakeups = await bot.reminders.schedule_wakeups()
        if not wakeups or wakeups[0] >= until:
            return rounds
        clock.set(wakeups[0])
    raise AssertionError(f"sends still pending after {MAX_ROUNDS} rounds")


def messages_per_chat(fake: FakeTelegram, chats: Sequence[FakeUser]) -> dict[int, int]:
    return {chat.id: len(fake.bot_messages(chat)) for chat in chats}


async def test_a_fan_out_through_random_5xx_429_and_timeouts_loses_nobody(
    database_url: str
) -> None:
    fake = FakeTelegram(seed=FAULT_SEED)  # default flood limits, on real time
    officers = [fake.add_user(f"Cán bộ {i}") for i in range(FANOUT)]
    clock = SimulatedClock(local(2020, 3, 2, 7))
    async with running_bot(fake, database_url, clock=clock,
                                    sender_read_timeout=SENDER_READ_TIMEOUT) as bot:
        await seed(bot, clock, date(2020, 3, 2), DUE_DAY_ONLY, officers)
        faults = {
            "500": fake.inject_failure("sendMessage", 500, probability=0.03),
            "502": fake.inject_failure("sendMessage", 502, probability=0.02),
            "429": fake.inject_failure("sendMessage", 429, probability=0.02, retry_after=1),
            # Telegram delivered the message, but its answer never came back.
            "timeout after delivery": fake.inject_failure(
                "sendMessage", "timeout", probability=0.02, applied=True),
            "timeout before delivery": fake.inject_failure(
                "sendMessage", "timeout", probability=0.01),
        }
        clock.set(local(2020, 3, 2, 8))
        rounds = await send_until_settled(bot, clock, local(2020, 3, 3))
        rows = await rows_of(bot)
    counts = messages_per_chat(fake, officers)
    lost = [chat for chat, count in counts.items() if count == 0]
    duplicates = sum(count - 1 for count in counts.values() if count > 1)
    timed_out_chats = {int(call.params["chat_id"]) for call in fake.calls("sendMessage")
                       if call.fault == "timeout"}
    fired = {name: rule.fired for name, rule in faults.items()}
    print(f"\nfault seed {FAULT_SEED}: faults injected {fired}, flood-limit 429s "
          f"{fake.rate_limited_count}, rounds {rounds}, lost {len(lost)}, "
          f"duplicates {duplicates}")
    assert sum(fired.values()) >= FANOUT * 0.05  # the faults did happen
    assert lost == []
    assert {row.state for row in rows} == {"sent"} and len(rows) == FANOUT
    # Only a timeout after delivery can duplicate; 5xx, 429 and unanswered requests cannot.
    assert duplicates <= fired["timeout after delivery"]
    assert {chat: count for chat, count in counts.items()
            if count > 1 and chat not in timed_out_chats} == {}


async def test_a_person_who_blocked_the_bot_fails_alone_and_is_flagged_unreachable(
    database_url: str
) -> None:
    fake = FakeTelegram()
    officers = [fake.add_user(f"Cán bộ {i}") for i in range(10)]
    lan = officers[3]
    clock = SimulatedClock(local(2020, 3, 3, 7))
    async with running_bot(fake, database_url, clock=clock) as bot:
        await seed(bot, clock, date(2020, 3, 4), DAY_BEFORE_AND_DUE_DAY, officers,
                   units=["syt", "stp"])
        # Lan blocks the bot; the bot has not heard of it (the update was lost or is late).
        fake.state.chat(lan.id).bot_status = "kicked"
        clock.set(local(2020, 3, 3, 8))
        first = await bot.reminders.run_due()
        blocked_at = clock()
        person = await bot.deps.database.run(lambda s: s.scalars(
            select(Person).where(Person.telegram_user_id == lan.id)).one())
        lan_rows = {row.slot: row for row in await rows_of(bot, lan.id)}
        clock.set(local(2020, 3, 4, 7, 59))
        await bot.reminders.replan()
        clock.set(local(2020, 3, 4, 8))
        second = await bot.reminders.run_due()
        lan_rows_after = {row.slot: row.state for row in await rows_of(bot, lan.id)}
    assert (first.sent, first.failed, second.sent, second.failed) == (9, 1, 9, 0)
    failed = lan_rows["before:1"]
    assert failed.state == "failed"
    assert failed.last_error is not None and "bot was blocked by the user" in failed.last_error
    assert person.unreachable_since == blocked_at
    assert person.unreachable_reason is not None
    assert "bot was blocked by the user" in person.unreachable_reason
    assert lan_rows["due:0"].state == "cancelled"
    assert lan_rows["due:0"].last_error == "the chat is unreachable"
    assert lan_rows_after == {"before:1": "failed", "due:0": "cancelled"}
    assert fake.bot_messages(lan) == []
    counts = messages_per_chat(fake, [o for o in officers if o is not lan])
    assert set(counts.values()) == {2}


async def group_chat_id(bot: RunningBot) -> int | None:
    return await bot.deps.database.run(lambda s: s.scalar(
        select(GroupChat.telegram_chat_id).where(GroupChat.title == "Nhóm Sở Y tế")))


async def moved_group(bot: RunningBot, new_chat_id: int) -> None:
    """Wait (polling the database, at most 5 s) until the bot has followed the group."""
    for _ in range(250):
        if await group_chat_id(bot) == new_chat_id:
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the bot never followed the group to its supergroup")


def first_lines(fake: FakeTelegram, chat: FakeChat) -> list[str]:
    return [(message.text or "").splitlines()[0] for message in fake.bot_messages(chat)]


async def test_a_group_upgraded_to_a_supergroup_gets_its_reminders_at_the_new_id(
    database_url: str
) -> None:
    fake = FakeTelegram()
    lan = fake.add_user("Lan")
    group = fake.add_group("Nhóm Sở Y tế", members=[lan])
    clock = SimulatedClock(local(2020, 3, 3, 7))
    async with running_bot(fake, database_url, clock=clock) as bot:
        await bot.deps.database.run(
            lambda s: add_group_chat(s, group.id, "syt", "Nhóm Sở Y tế", clock()))
        await seed(bot, clock, date(2020, 3, 4), DAY_BEFORE_AND_DUE_DAY, [lan], units=["syt"])
        # Telegram's service messages about the upgrade do not reach the bot (getUpdates is
        # failing), so the sender is the first to learn of it, from the 400 answer.
        fake.inject_failure("getUpdates", 502, probability=1.0)
        fake.release_long_polls()
        await fake.wait_for(lambda: [c for c in fake.calls("getUpdates") if c.fault],
                            what="a failed getUpdates")
        supergroup = fake.upgrade_to_supergroup(group)
        clock.set(local(2020, 3, 3, 8))
        await bot.reminders.run_due()
        clock.set(local(2020, 3, 4, 7, 59))
        await bot.reminders.replan()
        clock.set(local(2020, 3, 4, 8))
        await bot.reminders.run_due()
        followed = await group_chat_id(bot)
        group_rows = [(row.slot, row.chat_id, row.state) for row in await rows_of(bot)
                      if row.group_chat_id is not None]
    assert [call.params["chat_id"] for call in fake.calls("sendMessage")
            if call.status == 400] == [str(group.id)]
    assert fake.bot_messages(group) == []
    assert first_lines(fake, supergroup) == ["⏰ Nhắc hạn gửi báo cáo",
                                             "📅 Hôm nay là hạn gửi báo cáo"]
    assert followed == supergroup.id
    assert group_rows == [("before:1", supergroup.id, "sent"), ("due:0", supergroup.id, "sent")]
    assert len(fake.bot_messages(lan)) == 2


async def test_a_group_upgraded_during_a_fan_out_gets_the_reminder_once_and_nothing_stalls(
    database_url: str
) -> None:
    fake = FakeTelegram()
    officers = [fake.add_user(f"Cán bộ {i}") for i in range(50)]
    group = fake.add_group("Nhóm Sở Y tế", members=officers[:1])
    clock = SimulatedClock(local(2020, 3, 3, 7))
    # 10 messages/s: the group's send comes about 2 s into the fan-out, time enough for the bot
    # to follow the group and replan before the sender gets there.
    async with running_bot(fake, database_url, clock=clock, bot_send_rate=10) as bot:
        await bot.deps.database.run(
            lambda s: add_group_chat(s, group.id, "syt", "Nhóm Sở Y tế", clock()))
        # 30 officers of Sở Y tế, then its group, then 20 officers of the city (tptv): the
        # first claimed batch of 50 has the group's send in its middle.
        await seed(bot, clock, date(2020, 3, 4), DAY_BEFORE_AND_DUE_DAY, officers,
                   units=["syt"] * 3 + ["tptv"] * 2)
        clock.set(local(2020, 3, 3, 8))
        fan_out = asyncio.create_task(bot.reminders.run_due())
        await fake.wait_for_calls("sendMessage", count=1)
        supergroup = fake.upgrade_to_supergroup(group)  # while the fan-out goes on
        await moved_group(bot, supergroup.id)
        await bot.reminders.replan()  # the pass the bot asked for (replan_soon), surely done
        await asyncio.wait_for(fan_out, timeout=20)
        await bot.reminders.idle()
        rows = await rows_of(bot)
    assert [o.first_name for o in officers if len(fake.bot_messages(o)) != 1] == []
    assert first_lines(fake, supergroup) == ["⏰ Nhắc hạn gửi báo cáo"]
    assert [(row.chat_id, row.slot) for row in rows if row.state == "sending"] == []
