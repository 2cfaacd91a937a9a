"""The third quarter of 2025 in the new Vĩnh Long, end to end on each database: the bot starts
from config/data/vinh_long_2025.yaml (14 sở, 2 agencies, 124 xã and phường), the admin invites
every commune with one command, three officers register with their links from the workbook
the bot sent, and the quarterly report (`quy`, due Wednesday 10/09/2025) is walked day by day
from 01/08 to 12/09 on a simulated clock: replan at 07:00, reminders and digests at 08:00,
people act at 10:00.

An (the file's first commune, Phường Trà Vinh) sends on Thursday 04/09, Bình (the second) answers
"in progress" on Monday 08/09, Châu (the third) says nothing. On 11/09 at 08:00 the office's
digest of the quarter is one message: 140 units owe it, the counts (1 on time, 1 in progress,
138 overdue) and the same per group, the first 40 silent units in the file's order (Châu's
among them, An's and Bình's not), "… và 98 đơn vị khác" with the report's page on the
dashboard, eight "Đôn đốc" buttons and the command for the rest. No digest of the walk takes
more than three messages.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, timedelta

from tests.e2e.harness import RunningBot, running_bot
from tests.e2e.quarter_play import Received
from tests.e2e.test_digests import digest_runner
from tests.e2e.test_onboarding import invite_group, registers, token_of
from tests.e2e.test_reminders import register
from tests.fake_telegram import FakeTelegram, FakeUser, LoggedMessage, RateLimits
from tests.support.clock import SimulatedClock, local
from tests.support.digest_scale import VINH_LONG_FILE

DASHBOARD = "https://bot.example.gov.vn/dashboard"
FIRST_DAY, LAST_DAY = date(2025, 8, 1), date(2025, 9, 12)
DUE, DIGEST_DAY = date(2025, 9, 10), date(2025, 9, 11)
OFFICE = "Hạnh"
OFFICERS = ("An", "Bình", "Châu")  # of the first, second and third commune of the file
DIGEST_TITLE = "📊 Tình hình thực hiện chế độ báo cáo"
REMINDER_HEADINGS = ("⏰ Nhắc hạn gửi báo cáo", "📅 Hôm nay là hạn gửi báo cáo",
                     "⚠️ Báo cáo đã quá hạn", "🚨 Đôn đốc: báo cáo quá hạn")


@dataclass(frozen=True)
class Quarter:
    """What the walk left: each reader's messages, the communes of the officers by name."""

    inbox: dict[str, list[Received]]
    communes: dict[str, tuple[str, str]]  # officer → (unit code, unit name)
    answers: dict[str, list[str]]  # officer → the bot's answers to what they did

    def reminders(self, name: str) -> list[Received]:
        return [m for m in self.inbox[name] if m.heading in REMINDER_HEADINGS]

    def digests(self) -> dict[date, list[Received]]:
        found: dict[date, list[Received]] = {}
        for message in self.inbox[OFFICE]:
            if message.heading == DIGEST_TITLE:
                found.setdefault(message.at.date(), []).append(message)
        return found


@dataclass
class Walk:
    bot: RunningBot
    fake: FakeTelegram
    people: dict[str, FakeUser]
    answers: dict[str, list[str]]

    async def tap(self, name: str, label: str, replies: int) -> None:
        """`name` taps `label` under the newest reminder they received; keep the replies."""
        user = self.people[name]
        before = len(self.fake.bot_messages(user))
        reminder = [m for m in self.fake.bot_messages(user)
                    if Received.of(m).heading in REMINDER_HEADINGS][-1]
        self.fake.press_button(user, reminder.message_id, button_text=label)

        def fresh() -> list[LoggedMessage]:
            new = self.fake.bot_messages(user)[before:]
            return new[:replies] if len(new) >= replies else []

        told: list[LoggedMessage] = await self.fake.wait_for(
            fresh, what=f"{replies} answer(s) to {name}")
        self.answers[name] = [m.text or "" for m in told]
        await self.bot.reminders.idle()


async def an_sends(walk: Walk) -> None:
    await walk.tap("An", "Đã gửi báo cáo", replies=2)  # the receipt, the document question


async def binh_is_working_on_it(walk: Walk) -> None:
    await walk.tap("Bình", "Đang thực hiện", replies=1)


SCRIPT: dict[date, Callable[[Walk], Awaitable[None]]] = {
    date(2025, 9, 4): an_sends,
    date(2025, 9, 8): binh_is_working_on_it,
}


async def invite_and_register(bot: RunningBot, fake: FakeTelegram, admin: FakeUser
                              ) -> tuple[dict[str, FakeUser], dict[str, tuple[str, str]]]:
    """The office with its own invite; the officers with the first three communes' links of
    the workbook `/invite communes` sent."""
    people = {OFFICE: fake.add_user(OFFICE)}
    await register(bot, fake, admin, people[OFFICE], "office")
    rows, _pdf, _summary = await invite_group(fake, admin, "communes")
    assert len(rows) == 124
    communes: dict[str, tuple[str, str]] = {}
    for name, code in zip(OFFICERS, list(rows)[:len(OFFICERS)], strict=True):
        people[name] = fake.add_user(name)
        welcome = await registers(fake, admin, people[name], token_of(rows[code]))
        assert welcome.startswith("✅ Đăng ký thành công"), welcome
        communes[name] = (code, str(rows[code][1]))
    await bot.reminders.idle()
    return people, communes


async def walk_the_quarter(database_url: str) -> Quarter:
    clock = SimulatedClock(local(2025, 8, 1, 7))
    fake = FakeTelegram(rate_limits=RateLimits.off(), wall_clock=lambda: clock().timestamp())
    admin = fake.add_user("Quản trị")
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=clock,
                           bot_province_file=str(VINH_LONG_FILE),
                           web_base_url=DASHBOARD) as bot:
        people, communes = await invite_and_register(bot, fake, admin)
        walk = Walk(bot, fake, people, {})
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
                await action(walk)
            day += timedelta(days=1)
        await bot.reminders.idle()
        inbox = {name: [Received.of(m) for m in fake.bot_messages(user)]
                 for name, user in people.items()}
    return Quarter(inbox, communes, walk.answers)


def reminder_days(quarter: Quarter, name: str) -> list[date]:
    return [m.at.date() for m in quarter.reminders(name)]


async def test_vinh_longs_third_quarter_reaches_the_officers_and_the_office_reads_it_short(
    database_url: str
) -> None:
    quarter = await walk_the_quarter(database_url)
    # 7, 3 and 1 working days before (National Day, 1-2/09, is off), on the day, the day after;
    # nothing more once the report is sent.
    reminded = [date(2025, 8, 28), date(2025, 9, 5), date(2025, 9, 9), DUE, DIGEST_DAY]
    assert reminder_days(quarter, "Châu") == reminded
    assert reminder_days(quarter, "Bình") == reminded
    assert reminder_days(quarter, "An") == [date(2025, 8, 28)]
    assert quarter.answers["An"][0].startswith(
        f"✅ Đã ghi nhận: {quarter.communes['An'][1]} — Đã gửi báo cáo")
    assert "Gửi đúng hạn." in quarter.answers["An"][0]
    assert quarter.answers["Bình"][0].startswith(
        f"✅ Đã ghi nhận: {quarter.communes['Bình'][1]} — Đang thực hiện")

    digests = quarter.digests()
    assert all(len(messages) <= 3 for messages in digests.values()), {
        day: len(messages) for day, messages in digests.items()}
    [after_due] = digests[DIGEST_DAY]  # the working day after the due date, one message
    lines = after_due.lines
    assert lines[:10] == [
        DIGEST_TITLE, "Cập nhật ngày 11/09/2025", "",
        "1. Báo cáo quý, đánh giá tình hình thực hiện Kế hoạch hành động của UBND tỉnh (quy)",
        "Kỳ báo cáo: Quý III/2025", "Hạn gửi: 10/09/2025 — ⚠️ đã quá hạn 1 ngày làm việc",
        "Số đơn vị phải báo cáo: 140", "✅ Đã gửi – đúng hạn: 1", "🔄 Đang thực hiện: 1",
        "❌ Quá hạn – chưa gửi: 138"]
    groups = lines.index("Theo nhóm đơn vị:")
    assert lines[groups + 1:groups + 5] == [
        "• Sở, ban, ngành (14): 14 quá hạn", "• Cơ quan khác (2): 2 quá hạn",
        "• UBND cấp xã (124): 1 đúng hạn, 1 đang thực hiện, 122 quá hạn",
        "Các đơn vị chưa gửi báo cáo (138):"]
    named = [line.removeprefix("• ") for line in lines[groups + 5:] if line.startswith("• ")]
    # The 16 sở and agencies first, then the communes in the file's order, A and B left out.
    assert len(named) == 40 and named[0] == "Văn phòng Ủy ban nhân dân tỉnh"
    assert named[16] == quarter.communes["Châu"][1]
    assert quarter.communes["An"][1] not in named and quarter.communes["Bình"][1] not in named
    assert lines[groups + 45:groups + 47] == [
        "   … và 98 đơn vị khác",
        "🔗 Danh sách đầy đủ trên trang theo dõi (đăng nhập bằng /web): "
        f"{DASHBOARD}/report/quy/2025-09-10?year=2025"]
    assert lines[-1].startswith("➡️ Đôn đốc 130 đơn vị khác: gõ /dondoc quy 10/09/2025")
    assert after_due.buttons == tuple(f"Đôn đốc {code}" for code in (
        "vpubnd", "snv", "stp", "stc", "sct", "snnmt", "sxd", "skhcn"))
