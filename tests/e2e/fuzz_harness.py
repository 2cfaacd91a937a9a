"""A real bot fuzzed with hostile input, for the fuzz tests (test_fuzz_*.py, issue 8).

One real bot per test, against the fake Bot API. Its admin also has the office role and serves
one unit, so every command and button is reachable. Hypothesis draws the inputs (random and
hostile text: very long, control characters, HTML, SQL fragments, RTL marks, emoji, NFC and NFD
Vietnamese, plausible-but-wrong dates and codes) with a fixed seed; it runs in a worker thread
and hands each example to the bot's event loop, so a failure is shrunk to a small input and
reported as hypothesis's falsifying example.

Each example must be answered (a message, or an answer on the pressed button), with no apology
for an unexpected error and no traceback; when the bot refused the input (a domain error was
explained) the user-visible tables must be exactly as before, and any change the bot did accept
must be on record (audit log, or the unit's own status history).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter
from collections.abc import AsyncIterator, Callable, Coroutine, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

import pytest
from hypothesis import HealthCheck, Phase, example, given, seed, settings
from hypothesis import strategies as st
from loguru import logger
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import handlers.errors
from bot.domain.errors import DomainError
from bot.texts import Lang, error_text, text
from bot.update_processor import LoggingUpdateProcessor
from db.models import (
    AccessRequest,
    AuditEntry,
    CalendarDay,
    ChatFlow,
    CurrentStatus,
    Deadline,
    Extension,
    GroupChat,
    Invite,
    Membership,
    OfficeFollowUp,
    OutboxMessage,
    Person,
    StatusUpdate,
    Unit,
)
from tests.e2e.harness import RunningBot, running_bot
from tests.fake_telegram import FakeTelegram, FakeUser, RateLimits
from tests.fake_telegram.models import LoggedMessage
from tests.support.clock import SimulatedClock, local
from tests.support.hostile_text import (
    TELEGRAM_TEXT_LIMIT,
    hostile_classes,
)

T = TypeVar("T")
APOLOGY = text("error.unexpected", "vi")
ADMIN_UNIT = "syt"
ANSWER_TIMEOUT = 15.0  # seconds for one update to be handled: /chart draws for ~0.5 s
CALLBACK_PREFIXES = ["units:", "units:p:", "units:d:", "units:n:", "units:e:", "dl:", "dl:d:",
                     "dl:k:", "fl:", "st:", "of:", "of:g:", "of:d:", "acc:", "acc:1:p:", ""]


OUTBOX_STATES = ("pending", "sending", "sent", "failed", "skipped", "cancelled")
COUNTED = {"audit_log": AuditEntry, "status_updates": StatusUpdate,
           "current_statuses": CurrentStatus, "extensions": Extension,
           "office_follow_ups": OfficeFollowUp, "group_chats": GroupChat,
           "access_requests": AccessRequest, "people": Person}


@dataclass(frozen=True)
class State:
    """What a user can see of the database, the volatile columns (last_seen_at…) left out."""

    units: tuple[tuple[Any, ...], ...]
    deadlines: tuple[tuple[Any, ...], ...]
    calendar_days: tuple[tuple[Any, ...], ...]
    memberships: tuple[tuple[Any, ...], ...]
    roles: tuple[tuple[Any, ...], ...]
    invites: tuple[tuple[Any, ...], ...]
    counts: tuple[tuple[str, int], ...]  # rows per table, outbox rows per state
    open_flows: int = field(compare=False)  # guided flows are closed between examples

    @property
    def recorded(self) -> tuple[int, int]:
        """(audit entries, status updates): where an accepted change must leave a trace."""
        count = dict(self.counts)
        return count["audit_log"], count["status_updates"]


def read_state(session: Session) -> State:
    """The state in seven queries (it is read after every example)."""
    def rows(*columns: Any) -> tuple[tuple[Any, ...], ...]:
        return tuple(tuple(row) for row in session.execute(select(*columns).order_by(columns[0])))

    counters = {name: select(func.count()).select_from(model)
                for name, model in COUNTED.items()}
    counters |= {f"outbox {state}": select(func.count()).select_from(OutboxMessage)
                 .where(OutboxMessage.state == state) for state in OUTBOX_STATES}
    counters["chat_flows"] = select(func.count()).select_from(ChatFlow)
    counted = session.execute(select(*(counter.scalar_subquery().label(name.replace(" ", "_"))
                                       for name, counter in counters.items()))).one()
    counts = dict(zip(counters, counted, strict=True))
    open_flows = counts.pop("chat_flows")
    return State(
        units=rows(Unit.code, Unit.name, Unit.unit_group, Unit.active),
        deadlines=rows(Deadline.code, Deadline.title, Deadline.rule, Deadline.units_selector,
                       Deadline.before_offsets, Deadline.paused, Deadline.deleted_at),
        calendar_days=rows(CalendarDay.day, CalendarDay.kind, CalendarDay.reason),
        memberships=rows(Membership.person_id, Membership.unit_id, Membership.is_head),
        roles=rows(Person.telegram_user_id, Person.is_admin, Person.is_office),
        invites=rows(Invite.id, Invite.uses, Invite.revoked_at),
        counts=tuple(counts.items()),
        open_flows=open_flows,
    )


@dataclass
class Outcome:
    """What the bot did about one update in the admin's chat."""

    what: str
    messages: list[LoggedMessage]
    button_answers: list[str | None]
    refusals: list[str]
    errors: list[str]


@dataclass
class FuzzedBot:
    """The running bot, its admin, and the spies that tell when and how an update was handled."""

    bot: RunningBot
    fake: FakeTelegram
    admin: FakeUser
    loop: asyncio.AbstractEventLoop
    state: State
    handled: int = 0
    refusals: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    accepted: list[str] = field(default_factory=list)
    examples: int = 0
    covered: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    _changed: asyncio.Event = field(default_factory=asyncio.Event)

    def on_handled(self, _update: object, _seconds: float) -> None:
        self.handled += 1
        self._changed.set()

    async def _until_handled(self, count: int, what: str) -> None:
        async def wait() -> None:
            while self.handled < count:
                self._changed.clear()
                await self._changed.wait()
        try:
            await asyncio.wait_for(wait(), ANSWER_TIMEOUT)
        except TimeoutError:
            raise AssertionError(f"the bot did not finish handling {what}\n"
                                 + self.fake.format_chat_log(self.admin)[-3000:]) from None

    async def run(self, what: str, inject: Callable[[], object]) -> Outcome:
        """Inject one update, wait until every handler (and the error handler) is done."""
        messages_before = len(self.fake.bot_messages(self.admin))
        answers_before = len(self.fake.callback_answers)
        refusals_before, errors_before = len(self.refusals), len(self.errors)
        target = self.handled + 1
        inject()
        await self._until_handled(target, what)
        return Outcome(what, self.fake.bot_messages(self.admin)[messages_before:],
                       [answer.text for answer in self.fake.callback_answers[answers_before:]],
                       self.refusals[refusals_before:], self.errors[errors_before:])

    async def command(self, line: str) -> Outcome:
        typed = line[:TELEGRAM_TEXT_LIMIT]
        self.covered.update(hostile_classes(typed.partition(" ")[2]))
        self.kinds["command"] += 1
        outcome = await self.run(repr(typed), lambda: self.fake.send_text(self.admin, typed))
        await self.check(outcome, button=False)
        return outcome

    async def typed(self, answer: str) -> Outcome:
        typed = answer[:TELEGRAM_TEXT_LIMIT]
        if not typed.strip():
            typed = "\u200b"  # Telegram does not deliver an empty message
        self.covered.update(hostile_classes(typed))
        self.kinds["typed answer"] += 1
        outcome = await self.run(repr(typed), lambda: self.fake.send_text(self.admin, typed))
        await self.check(outcome, button=False)
        return outcome

    async def reply(self, message_id: int, answer: str) -> Outcome:
        typed = answer[:TELEGRAM_TEXT_LIMIT].strip() or "\u200b"
        self.covered.update(hostile_classes(typed))
        self.kinds["reply to a reminder"] += 1
        outcome = await self.run(f"reply {typed!r}",
                                 lambda: self.fake.reply_to(self.admin, message_id, typed))
        await self.check(outcome, button=False)
        return outcome

    async def press(self, message_id: int, data: str) -> Outcome:
        self.covered.update(hostile_classes(data))
        prefix = data.partition(":")[0] + ":"
        self.kinds["button " + (prefix if prefix in CALLBACK_PREFIXES else "(random data)")] += 1
        outcome = await self.run(f"button {data!r}", lambda: self.fake.press_button(
            self.admin, message_id, data, force=True))
        await self.check(outcome, button=True)
        return outcome

    async def close_flow(self) -> None:
        """/cancel the admin's open flow, if any: no flow may stay open between examples."""
        if self.state.open_flows:
            await self.command("/cancel")

    async def check(self, outcome: Outcome, *, button: bool) -> None:
        """Answered, politely, and the database changed only by what the bot accepted."""
        self.examples += 1
        where = f"for {outcome.what}"
        assert not outcome.errors, f"unexpected error {where}:\n" + "\n".join(outcome.errors)
        shown = [message.text or "" for message in outcome.messages]
        shown += [answer or "" for answer in outcome.button_answers]
        for answer in shown:
            assert APOLOGY not in answer, f"the bot apologised {where}"
            assert "Traceback" not in answer and 'File "' not in answer, f"traceback {where}"
        if button:
            assert outcome.button_answers, f"the pressed button was never answered {where}"
        else:
            assert outcome.messages, f"no answer {where}"
        await self.bot.reminders.idle()  # the replan an accepted change started
        after = await self.bot.deps.database.run(read_state)
        if outcome.refusals:
            assert after == self.state, (
                f"refused ({outcome.refusals}) but the database changed {where}:\n"
                f"{_difference(self.state, after)}")
        elif after != self.state:
            assert after.recorded != self.state.recorded, (
                f"a change without a trace in the audit log {where}:\n"
                f"{_difference(self.state, after)}")
            self.accepted.append(outcome.what[:80])
        self.state = after

    def replay(self, strategy: st.SearchStrategy[T],
               check: Callable[[T], Coroutine[Any, Any, None]],
               examples: int, name: str, explicit: Iterable[T] = ()) -> None:
        """Run `check` on the `explicit` inputs, then on `examples` inputs drawn by hypothesis
        from a seed named `name`. Called in a worker thread: the bot's loop runs each check."""
        def property_(drawn: T) -> None:
            future = asyncio.run_coroutine_threadsafe(check(drawn), self.loop)
            future.result(timeout=ANSWER_TIMEOUT * 4)

        test = given(strategy)(property_)
        for value in explicit:
            test = example(value)(test)
        seed(name)(settings(max_examples=examples, deadline=None, database=None,
                            phases=(Phase.explicit, Phase.generate, Phase.shrink),
                            suppress_health_check=list(HealthCheck))(test))()


def _difference(before: State, after: State) -> str:
    lines = []
    for name in State.__dataclass_fields__:
        old, new = getattr(before, name), getattr(after, name)
        if old != new and isinstance(old, tuple):
            lines.append(f"{name}: -{sorted(set(old) - set(new), key=repr)[:5]} "
                         f"+{sorted(set(new) - set(old), key=repr)[:5]}")
    return "\n".join(lines)


@contextlib.contextmanager
def spied_errors(fuzzed: FuzzedBot, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Record every domain error the error handler explains, and every unexpected error logged."""
    def spy(error: DomainError, lang: Lang) -> str:
        fuzzed.refusals.append(type(error).__name__)
        return error_text(error, lang)

    def sink(message: Any) -> None:
        record = message.record
        fuzzed.errors.append(f"{record['message']}\n{record['exception']}")

    monkeypatch.setattr(handlers.errors, "error_text", spy)
    sink_id = logger.add(sink, level="ERROR", format="{message}")
    try:
        yield
    finally:
        logger.remove(sink_id)


@contextlib.asynccontextmanager
async def fuzzed_bot(database_url: str, monkeypatch: pytest.MonkeyPatch
                     ) -> AsyncIterator[FuzzedBot]:
    """The bot at 08:00 on 9 January 2020, when Sở Y tế gets a reminder; its admin is also
    office and an officer of Sở Y tế, and has that reminder in their chat."""
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin = fake.add_user("Quản trị", username="quantri")
    clock = SimulatedClock(local(2020, 1, 9, 8))
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=clock) as bot:
        fake.send_command(admin, "whoami")
        await fake.wait_for_bot_messages(admin)
        await bot.deps.database.run(lambda s: _make_office_and_officer(s, admin.id))
        await bot.reminders.replan()
        await bot.reminders.run_due()
        await bot.reminders.idle()
        await fake.wait_for(lambda: status_buttons(fake, admin), what="a reminder")
        state = await bot.deps.database.run(read_state)
        fuzzed = FuzzedBot(bot, fake, admin, asyncio.get_running_loop(), state)
        assert bot.application is not None
        processor = cast(LoggingUpdateProcessor, bot.application.update_processor)
        processor.listeners.append(fuzzed.on_handled)
        with spied_errors(fuzzed, monkeypatch):
            yield fuzzed
        await bot.reminders.idle()


def _make_office_and_officer(session: Session, telegram_user_id: int) -> None:
    person = session.scalars(
        select(Person).where(Person.telegram_user_id == telegram_user_id)).one()
    person.is_office = True
    unit_id = session.scalars(select(Unit.id).where(Unit.code == ADMIN_UNIT)).one()
    session.add(Membership(person_id=person.id, unit_id=unit_id, created_at=person.created_at))


def status_buttons(fake: FakeTelegram, admin: FakeUser) -> LoggedMessage | None:
    """The latest bot message in the admin's chat with the four answer buttons."""
    for message in reversed(fake.bot_messages(admin)):
        if any(data.startswith("st:") for data in message.callback_data):
            return message
    return None

