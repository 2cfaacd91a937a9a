"""The admins' deadline commands, end to end through the fake Bot API on both databases.

A deadline is added, edited, paused, resumed and deleted by command on a simulated clock
(today is Tuesday 01/12/2026); Lan, Sở Y tế's officer, then gets exactly the reminders the
answer announced, each time against the current rule. The province's own deadlines are paused
so that only the test's deadline reminds her. Bad input is refused with a Vietnamese message
saying what to fix, and changes nothing.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import AuditEntry, ChatFlow, Deadline, OutboxMessage, Person
from tests.e2e.harness import RunningBot, running_bot
from tests.e2e.test_extension_reminders import every_morning, sent_reminders
from tests.e2e.test_units_admin import NOW, admin_chat_telegram, ask, edited_to, register_officer
from tests.fake_telegram import FakeTelegram, FakeUser
from tests.support.clock import TRA_VINH, SimulatedClock, local
from tests.support.reminder_data import pause_deadlines_except

TITLE = "Báo cáo tình hình an toàn thực phẩm"
CODE = "bcthattp"  # the title's initials
MONTHLY_FOR_SYT = f"ngày 15 hằng tháng | {TITLE} | syt | 3,1"
FIRST_PLAN = [("before:3", date(2026, 12, 10)), ("before:1", date(2026, 12, 14)),
              ("due:0", date(2026, 12, 15)), ("overdue:1", date(2026, 12, 16)),
              ("escalation:3", date(2026, 12, 18)), ("escalation:7", date(2026, 12, 24))]
REFUSED = "Xin lỗi, lệnh /{command} chỉ dành cho {role}. Không có gì bị thay đổi."

OutboxRow = tuple[int, str, str, str]  # id, slot, state, planned (local date)
# code, title, rule, units, recipient, before offsets, paused, deleted_at
DeadlineRow = tuple[str, str, str, str, str, list[int], bool, datetime | None]
State = tuple[list[DeadlineRow], list[tuple[str, str]], list[OutboxRow], int]


@dataclass
class Province:
    """The running bot, two admins and Lan, Sở Y tế's registered officer."""

    fake: FakeTelegram
    bot: RunningBot
    clock: SimulatedClock
    admin: FakeUser
    deputy: FakeUser
    lan: FakeUser

    async def change(self, command: str, *args: str) -> str:
        """The admin's command and its answer, once the replan it asked for has finished."""
        answer = await ask(self.fake, self.admin, command, *args)
        await self.bot.reminders.idle()
        return answer.text or ""


@contextlib.asynccontextmanager
async def province(database_url: str, *, today: date = date(2026, 12, 1)
                   ) -> AsyncIterator[Province]:
    """The bot at 07:00 on `today` (before the morning's planning), the province's deadlines
    paused, Lan registered for Sở Y tế, two admins."""
    fake = admin_chat_telegram()
    admin, deputy, lan = (fake.add_user(name) for name in ("Quản trị", "Phó", "Lan"))
    clock = SimulatedClock(local(today.year, today.month, today.day, 7))
    async with running_bot(fake, database_url, admin_ids=(admin.id, deputy.id),
                           clock=clock) as bot:
        await bot.deps.database.run(lambda s: pause_deadlines_except(s, CODE))
        await register_officer(bot, lan, "syt")
        await bot.reminders.idle()
        yield Province(fake, bot, clock, admin, deputy, lan)


async def database_state(bot: RunningBot) -> State:
    """Every deadline as stored, the audit log, the outbox and how many flows are open."""
    def read(session: Session) -> State:
        deadlines = [(d.code, d.title, d.rule, d.units_selector, d.recipient_code,
                      d.before_offsets, d.paused, d.deleted_at)
                     for d in session.scalars(select(Deadline).order_by(Deadline.id))]
        audit = [(e.action, e.subject)
                 for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
        flows = session.scalar(select(func.count(ChatFlow.id))) or 0
        return deadlines, audit, outbox_rows(session), flows
    return await bot.deps.database.run(read)


def outbox_rows(session: Session) -> list[OutboxRow]:
    rows = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
    return [(row.id, row.slot, row.state, f"{row.planned_at.astimezone(TRA_VINH):%d/%m/%Y}")
            for row in rows]


async def outbox(bot: RunningBot) -> list[OutboxRow]:
    return await bot.deps.database.run(outbox_rows)


def reminders_rescheduled(before: list[OutboxRow], after: list[OutboxRow]) -> int:
    """Rows the change added, plus rows it cancelled, moved to another day or brought back."""
    earlier = {row[0]: row for row in before}
    added = [row for row in after if row[0] not in earlier]
    changed = [row for row in after if row[0] in earlier and row != earlier[row[0]]
               and "pending" in (row[2], earlier[row[0]][2])]
    return len(added) + len(changed)


def rescheduled_in(answer: str) -> int:
    found = re.search(r"Lịch nhắc: (\d+) lời nhắc được sắp xếp lại", answer)
    assert found is not None, answer
    return int(found[1])


def plan_in(answer: str) -> list[date]:
    """The days of the reminder plan the answer shows."""
    plan = answer.split("Lịch nhắc cho hạn ")[1]
    return [date(int(y), int(m), int(d))
            for d, m, y in re.findall(r"^• (\d\d)/(\d\d)/(\d{4}) — ", plan, re.MULTILINE)]


async def test_a_deadline_added_in_one_line_reminds_the_officer_exactly_as_its_answer_says(
    database_url: str
) -> None:
    async with province(database_url) as p:
        added = await p.change("deadline_add", MONTHLY_FOR_SYT)
        planned = await outbox(p.bot)
        await every_morning(p.bot, p.clock, date(2026, 12, 1), date(2026, 12, 31))
        sent = await sent_reminders(p.bot, p.fake, p.lan)
        state = await database_state(p.bot)
    assert added.startswith("✅ Đã thêm hạn báo cáo.\n\nLịch nhắc: 6 lời nhắc được sắp xếp lại; "
                            "0 hạn được điều chỉnh;")
    assert f"{TITLE}\nMã: {CODE}\n" in added
    assert "Hạn: ngày 15 hằng tháng\nĐơn vị báo cáo: 1 (syt)\nNhắc trước hạn: 3, 1 ngày" in added
    assert ("Các hạn tới\n• 15/12/2026 — Tháng 12/2026\n• 15/01/2027 — Tháng 1/2027\n"
            "• 15/02/2027 — Tháng 2/2027\n• 15/03/2027 — Tháng 3/2027\n"
            "• 15/04/2027 — Tháng 4/2027\n") in added
    assert len(planned) == 6 and {row[2] for row in planned} == {"pending"}
    assert [(slot, day) for slot, day, _text in sent] == FIRST_PLAN
    assert [day for _slot, day, _text in sent] == plan_in(added)
    assert all(TITLE in text and "15/12/2026" in text for _slot, _day, text in sent)
    assert state[1][-1] == ("deadline.add", CODE)


async def test_a_new_rule_reschedules_the_pending_reminders_and_they_follow_the_new_date(
    database_url: str
) -> None:
    async with province(database_url) as p:
        await p.change("deadline_add", MONTHLY_FOR_SYT)
        await every_morning(p.bot, p.clock, date(2026, 12, 1), date(2026, 12, 10))
        before = await outbox(p.bot)
        p.clock.set(local(2026, 12, 11, 9))
        edited = await p.change("deadline_edit", CODE, "han", "ngày 18 hằng tháng")
        after = await outbox(p.bot)
        await every_morning(p.bot, p.clock, date(2026, 12, 12), date(2026, 12, 31))
        sent = await sent_reminders(p.bot, p.fake, p.lan)
        audit = await p.bot.deps.database.run(lambda s: [
            (e.action, e.before, e.after) for e in s.scalars(select(AuditEntry))])
    assert edited.startswith(f"✅ Đã sửa hạn của {CODE}:\ntừ: ngày 15 hằng tháng\n"
                             "sang: ngày 18 hằng tháng\n\nLịch nhắc: ")
    assert rescheduled_in(edited) == reminders_rescheduled(before, after) > 0
    assert "Các hạn tới\n• 18/12/2026 — Tháng 12/2026\n" in edited
    first, *rest = sent
    assert first[:2] == ("before:3", date(2026, 12, 10))  # sent before the edit, against 15/12
    assert [(slot, day) for slot, day, _text in rest] == [
        ("before:3", date(2026, 12, 15)), ("before:1", date(2026, 12, 17)),
        ("due:0", date(2026, 12, 18)), ("overdue:1", date(2026, 12, 21)),
        ("escalation:3", date(2026, 12, 23)), ("escalation:7", date(2026, 12, 29))]
    assert [day for _slot, day, _text in rest] == plan_in(edited)
    assert all("18/12/2026" in text and "15/12/2026" not in text for _s, _d, text in rest)
    assert audit[-1][0] == "deadline.edit"
    assert audit[-1][1:] == ({"rule": "DTSTART:20261215\nRRULE:FREQ=MONTHLY;BYMONTHDAY=15"},
                             {"rule": "DTSTART:20261218\nRRULE:FREQ=MONTHLY;BYMONTHDAY=18"})


async def test_the_units_are_told_when_an_edit_moves_their_due_date(database_url: str) -> None:
    """Issue 7: a change that moves a unit's due date is announced to its people."""
    async with province(database_url) as p:
        await p.change("deadline_add", MONTHLY_FOR_SYT)
        await every_morning(p.bot, p.clock, date(2026, 12, 1), date(2026, 12, 10))
        p.clock.set(local(2026, 12, 11, 9))
        edited = await p.change("deadline_edit", CODE, "han", "ngày 18 hằng tháng")
        to_lan = [m.text for m in p.fake.bot_messages(p.lan) if "điều chỉnh" in (m.text or "")]
    assert "1 hạn được điều chỉnh; 1 cuộc trò chuyện của 1 đơn vị được thông báo." in edited
    assert to_lan == [f"📅 Hạn báo cáo «{TITLE}» (Tháng 12/2026) đã được điều chỉnh từ "
                      "15/12/2026 sang 18/12/2026.\nCác lời nhắc sẽ được gửi theo hạn mới."]


async def test_the_audit_log_names_deadline_and_calendar_changes_in_words(
    database_url: str
) -> None:
    """Issue 15: /audit showed `deadline.add`, `calendar.day_off` and RRULE text."""
    async with province(database_url) as p:
        await p.change("deadline_add", MONTHLY_FOR_SYT)
        await p.change("deadline_edit", CODE, "han", "ngày 18 hằng tháng")
        await p.change("dayoff", "04/12/2026", "Bão số 9")
        log = (await p.change("audit", "3")).splitlines()
    assert log[1:3] == [
        "01/12/2026 07:00 · Quản trị · thêm ngày nghỉ · 04/12/2026: "
        "loại ngày: ngày nghỉ, lý do: Bão số 9",
        f"01/12/2026 07:00 · Quản trị · sửa hạn báo cáo · {CODE}: "
        "hạn: ngày 15 hằng tháng → ngày 18 hằng tháng"]
    assert log[3].startswith(f"01/12/2026 07:00 · Quản trị · thêm hạn báo cáo · {CODE}: ")
    assert "hạn: ngày 15 hằng tháng" in log[3] and "RRULE" not in log[3]


async def test_a_paused_deadline_sends_nothing_until_it_is_resumed(database_url: str) -> None:
    async with province(database_url) as p:
        await p.change("deadline_add", MONTHLY_FOR_SYT)
        await every_morning(p.bot, p.clock, date(2026, 12, 1), date(2026, 12, 10))
        running = await outbox(p.bot)
        p.clock.set(local(2026, 12, 11, 9))
        paused = await p.change("deadline_pause", CODE)
        paused_rows = await outbox(p.bot)
        state_paused = await database_state(p.bot)
        paused_twice = await p.change("deadline_pause", CODE)
        listing = await p.change("deadlines")
        state_paused_twice = await database_state(p.bot)
        await every_morning(p.bot, p.clock, date(2026, 12, 12), date(2026, 12, 22))
        sent_while_paused = await sent_reminders(p.bot, p.fake, p.lan)
        p.clock.set(local(2026, 12, 23, 7))
        before_resuming = await outbox(p.bot)
        resumed = await p.change("deadline_resume", CODE)
        resumed_rows = await outbox(p.bot)
        resumed_twice = await p.change("deadline_resume", CODE)
        await every_morning(p.bot, p.clock, date(2026, 12, 23), date(2027, 1, 12))
        sent = await sent_reminders(p.bot, p.fake, p.lan)
        audit = (await database_state(p.bot))[1]
    assert paused.startswith(f"⏸ Đã tạm dừng {CODE} ({TITLE}). Để chạy lại: "
                             f"/deadline_resume {CODE}\n\nLịch nhắc: ")
    assert rescheduled_in(paused) == reminders_rescheduled(running, paused_rows) > 0
    assert "pending" not in {state for _id, _slot, state, _day in paused_rows}
    assert paused_twice == (f"Hạn báo cáo {CODE} ({TITLE}) đang tạm dừng. Để chạy lại: "
                            f"/deadline_resume {CODE}")
    assert state_paused_twice == state_paused
    assert f"• {CODE} {TITLE}\n  ngày 15 hằng tháng; 1 đơn vị; ⏸ đang tạm dừng" in listing
    assert [(slot, day) for slot, day, _text in sent_while_paused] == FIRST_PLAN[:1]
    assert resumed.startswith(f"▶️ Đã cho chạy lại {CODE} ({TITLE}).\n\nLịch nhắc: ")
    assert rescheduled_in(resumed) == reminders_rescheduled(before_resuming, resumed_rows) > 0
    assert resumed_twice == f"Hạn báo cáo {CODE} ({TITLE}) đang chạy, không cần tiếp tục."
    # Back on: the reminder still ahead for 15/12, then those of 15/01 (01/01 is a holiday).
    assert [(slot, day) for slot, day, _text in sent] == [
        *FIRST_PLAN[:1], ("escalation:7", date(2026, 12, 24)), ("before:3", date(2027, 1, 12))]
    assert [action for action, _code in audit[-3:]] == [
        "deadline.add", "deadline.pause", "deadline.resume"]


async def test_delete_asks_first_keep_changes_nothing_and_delete_stops_it_for_good(
    database_url: str
) -> None:
    async with province(database_url) as p:
        fake, admin = p.fake, p.admin
        await p.change("deadline_add", MONTHLY_FOR_SYT)
        before = await database_state(p.bot)
        question = await ask(fake, admin, "deadline_delete", CODE)
        question_text, question_buttons = question.text, question.button_texts
        fake.press_button(admin, question.message_id, button_text="Giữ lại")
        kept = await edited_to(fake, admin, question, "Đã giữ lại")
        kept_state = await database_state(p.bot)
        again = await ask(fake, admin, "deadline_delete", CODE)
        fake.press_button(admin, again.message_id, button_text="🗑 Xóa")
        deleted = (await edited_to(fake, admin, again, "Đã xóa")).text or ""
        await p.bot.reminders.idle()
        after = await database_state(p.bot)
        await every_morning(p.bot, p.clock, date(2026, 12, 1), date(2026, 12, 24))
        sent = await sent_reminders(p.bot, fake, p.lan)
        shown = await p.change("deadline", CODE)
        paused = await p.change("deadline_pause", CODE)
        added_again = await p.change("deadline_add", MONTHLY_FOR_SYT)
    assert question_text == (f"Xóa hạn báo cáo {CODE} ({TITLE})? Sẽ không còn nhắc hạn nào; các "
                             "báo cáo đã nhận vẫn được giữ, và mã này không dùng lại được.")
    assert question_buttons == ["🗑 Xóa", "Giữ lại"]
    assert (kept.text, kept.button_texts) == ("Đã giữ lại hạn báo cáo.", [])
    assert kept_state == before
    assert deleted.startswith(f"🗑 Đã xóa hạn báo cáo {CODE} ({TITLE}).\n\nLịch nhắc: 6 lời nhắc")
    assert rescheduled_in(deleted) == reminders_rescheduled(before[2], after[2]) == 6
    [row] = [row for row in after[0] if row[0] == CODE]
    assert row[7] is not None  # deleted_at: the row stays, for the reports it received
    assert after[1][-1] == ("deadline.delete", CODE)
    assert sent == []
    assert shown.startswith(f"Không tìm thấy hạn báo cáo có mã “{CODE}”.")
    assert paused.startswith(f"Không tìm thấy hạn báo cáo có mã “{CODE}”.")
    assert f"{TITLE}\nMã: {CODE}2\n" in added_again  # the deleted code is never reused


BAD_ONE_LINERS: list[tuple[tuple[str, ...], str]] = [
    (("deadline_add", "ngày 15 hằng tháng"),
     "Lệnh chưa đúng cú pháp. Cách dùng: /deadline_add <hạn> | <tên báo cáo> | <đơn vị> | "
     "<mốc nhắc>, ví dụ: /deadline_add 20/01 hằng năm | Văn bản triển khai kế hoạch"),
    (("deadline_add", "ngày 15 hằng tháng |   | syt"), "Tên báo cáo không được để trống"),
    (("deadline_add", "a | b | c | d | e"), "Lệnh chưa đúng cú pháp."),
    (("deadline_add", "31/02/2027 | Báo cáo"),
     "Ngày 31/02/2027 không có trên lịch: tháng 2/2027 chỉ có 28 ngày."),
    (("deadline_add", "10/07/2020 | Báo cáo"),
     "Ngày 10/07/2020 đã qua (hôm nay là 01/12/2026), nên hạn một lần này sẽ không bao giờ "
     "đến. Anh/chị vui lòng nhập một ngày từ hôm nay trở đi, hoặc nếu hạn lặp lại mỗi năm thì "
     "gõ, ví dụ: 10/07 hằng năm"),
    (("deadline_add", "khi nào xong | Báo cáo"), "Chưa đọc được hạn “khi nào xong”."),
    (("deadline_add", "ngày 31 hằng tháng | Báo cáo"),
     "Không phải tháng nào cũng có ngày 31 (tháng 2 chỉ có 28 hoặc 29 ngày)"),
    (("deadline_add", "29/02 hằng năm | Báo cáo"), "Ngày 29/02 chỉ có vào năm nhuận"),
    (("deadline_add", "ngày 15 hằng tháng | Báo cáo | all -xyz"),
     "Không tìm thấy đơn vị có mã “xyz”. Có phải anh/chị muốn nhập: syt"),
    (("deadline_add", "ngày 15 hằng tháng | Báo cáo | all | abc"),
     "Các mốc nhắc (abc) chưa hợp lệ: mỗi mốc là một số ngày làm việc"),
    (("deadline_add", "ngày 10 tháng cuối quý | Báo cáo | all | 90"),
     "Nếu nhắc trước 90 ngày làm việc thì lời nhắc cho hạn 10/03/2027 rơi vào ngày 26/10/2026, "
     "không muộn hơn hạn của kỳ trước (10/12/2026). Anh/chị vui lòng chọn số ngày nhỏ hơn."),
    (("deadline_edit", "quy", "nhac", "90"), "Nếu nhắc trước 90 ngày làm việc"),
    (("deadline_edit", "quy", "donvi", "all -xyz"), "Không tìm thấy đơn vị có mã “xyz”."),
    (("deadline_edit", "quy", "han", "10/07/2020"), "Ngày 10/07/2020 đã qua"),
    (("deadline_edit", "quy", "mau", "đỏ"),
     "Không có mục “mau” để sửa. Các mục: ten (tên báo cáo), cancu (căn cứ), noinhan (nơi "
     "nhận), han (hạn), donvi (đơn vị), nhac (mốc nhắc)."),
    (("deadline_edit", "quy", "han"), "Lệnh chưa đúng cú pháp. Cách dùng: /deadline_edit"),
    (("deadline_pause",), "Lệnh chưa đúng cú pháp. Cách dùng: /deadline_pause <mã>"),
    *[((command, "quyy", *rest), "Không tìm thấy hạn báo cáo có mã “quyy”. Có phải anh/chị "
       "muốn nhập: quy?") for command, *rest in [
           ("deadline_edit", "han", "ngày 15 tháng cuối quý"), ("deadline_pause",),
           ("deadline_resume",), ("deadline_delete",), ("deadline",)]],
]


async def test_bad_one_line_input_says_what_to_fix_and_changes_nothing(
    database_url: str
) -> None:
    async with province(database_url) as p:
        await p.change("deadline_resume", "quy")  # quy has reminders pending for Lan
        before = await database_state(p.bot)
        answers = [await p.change(*command) for command, _expected in BAD_ONE_LINERS]
        after = await database_state(p.bot)
    for answer, (command, expected) in zip(answers, BAD_ONE_LINERS, strict=True):
        assert answer.startswith(expected), (command, answer)
    assert "pending" in {row[2] for row in before[2]}
    assert after == before
    assert p.fake.bot_messages(p.lan) == []


async def test_a_deadline_can_be_sent_to_a_recipient_that_is_not_a_unit(
    database_url: str
) -> None:
    """The Chairman (chutich) receives khnam_duthao: another deadline may name him too."""
    async with province(database_url) as p:
        answer = await p.change("deadline_edit", "quy", "noinhan", "chutich")
        state = await database_state(p.bot)
    assert answer.startswith("✅ Đã sửa nơi nhận của quy:\ntừ: Văn phòng Ủy ban nhân dân tỉnh\n"
                             "sang: Chủ tịch Ủy ban nhân dân tỉnh")
    assert ("quy", "chutich") in {(row[0], row[4]) for row in state[0]}


async def test_officers_are_refused_the_deadline_commands_and_the_office_may_read_them(
    database_url: str
) -> None:
    async with province(database_url) as p:
        hanh = p.fake.add_user("Hạnh")
        await p.bot.deps.database.run(lambda s: s.add(Person(
            telegram_user_id=hanh.id, full_name="Hạnh", is_office=True, created_at=NOW)))
        before = await database_state(p.bot)
        lan_answers = [(await ask(p.fake, p.lan, *command)).text for command in [
            ("deadline_add", MONTHLY_FOR_SYT), ("deadline_add",), ("deadline_pause", "quy"),
            ("deadline_edit", "quy", "han", "ngày 15 tháng cuối quý"), ("deadlines",)]]
        office_refused = [(await ask(p.fake, hanh, *command)).text for command in [
            ("deadline_add", MONTHLY_FOR_SYT), ("deadline_pause", "quy"),
            ("deadline_delete", "quy")]]
        office_list = (await ask(p.fake, hanh, "deadlines")).text or ""
        office_detail = (await ask(p.fake, hanh, "deadline", "quy")).text or ""
        after = await database_state(p.bot)
    assert lan_answers == [
        REFUSED.format(command="deadline_add", role="quản trị viên"),
        REFUSED.format(command="deadline_add", role="quản trị viên"),
        REFUSED.format(command="deadline_pause", role="quản trị viên"),
        REFUSED.format(command="deadline_edit", role="quản trị viên"),
        REFUSED.format(command="deadlines", role="quản trị viên hoặc Văn phòng UBND tỉnh")]
    assert office_refused == [REFUSED.format(command=command, role="quản trị viên") for command in
                              ("deadline_add", "deadline_pause", "deadline_delete")]
    assert office_list.startswith("Hạn báo cáo (5). Xem chi tiết: /deadline <mã>")
    assert office_detail.startswith("Báo cáo quý, đánh giá tình hình thực hiện Kế hoạch hành "
                                    "động của UBND tỉnh\nMã: quy — ⏸ đang tạm dừng")
    assert after == before
