"""Trà Vinh reorganised on 1/7/2025, end to end, on each database: June, the plan and the apply
on 30/6, then July day by day on a simulated clock.

Before: the quarterly report (`quy`, 10/06/2025) is partly answered — Sở Tài chính (Tài) and
Sở Kế hoạch và Đầu tư (Kế) sent it, Càng Long (Long) is still working on it, Cầu Kè (Kè, head
Hiền) and Duyên Hải (Hải) never answered. A one-off report due 20/07/2025 binds Sở KH&ĐT and
Càng Long by name. The reorganisation file (1/7/2025): Sở KH&ĐT is absorbed into Sở Tài chính;
Càng Long and Cầu Kè merge into the new Xã Càng Long, their open reports carried to it; Duyên
Hải is dissolved, its open report closed as "unit reorganised".

After: Q3/2025 (its first reminder 40 working days ahead, in July) and 20/7 reminders reach the
successors' officers and nobody of a closed unit; people are told; the office confirms Hiền as
the new unit's head; the 2025 export and the dashboard show each report against the units valid
when it was due.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

import httpx
import pytest
from openpyxl import load_workbook
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.domain.reminder_offsets import ReminderOffsets
from bot.services.reorganisations import apply_reorganisations, plan_reorganisations
from bot.texts.reorganisations_render import plain, plan_text
from config.reorganisation_file import load_reorganisations
from db.models import Deadline, Membership, Person, Unit
from tests.e2e.harness import RunningBot, running_bot
from tests.e2e.quarter_play import Received
from tests.e2e.test_dashboard import LINK
from tests.e2e.test_registration import create_invite
from tests.e2e.test_reminders import register
from tests.e2e.webhook_harness import loopback_socket
from tests.fake_telegram import FakeTelegram, FakeUser, LoggedMessage, RateLimits
from tests.support.clock import TRA_VINH, SimulatedClock, local
from tests.support.digest_data import add_answer
from tests.support.html_table import page_text, table_rows
from tests.support.postgres_server import PostgresServer
from tests.support.reminder_data import add_one_off_deadline

JULY_1 = date(2025, 7, 1)
OFFICE = "Hạnh"
# person → (unit code, head?)
PEOPLE = {"Tài": ("stc", False), "Kế": ("skhdt", False), "Long": ("canglong", False),
          "Kè": ("cauke", False), "Hiền": ("cauke", True), "Hải": ("duyenhai", False)}
REORGANISATION = """\
format: 1
reorganisations:
  - effective_on: 01/07/2025
    kind: absorb
    legal_basis: {document: 45/2025/NĐ-CP, date: 28/02/2025}
    predecessors: [skhdt]
    successors: [stc]
  - effective_on: 01/07/2025
    kind: merge
    legal_basis: {document: 1687/NQ-UBTVQH15, date: 16/06/2025}
    predecessors: [canglong, cauke]
    successors: [xacl]
    create:
      - {code: xacl, name: Xã Càng Long, group: commune}
    pending: carry
  - effective_on: 01/07/2025
    kind: dissolve
    legal_basis: {document: 1687/NQ-UBTVQH15, date: 16/06/2025}
    predecessors: [duyenhai]
    pending: close
"""
HEADINGS = ("⏰ Nhắc hạn gửi báo cáo", "📅 Hôm nay là hạn gửi báo cáo", "⚠️ Báo cáo đã quá hạn",
            "🚨 Đôn đốc: báo cáo quá hạn")


@dataclass(frozen=True)
class Walk:
    """What the two months left: every bot message by reader, the plan as printed, what a
    second apply said, the 2025 workbook and the dashboard's 2025 matrix."""

    inbox: dict[str, list[Received]]
    plan: str
    second_apply: str
    head_confirmed: str
    heads_of_xacl: list[str]
    invite_refusal: str
    workbook: bytes
    matrix: tuple[list[str], dict[str, list[str]]]
    unit_pages: dict[str, str]  # code → the dashboard's 2025 page of the unit (its words)

    def reminders(self, name: str, since: date = date.min) -> list[Received]:
        return [m for m in self.inbox[name]
                if m.heading in HEADINGS and m.at.date() >= since]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def walk(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Walk:
    folder = tmp_path_factory.mktemp("reorganisation")
    (folder / "tra_vinh_2025.yaml").write_text(REORGANISATION, encoding="utf-8")
    if request.param == "sqlite":
        return asyncio.run(walk_june_and_july(f"sqlite:///{folder}/bot.sqlite3", folder))
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = f"test_{uuid.uuid4().hex[:12]}"
    server.execute(f"CREATE DATABASE {name}")
    try:
        return asyncio.run(walk_june_and_july(server.url(name), folder))
    finally:
        server.execute(f"DROP DATABASE {name} WITH (FORCE)")


def the_reports_of_2025(session: Session) -> None:
    """Only `quy` (its first Q3 reminder 40 working days ahead) and a report due 20/07/2025
    naming Sở KH&ĐT and Càng Long run; Q1 and Q2 answered as the module says."""
    now = local(2025, 6, 2, 7)
    session.execute(update(Deadline).where(Deadline.code != "quy").values(paused=True))
    session.execute(update(Deadline).where(Deadline.code == "quy")
                    .values(before_offsets=[40, 7, 3, 1]))
    add_one_off_deadline(session, "bc2007", date(2025, 7, 20), now, units="skhdt canglong",
                         title="Báo cáo sơ kết 6 tháng", offsets=ReminderOffsets())
    q2 = date(2025, 6, 10)
    add_answer(session, "quy", q2, "stc", "submitted", local(2025, 6, 9, 10), on_time=True)
    add_answer(session, "quy", q2, "skhdt", "submitted", local(2025, 6, 10, 10), on_time=True)
    add_answer(session, "quy", q2, "canglong", "in_progress", local(2025, 6, 5, 10),
               note="Đang tổng hợp số liệu các xã")


async def walk_june_and_july(database_url: str, folder: Path) -> Walk:
    clock = SimulatedClock(local(2025, 6, 2, 7))
    fake = FakeTelegram(rate_limits=RateLimits.off(), wall_clock=lambda: clock().timestamp())
    admin = fake.add_user("Admin")
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=clock,
                           web_socket=loopback_socket()) as bot:
        await bot.deps.database.run(the_reports_of_2025)
        people = await register_everyone(bot, fake, admin)
        await walk_days(bot, clock, date(2025, 6, 2), date(2025, 6, 30))
        unused_invite = await create_invite(fake, admin, "cauke")
        events = load_reorganisations(folder / "tra_vinh_2025.yaml")
        now, tz = clock(), TRA_VINH
        plan = await bot.deps.database.run(
            lambda s: plan_reorganisations(s, events, now, tz))
        await bot.deps.database.run(lambda s: apply_reorganisations(s, events, now, tz))
        again = await bot.deps.database.run(lambda s: apply_reorganisations(s, events, now, tz))
        await bot.reminders.replan()
        await bot.reminders.run_due()
        confirmed = await office_confirms_hien(fake, people)
        newcomer = fake.add_user("Người mới")
        fake.send_command(newcomer, "start", unused_invite)
        [refusal] = await fake.wait_for_bot_messages(newcomer)
        await walk_days(bot, clock, JULY_1, date(2025, 7, 31))
        await bot.reminders.idle()
        heads = await bot.deps.database.run(heads_of("xacl"))
        workbook = await export_2025(fake, people[OFFICE])
        matrix, unit_pages = await dashboard_2025(fake, people[OFFICE])
        inbox = {name: [Received.of(m) for m in fake.bot_messages(user)]
                 for name, user in people.items()}
    return Walk(inbox, plain(plan_text(plan, "vi")), plain(plan_text(again, "vi")),
                confirmed, heads, refusal.text or "", workbook, matrix, unit_pages)


async def register_everyone(bot: RunningBot, fake: FakeTelegram, admin: FakeUser
                            ) -> dict[str, FakeUser]:
    people = {OFFICE: fake.add_user(OFFICE)}
    await register(bot, fake, admin, people[OFFICE], "office")
    for name, (code, head) in PEOPLE.items():
        people[name] = fake.add_user(name)
        await register(bot, fake, admin, people[name], code, *(("head",) if head else ()))
    return people


async def walk_days(bot: RunningBot, clock: SimulatedClock, first: date, last: date) -> None:
    day = first
    while day <= last:
        clock.set(local(day.year, day.month, day.day, 7))
        await bot.reminders.replan()
        clock.set(local(day.year, day.month, day.day, 8))
        await bot.reminders.run_due()
        day += timedelta(days=1)


async def office_confirms_hien(fake: FakeTelegram, people: dict[str, FakeUser]) -> str:
    office = people[OFFICE]
    [request] = [m for m in fake.bot_messages(office) if "Hiền" in (m.text or "")]
    seen = len(fake.bot_messages(office))
    fake.press_button(office, request.message_id, button_text="✅ Xác nhận Hiền là lãnh đạo xacl")
    [answer] = await fake.wait_for(lambda: fake.bot_messages(office)[seen:] or None,
                                   what="the office's confirmation")
    return answer.text or ""


def heads_of(code: str):  # type: ignore[no-untyped-def]
    def read(session: Session) -> list[str]:
        return list(session.scalars(
            select(Person.full_name).join(Membership, Membership.person_id == Person.id)
            .join(Unit, Unit.id == Membership.unit_id)
            .where(Unit.code == code, Membership.is_head)))
    return read


async def answer_to(fake: FakeTelegram, user: FakeUser, command: str, *args: str
                    ) -> LoggedMessage:
    """The bot's first message to `user` after they send `command`."""
    seen = len(fake.bot_messages(user))
    fake.send_command(user, command, *args)
    [answer] = await fake.wait_for(lambda: fake.bot_messages(user)[seen:seen + 1] or None,
                                   timeout=30, what=f"an answer to /{command}")
    return answer


async def export_2025(fake: FakeTelegram, office: FakeUser) -> bytes:
    sent = await answer_to(fake, office, "export", "2025")
    return fake.file_content(sent.message["document"]["file_id"])


async def dashboard_2025(fake: FakeTelegram, office: FakeUser
                         ) -> tuple[tuple[list[str], dict[str, list[str]]], dict[str, str]]:
    link = LINK.search((await answer_to(fake, office, "web")).text or "")
    assert link is not None
    base_url, path = link.group(1), link.group(2)
    async with httpx.AsyncClient(base_url=base_url, trust_env=False) as client:
        opened = await client.get(path)
        page = await client.get(opened.headers["location"], params={"year": "2025"})
        units = {code: await client.get(f"/unit/{code}", params={"year": "2025"})
                 for code in ("xacl", "canglong", "duyenhai")}
    assert page.status_code == 200, page.text
    assert all(unit.status_code == 200 for unit in units.values())
    return table_rows(page.text, "matrix"), {code: page_text(unit.text)
                                             for code, unit in units.items()}


# -- what the plan said and did --------------------------------------------------------------
def test_the_plan_lists_units_people_deadlines_open_reports_and_invites(walk: Walk) -> None:
    plan = walk.plan
    assert "Sáp nhập Sở Kế hoạch và Đầu tư (skhdt) vào Sở Tài chính (stc) từ 01/07/2025" in plan
    assert ("Hợp nhất Ủy ban nhân dân huyện Càng Long (canglong), Ủy ban nhân dân huyện Cầu Kè "
            "(cauke) thành Xã Càng Long (xacl) từ 01/07/2025") in plan
    assert "Giải thể Ủy ban nhân dân huyện Duyên Hải (duyenhai) từ 01/07/2025" in plan
    assert "• Đơn vị mới: xacl — Xã Càng Long" in plan
    assert "• Kè: cauke → xacl" in plan
    assert "• Hiền: cauke → xacl (lãnh đạo đơn vị cũ" in plan
    assert "• Hải: thôi làm đầu mối của duyenhai" in plan
    assert "• Hạn bc2007 (skhdt canglong): bớt canglong; thêm xacl" in plan
    assert ("• Báo cáo quy hạn 10/06/2025 của canglong chưa gửi → chuyển cho xacl") in plan
    assert ("• Báo cáo quy hạn 10/06/2025 của duyenhai chưa gửi → đóng (đơn vị đã sắp xếp lại)"
            in plan)
    assert "của stc" not in plan and "quy hạn 10/06/2025 của skhdt" not in plan  # both sent
    assert "• Thu hồi lời mời số" in plan and "(cauke, cán bộ)" in plan


def test_a_second_apply_changes_nothing_and_says_so(walk: Walk) -> None:
    assert walk.second_apply == (
        "Mọi sự kiện trong kế hoạch đã được áp dụng trước đó; không có gì thay đổi.")


def test_people_are_told_once_naming_the_old_and_the_new_unit(walk: Walk) -> None:
    def notices(name: str) -> list[str]:
        return [m.text for m in walk.inbox[name] if m.text.startswith("🏛")]

    [long_told] = notices("Long")
    assert "Ủy ban nhân dân huyện Càng Long (canglong) được hợp nhất thành Xã Càng Long" in (
        long_told)
    assert "nay là đầu mối của Xã Càng Long (mã xacl)" in long_told
    [ke_told] = notices("Kế")
    assert "được sáp nhập vào Sở Tài chính" in ke_told
    [hai_told] = notices("Hải")
    assert "đã kết thúc hoạt động. Đơn vị kế thừa: không có (giải thể)" in hai_told
    assert notices("Tài") == []


def test_the_office_confirms_the_former_head_as_the_new_units_head(walk: Walk) -> None:
    assert walk.head_confirmed == "✅ Hiền đã là lãnh đạo Xã Càng Long (mã xacl)."
    assert walk.heads_of_xacl == ["Hiền"]


def test_an_invite_to_a_closed_unit_is_refused_naming_the_successor(walk: Walk) -> None:
    assert walk.invite_refusal.startswith(
        "Ủy ban nhân dân huyện Cầu Kè (mã cauke) đã kết thúc hoạt động từ ngày 01/07/2025")
    assert "Đơn vị kế thừa: Xã Càng Long (xacl)" in walk.invite_refusal


# -- July's reminders ------------------------------------------------------------------------
def test_july_reminders_reach_the_successors_officers_and_nobody_of_a_closed_unit(
    walk: Walk
) -> None:
    for name in ("Long", "Kè", "Tài", "Kế"):
        july = walk.reminders(name, since=JULY_1)
        assert any("Báo cáo quý" in m.text for m in july), (name, [m.text for m in july])
    for name in ("Long", "Kè", "Kế", "Tài"):
        july = walk.reminders(name, since=JULY_1)
        assert any("Báo cáo sơ kết 6 tháng" in m.text for m in july), name
    assert walk.reminders("Hải", since=JULY_1) == []
    for name in ("Long", "Kè", "Hiền"):
        for message in walk.reminders(name, since=JULY_1):
            assert "Xã Càng Long" in message.text
            assert "huyện Càng Long" not in message.text and "huyện Cầu Kè" not in message.text


def test_before_the_date_the_old_units_were_reminded_as_they_were(walk: Walk) -> None:
    june = [m for m in walk.reminders("Kè") if m.at.date() < JULY_1]
    assert june and all("huyện Cầu Kè" in m.text for m in june)
    assert [m for m in walk.reminders("Hải") if m.at.date() < JULY_1]


# -- history ---------------------------------------------------------------------------------
def test_the_2025_export_shows_each_report_against_the_units_valid_when_it_was_due(
    walk: Walk
) -> None:
    book = load_workbook(BytesIO(walk.workbook), read_only=True)
    sheets = {name: {row[0]: row for row in book[name].iter_rows(min_row=2, values_only=True)}
              for name in book.sheetnames[1:]}
    q1, q2, q3 = (sheets[f"quy 10.{month}.2025"] for month in ("03", "06", "09"))
    assert {"canglong", "cauke", "duyenhai", "skhdt"} <= q1.keys() and "xacl" not in q1
    assert "xacl" in q2 and "canglong" not in q2 and "cauke" not in q2  # carried
    assert "duyenhai" not in q2  # closed as reorganised: owed by nobody, not missing
    assert q2["stc"][2] == "Đã gửi – đúng hạn" and q2["skhdt"][2] == "Đã gửi – đúng hạn"
    assert "xacl" in q3 and not {"canglong", "cauke", "duyenhai", "skhdt"} & q3.keys()


def test_the_dashboard_matrix_shows_both_structures(walk: Walk) -> None:
    header, rows = walk.matrix
    assert {"canglong", "cauke", "duyenhai", "skhdt", "xacl", "stc"} <= rows.keys()
    q1 = next(i for i, h in enumerate(header) if "Quý I/2025" in h)
    q2 = next(i for i, h in enumerate(header) if "Quý II/2025" in h)
    assert rows["duyenhai"][q1] == "Quá hạn"  # missed before the window: history stays
    assert rows["duyenhai"][q2] != "Quá hạn"
    assert rows["xacl"][q1] != "Quá hạn"
    assert rows["canglong"][q2] != "Quá hạn"


def test_a_units_page_shows_its_lineage_and_the_predecessors_record(walk: Walk) -> None:
    xacl = walk.unit_pages["xacl"]
    assert ("Từ 01/07/2025: hợp nhất Ủy ban nhân dân huyện Càng Long (canglong), Ủy ban nhân "
            "dân huyện Cầu Kè (cauke) vào đơn vị này (1687/NQ-UBTVQH15 ngày 16/06/2025).") in xacl
    assert "Hồ sơ năm 2025 của đơn vị tiền thân Ủy ban nhân dân huyện Càng Long (canglong)" in xacl
    assert "Hồ sơ năm 2025 của đơn vị tiền thân Ủy ban nhân dân huyện Cầu Kè (cauke)" in xacl
    assert ("Từ 01/07/2025: đơn vị này hợp nhất; đơn vị kế thừa: Xã Càng Long (xacl)"
            in walk.unit_pages["canglong"])
    assert ("Từ 01/07/2025: đơn vị này giải thể; đơn vị kế thừa: không có"
            in walk.unit_pages["duyenhai"])
