"""The quarter of tests/e2e/test_quarter.py, played day by day: who does what and when, and
what each person received (kept as plain data for the tests to check)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import update
from sqlalchemy.orm import Session

from db.models import Deadline
from tests.e2e.harness import RunningBot, running_bot
from tests.e2e.test_digests import digest_runner
from tests.e2e.test_reminders import register
from tests.e2e.test_status_files import PDF
from tests.fake_telegram import FakeTelegram, FakeUser, LoggedMessage, RateLimits
from tests.support.clock import TRA_VINH, SimulatedClock, local
from tests.support.reminder_data import pause_deadlines_except

CODE = "quy"
TITLE = "Báo cáo quý, đánh giá tình hình thực hiện Kế hoạch hành động của UBND tỉnh"
GRANTED = date(2020, 3, 20)
DIGEST_DAY = date(2020, 3, 11)  # the working day after the due date (Tuesday 10/03)
FIRST_DAY, LAST_DAY = date(2020, 1, 1), date(2020, 3, 31)

# unit code → (name, officer, head): in the order the province's data lists them
UNITS = {
    "snv": ("Sở Nội vụ", "Nam", None),
    "stp": ("Sở Tư pháp", "Mai", None),
    "stc": ("Sở Tài chính", "Tuấn", None),
    "sct": ("Sở Công Thương", "Thảo", "Tâm"),
    "sxd": ("Sở Xây dựng", "Dũng", None),
    "syt": ("Sở Y tế", "Lan", "Hùng"),
    "canglong": ("Ủy ban nhân dân huyện Càng Long", "Long", None),
}
OFFICE = "Hạnh"
DIFFICULTY = "Thiếu số liệu giải ngân vốn đầu tư công của các huyện"
PROPOSAL = "Đề nghị Sở Kế hoạch và Đầu tư cung cấp số liệu trước ngày 09/03"
REASON = "Chờ số liệu xuất khẩu quý I của Cục Thống kê"
DRAFT, DRAFT_NOTE = "Du thao bao cao quy I.pdf", "Dự thảo, đang lấy ý kiến các phòng"

REMINDED, DUE_TODAY = "⏰ Nhắc hạn gửi báo cáo", "📅 Hôm nay là hạn gửi báo cáo"
OVERDUE, ESCALATION = "⚠️ Báo cáo đã quá hạn", "🚨 Đôn đốc: báo cáo quá hạn"
REMINDER_HEADINGS = (REMINDED, DUE_TODAY, OVERDUE, ESCALATION)
DIGEST_TITLE = "📊 Tình hình thực hiện chế độ báo cáo"
APPROVED = "✅ Văn phòng UBND tỉnh đồng ý gia hạn"


# -- the quarter, played ---------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Received:
    """A bot message as its reader saw it: when (local time), what, under which buttons."""

    at: datetime
    text: str
    buttons: tuple[str, ...]

    @classmethod
    def of(cls, message: LoggedMessage) -> Received:
        return cls(datetime.fromtimestamp(message.message["date"], TRA_VINH),
                   message.text or "", tuple(message.button_texts))

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    @property
    def heading(self) -> str:
        return self.lines[0]

    @property
    def due_line(self) -> str:
        return next((line for line in self.lines if line.startswith("Hạn gửi:")), "")

    @property
    def is_reminder(self) -> bool:
        return self.heading in REMINDER_HEADINGS

    @property
    def is_digest(self) -> bool:
        return self.heading == DIGEST_TITLE


@dataclass(frozen=True, slots=True)
class Quarter:
    """What the quarter left: every bot message by reader, the bot's answers to each scripted
    action, when the extension was approved, the archive folder and the downloaded workbook."""

    inbox: dict[str, list[Received]]
    answers: dict[str, list[Received]]
    approved_at: datetime
    archive: Path
    workbook: tuple[str, bytes]  # file name, content

    def reminders(self, name: str) -> list[Received]:
        return [message for message in self.inbox[name] if message.is_reminder]

    def digest_of(self, day: date) -> Received:
        [digest] = [m for m in self.inbox[OFFICE] if m.is_digest and m.at.date() == day]
        return digest


@dataclass
class Play:
    """The quarter while it runs: the bot, Telegram, the clock, the people by name."""

    bot: RunningBot
    fake: FakeTelegram
    clock: SimulatedClock
    people: dict[str, FakeUser]
    answers: dict[str, list[Received]] = field(default_factory=dict)
    approved_at: datetime | None = None
    workbook: tuple[str, bytes] = ("", b"")

    def reminder(self, name: str, day: date) -> LoggedMessage:
        """The reminder `name` received on `day`."""
        [found] = [message for message in self.fake.bot_messages(self.people[name])
                   if (seen := Received.of(message)).is_reminder and seen.at.date() == day]
        return found

    async def act(self, name: str, action: str, do: Callable[[FakeUser], object],
                  count: int = 1, prefix: str = "", timeout: float = 5) -> list[LoggedMessage]:
        """`name` does something; keep the bot's next `count` messages to them (those starting
        with `prefix`) under `action`, and let the replan it may trigger finish."""
        user = self.people[name]
        seen = len(self.fake.bot_messages(user))
        do(user)
        found = await self.new_messages(name, seen, count, prefix, timeout)
        self.answers.setdefault(action, []).extend(Received.of(m) for m in found)
        await self.bot.reminders.idle()
        return found

    async def new_messages(self, name: str, seen: int, count: int = 1, prefix: str = "",
                           timeout: float = 5) -> list[LoggedMessage]:
        user = self.people[name]

        def fresh() -> list[LoggedMessage]:
            new = [m for m in self.fake.bot_messages(user)[seen:]
                   if (m.text or "").startswith(prefix)]
            return new[:count] if len(new) >= count else []

        found: list[LoggedMessage] = await self.fake.wait_for(
            fresh, timeout, f"{count} new message(s) to {name}")
        return found

    async def press(self, name: str, message: LoggedMessage, label: str, action: str,
                    count: int = 1) -> list[LoggedMessage]:
        return await self.act(name, action, lambda user: self.fake.press_button(
            user, message.message_id, button_text=label), count)

    async def say(self, name: str, typed: str, action: str) -> list[LoggedMessage]:
        return await self.act(name, action, lambda user: self.fake.send_text(user, typed))


async def tuan_is_working_on_it(play: Play) -> None:
    await play.press("Tuấn", play.reminder("Tuấn", date(2020, 2, 28)), "Đang thực hiện",
                     "in progress")


async def dung_reports_a_difficulty(play: Play) -> None:
    reminder = play.reminder("Dũng", date(2020, 2, 28))
    await play.press("Dũng", reminder, "Có khó khăn, vướng mắc", "blocked")
    await play.say("Dũng", DIFFICULTY, "blocked")
    await play.say("Dũng", PROPOSAL, "blocked")


async def thao_asks_for_more_time(play: Play) -> None:
    await play.press("Thảo", play.reminder("Thảo", date(2020, 3, 5)), "Đề nghị gia hạn",
                     "extension")
    await play.say("Thảo", GRANTED.strftime("%d/%m/%Y"), "extension")
    await play.say("Thảo", REASON, "extension")


async def long_replies_with_the_draft(play: Play) -> None:
    reminder = play.reminder("Long", date(2020, 3, 5))
    await play.act("Long", "file", lambda user: play.fake.send_document(
        user, PDF, DRAFT, "application/pdf", caption=DRAFT_NOTE, reply_to=reminder.message_id))


async def nam_sends_on_time(play: Play) -> None:
    await play.press("Nam", play.reminder("Nam", date(2020, 3, 9)), "Đã gửi báo cáo", "on time",
                     count=2)
    await play.say("Nam", "15/BC-SNV", "on time")


async def the_office_approves_the_extension(play: Play) -> None:
    hanh = play.people[OFFICE]
    [digest] = [message for message in play.fake.bot_messages(hanh)
                if (seen := Received.of(message)).is_digest and seen.at.date() == DIGEST_DAY]
    play.answers["digest before approval"] = [Received.of(digest)]
    before = {name: len(play.fake.bot_messages(play.people[name])) for name in ("Thảo", "Tâm")}
    await play.press(OFFICE, digest, "Duyệt gia hạn sct", "approval")
    for name in ("Thảo", "Tâm"):
        [told] = await play.new_messages(name, before[name], prefix=APPROVED)
        play.answers[f"approval to {name}"] = [Received.of(told)]
    await play.fake.wait_for(lambda: "✓ Duyệt gia hạn sct" in play.fake.message(
        hanh, digest.message_id).button_texts, what="the approval button to be ticked")
    ticked = play.fake.message(hanh, digest.message_id)
    play.answers["digest after approval"] = [Received.of(ticked)]
    play.approved_at = play.clock()


async def mai_sends_late_without_a_number(play: Play) -> None:
    _sent, question = await play.press("Mai", play.reminder("Mai", date(2020, 3, 11)),
                                       "Đã gửi báo cáo", "late", count=2)
    play.fake.press_button(play.people["Mai"], question.message_id, button_text="Bỏ qua")
    await play.fake.wait_for(
        lambda: not play.fake.message(play.people["Mai"], question.message_id).button_texts,
        what="the document question to close")
    await play.bot.reminders.idle()


async def thao_sends_within_the_extension(play: Play) -> None:
    await play.press("Thảo", play.reminder("Thảo", date(2020, 3, 5)), "Đã gửi báo cáo",
                     "within the extension", count=2)
    await play.say("Thảo", "12/BC-SCT", "within the extension")


async def the_office_downloads_the_year(play: Play) -> None:
    [sent] = await play.act(OFFICE, "export", lambda user: play.fake.send_command(
        user, "export", "2020"), timeout=30)
    document = sent.message["document"]
    play.workbook = (document["file_name"], play.fake.file_content(document["file_id"]))


Action = Callable[[Play], Awaitable[None]]
SCRIPT: dict[date, Action] = {
    date(2020, 3, 2): tuan_is_working_on_it,
    date(2020, 3, 4): dung_reports_a_difficulty,
    date(2020, 3, 5): thao_asks_for_more_time,
    date(2020, 3, 6): long_replies_with_the_draft,
    date(2020, 3, 9): nam_sends_on_time,
    DIGEST_DAY: the_office_approves_the_extension,
    date(2020, 3, 12): mai_sends_late_without_a_number,
    date(2020, 3, 19): thao_sends_within_the_extension,
    date(2020, 3, 31): the_office_downloads_the_year,
}


def the_quarterly_report_only(session: Session) -> None:
    """Only `quy` runs (the launch documents due 20/01 are paused), for our seven units."""
    pause_deadlines_except(session, CODE)
    session.execute(update(Deadline).where(Deadline.code == CODE)
                    .values(units_selector=" ".join(UNITS)))


async def register_everyone(bot: RunningBot, fake: FakeTelegram, admin: FakeUser
                            ) -> dict[str, FakeUser]:
    """Through chat, with the admin's invites: the office, each unit's officer and head."""
    people = {OFFICE: fake.add_user(OFFICE)}
    await register(bot, fake, admin, people[OFFICE], "office")
    for code, (_unit, officer, head) in UNITS.items():
        people[officer] = fake.add_user(officer)
        await register(bot, fake, admin, people[officer], code)
        if head is not None:
            people[head] = fake.add_user(head)
            await register(bot, fake, admin, people[head], code, "head")
    return people


async def play_the_quarter(database_url: str, archive: Path) -> Quarter:
    clock = SimulatedClock(local(2019, 12, 31, 9))
    # Message dates follow the simulated clock, so each reader's messages carry their day.
    fake = FakeTelegram(rate_limits=RateLimits.off(), wall_clock=lambda: clock().timestamp())
    admin = fake.add_user("Admin")
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=clock,
                           bot_archive_dir=str(archive)) as bot:
        await bot.deps.database.run(the_quarterly_report_only)
        play = Play(bot, fake, clock, await register_everyone(bot, fake, admin))
        digests = await digest_runner(bot)
        day = FIRST_DAY
        while day <= LAST_DAY:
            clock.set(local(day.year, day.month, day.day, 7))
            await bot.reminders.replan()
            clock.set(local(day.year, day.month, day.day, 8))
            await bot.reminders.run_due()
            await digests.run_due()
            if (action := SCRIPT.get(day)) is not None:
                clock.set(local(day.year, day.month, day.day, 10))
                await action(play)
            clock.set(local(day.year, day.month, day.day, 16))
            await bot.reminders.run_due()
            day += timedelta(days=1)
        await bot.reminders.idle()
        assert play.approved_at is not None
        inbox = {name: [Received.of(m) for m in fake.bot_messages(user)]
                 for name, user in play.people.items()}
    return Quarter(inbox, play.answers, play.approved_at, archive, play.workbook)
