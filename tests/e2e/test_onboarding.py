"""Onboarding a province end to end, on each database: an admin invites every commune at once,
officers register with links taken from the workbook, /units counts who is missing, the rest
of the links are revoked, and the office hears of the units without an officer every Monday,
once, until every unit has one.

The province is mostly small and made for the test: the office's unit and a department, three
communes followed, a disabled commune and one a reorganisation closed; one test takes the
shipped Vĩnh Long file, its 124 xã and phường invited with one command.
"""

from __future__ import annotations

import asyncio
import re
from io import BytesIO
from pathlib import Path

import pytest
import zxingcpp
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.orm import Session

from config.province import default_province_path
from db.models import AuditEntry, Invite, Membership
from scheduler.digests import build_digest_runner
from tests.e2e.harness import RunningBot, running_bot
from tests.e2e.test_dashboard import browser
from tests.e2e.test_digests import digest_runner
from tests.e2e.test_reminders import register
from tests.e2e.webhook_harness import loopback_socket
from tests.fake_telegram import FakeTelegram, FakeUser, LoggedMessage, RateLimits
from tests.support.clock import SimulatedClock, local
from tests.support.html_table import page_text

PROVINCE = """\
format: 1
province: {name: Vĩnh Long, office: vpubnd}
units:
  - {code: vpubnd, group: department, name: Văn phòng Ủy ban nhân dân tỉnh}
  - {code: stc, group: department, name: Sở Tài chính}
  - {code: xaanbinh, group: commune, name: Xã An Bình}
  - {code: xacu, group: commune, name: Xã Cũ, active: false}
  - {code: xacl, group: commune, name: Xã Càng Long}
  - {code: xahoa, group: commune, name: Xã Hòa Lợi, active_until: 2025-06-30}
  - {code: phuonglc, group: commune, name: Phường Long Châu}
deadlines: []
"""
COMMUNES = ["xaanbinh", "xacl", "phuonglc"]
MONDAY = local(2025, 7, 7, 7)  # a working Monday, before the reminder time (08:00)
VINH_LONG = default_province_path().parent / "vinh_long_2025.yaml"  # 124 xã and phường


@pytest.fixture
def province_file(tmp_path: Path) -> str:
    path = tmp_path / "vinh_long.yaml"
    path.write_text(PROVINCE, encoding="utf-8")
    return str(path)


async def ask(fake: FakeTelegram, user: FakeUser, command: str, *args: str,
              answers: int = 1) -> list[LoggedMessage]:
    fake.send_command(user, command, *args)
    return await fake.wait_for_bot_messages(user, count=answers, timeout=30)


async def invite_group(fake: FakeTelegram, admin: FakeUser, *args: str
                       ) -> tuple[dict[str, list[object]], bytes, LoggedMessage]:
    """`/invite <args>`: the workbook's rows by unit code, the PDF, and the summary."""
    workbook, pdf, summary = await ask(fake, admin, "invite", *args, answers=3)
    sheet = load_workbook(BytesIO(fake.file_content(workbook.message["document"]["file_id"])))
    rows = [list(row) for row in sheet.active.iter_rows(values_only=True)]
    assert pdf.message["document"]["mime_type"] == "application/pdf"
    return ({str(row[0]): row for row in rows[1:]},
            fake.file_content(pdf.message["document"]["file_id"]), summary)


def token_of(row: list[object]) -> str:
    return str(row[4]).split("?start=", 1)[1]


async def registers(fake: FakeTelegram, admin: FakeUser, person: FakeUser, token: str) -> str:
    fake.send_command(person, "start", token)
    [answer] = await fake.wait_for_bot_messages(person)
    if answer.text.startswith("✅"):
        await fake.wait_for_bot_messages(admin)  # "… đã đăng ký"
    return answer.text or ""


async def test_communes_are_invited_at_once_register_from_the_workbook_and_the_rest_revoked(
    database_url: str, province_file: str
) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin = fake.add_user("Quản trị")
    an, binh, chau = fake.add_user("An"), fake.add_user("Bình"), fake.add_user("Châu")
    async with running_bot(fake, database_url, admin_ids=(admin.id,),
                           clock=SimulatedClock(MONDAY), bot_province_file=province_file) as bot:
        rows, pdf, summary = await invite_group(fake, admin, "communes")
        registered = [await registers(fake, admin, person, token_of(rows[code]))
                      for person, code in ((an, "xaanbinh"), (binh, "xacl"))]
        [units_page] = await ask(fake, admin, "units")
        [unregistered] = await ask(fake, admin, "units", "unregistered")
        [question] = await ask(fake, admin, "revoke_invite", "communes")
        asked = question.text  # the message is edited below
        fake.press_button(admin, question.message_id, button_text="Có, thu hồi 1")
        revoked = await fake.wait_for(
            lambda: fake.message(admin, question.message_id).edits
            and fake.message(admin, question.message_id))
        refused = await registers(fake, admin, chau, token_of(rows["phuonglc"]))
        [nothing_left] = await ask(fake, admin, "revoke_invite", "communes")
        state = await database_state(bot)
    assert list(rows) == COMMUNES  # neither the disabled commune nor the closed one
    assert rows["xaanbinh"][:4] == ["xaanbinh", "Xã An Bình", "UBND cấp xã",
                                    "cán bộ phụ trách báo cáo"]
    assert str(rows["xaanbinh"][4]).startswith(f"https://t.me/{fake.bot.username}?start=")
    assert f"{rows['xaanbinh'][5]:%d/%m/%Y %H:%M}" == "14/07/2025 07:00"
    assert decoded_links(pdf) == [rows[code][4] for code in COMMUNES]
    assert summary.text is not None and summary.text.startswith(
        "✅ Đã tạo 3 đường dẫn đăng ký cán bộ phụ trách báo cáo cho UBND các xã, phường")
    assert "(2 đơn vị của nhóm đã ngừng theo dõi hoặc đã sắp xếp lại" in summary.text
    assert all(text.startswith("✅ Đăng ký thành công") for text in registered)
    assert units_page.text is not None and (
        "Đăng ký: 3 đơn vị chưa có cán bộ phụ trách, 5 đơn vị chưa có lãnh đạo — xem /units "
        "unregistered.") in units_page.text.split("\n")
    assert unregistered.text is not None
    assert "• phuonglc Phường Long Châu — chưa có cán bộ phụ trách, chưa có lãnh đạo" in (
        unregistered.text.split("\n"))
    assert "• xaanbinh Xã An Bình — chưa có lãnh đạo" in unregistered.text.split("\n")
    assert asked == ("Thu hồi 1 đường dẫn đăng ký còn hiệu lực của UBND các xã, phường?\n"
                     "Các đường dẫn này sẽ không dùng được nữa; người đã đăng ký không "
                     "bị ảnh hưởng.")
    assert revoked.text == "✅ Đã thu hồi 1 đường dẫn đăng ký của UBND các xã, phường."
    assert revoked.button_texts == []
    assert refused == ("Đường dẫn đăng ký này đã bị thu hồi. Vui lòng liên hệ Văn phòng UBND "
                       "tỉnh.")
    assert nothing_left.text == ("Nhóm “communes” không có đường dẫn đăng ký nào còn hiệu lực; "
                                 "không có gì thay đổi. Xem danh sách bằng /invites.")
    assert state == ([("invite.bulk_create", "communes"), ("person.register", "An"),
                      ("person.register", "Bình"), ("invite.bulk_revoke", "communes")],
                     [(1, 0), (1, 0), (0, 1)], 2)


async def test_the_124_communes_of_vinh_long_are_invited_with_one_command(
    database_url: str
) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin, an, binh = fake.add_user("Quản trị"), fake.add_user("An"), fake.add_user("Bình")
    async with running_bot(fake, database_url, admin_ids=(admin.id,),
                           clock=SimulatedClock(MONDAY), bot_province_file=str(VINH_LONG)):
        rows, pdf, summary = await invite_group(fake, admin, "communes")
        first, second = list(rows)[:2]
        registered = [await registers(fake, admin, person, token_of(rows[code]))
                      for person, code in ((an, first), (binh, second))]
        [units_page] = await ask(fake, admin, "units")
    reader = PdfReader(BytesIO(pdf))
    assert len(rows) == 124 and len({token_of(row) for row in rows.values()}) == 124
    assert {row[2] for row in rows.values()} == {"UBND cấp xã"}
    assert len(reader.pages) == 21  # six cards to a page
    assert [code.text for image in reader.pages[-1].images
            for code in zxingcpp.read_barcodes(image.image)] == [
        rows[code][4] for code in list(rows)[120:]]
    assert summary.text is not None and summary.text.startswith("✅ Đã tạo 124 đường dẫn")
    assert all(text.startswith("✅ Đăng ký thành công") for text in registered)
    assert units_page.text is not None
    followed = int(units_page.text.split("\n")[1].split(" đang theo dõi")[0].split(", ")[-1])
    assert units_page.text.split("\n")[2] == (
        f"Đăng ký: {followed - 2} đơn vị chưa có cán bộ phụ trách, {followed} đơn vị chưa có "
        "lãnh đạo — xem /units unregistered.")


def decoded_links(pdf: bytes) -> list[str]:
    """The links of the PDF's QR codes, decoded from its images in page order."""
    reader = PdfReader(BytesIO(pdf))
    return [code.text for page in reader.pages for image in page.images
            for code in zxingcpp.read_barcodes(image.image)]


async def database_state(bot: RunningBot
                         ) -> tuple[list[tuple[str, str]], list[tuple[int, int]], int]:
    """The audit trail (action, subject), each invite's (uses, revoked?), the memberships."""
    def read(session: Session) -> tuple[list[tuple[str, str]], list[tuple[int, int]], int]:
        audit = [(action, subject) for action, subject in session.execute(
            select(AuditEntry.action, AuditEntry.subject).order_by(AuditEntry.id))]
        invites = [(uses, int(revoked is not None)) for uses, revoked in session.execute(
            select(Invite.uses, Invite.revoked_at).order_by(Invite.id))]
        return audit, invites, len(session.scalars(select(Membership)).all())
    return await bot.deps.database.run(read)


async def test_bad_group_invites_are_explained_and_change_nothing(
    database_url: str, province_file: str
) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin, lan = fake.add_user("Quản trị"), fake.add_user("Lan")
    group = fake.add_group("Tổ công tác", members=[admin, lan])
    async with running_bot(fake, database_url, admin_ids=(admin.id,),
                           clock=SimulatedClock(MONDAY), bot_province_file=province_file) as bot:
        [officer] = await ask(fake, lan, "invite", "communes")
        fake.send_command(admin, "invite", "communes", chat=group)
        [in_group] = await fake.wait_for_bot_messages(group)
        [role_word] = await ask(fake, admin, "invite", "communes", "head")
        [bad_role] = await ask(fake, admin, "invite", "all", "--role", "office")
        [no_district] = await ask(fake, admin, "invite", "districts")
        [revoke_usage] = await ask(fake, admin, "revoke_invite", "xã")
        state = await database_state(bot)
    assert officer.text == "Xin lỗi, lệnh /invite chỉ dành cho quản trị viên. Không có gì bị " \
                           "thay đổi."
    assert in_group.text is not None and in_group.text.startswith(
        "Tệp đường dẫn đăng ký của cả nhóm chứa mã riêng của từng đơn vị, nên bot chỉ gửi trong "
        "cuộc trò chuyện riêng")
    usage = ("Lệnh chưa đúng cú pháp. Cách dùng: /invite all|departments|communes|districts|"
             "agencies [--role officer|head], ví dụ: /invite communes --role head")
    assert (role_word.text, bad_role.text) == (usage, usage)
    assert no_district.text == ("Nhóm “districts” hiện không có đơn vị nào đang theo dõi; chưa "
                                "tạo đường dẫn đăng ký nào. Xem danh sách đơn vị bằng /units.")
    assert revoke_usage.text == ("Lệnh chưa đúng cú pháp. Cách dùng: /revoke_invite <số> hoặc "
                                 "/revoke_invite all|departments|communes|districts|agencies, "
                                 "ví dụ: /revoke_invite 3")
    assert state == ([], [], 0)


async def test_invites_whose_files_could_not_be_sent_are_revoked_again(
    database_url: str, province_file: str
) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin = fake.add_user("Quản trị")
    async with running_bot(fake, database_url, admin_ids=(admin.id,),
                           clock=SimulatedClock(MONDAY), bot_province_file=province_file) as bot:
        fake.inject_failure("sendDocument", 400, description="Bad Request: file is too big")
        [told] = await ask(fake, admin, "invite", "communes")
        state = await database_state(bot)
    assert told.text == ("⚠️ Không gửi được tệp đường dẫn đăng ký, nên 3 đường dẫn vừa tạo đã "
                         "được thu hồi ngay; không đường dẫn nào dùng được. Anh/chị vui lòng thử "
                         "lại sau ít phút.")
    assert state == ([("invite.bulk_create", "communes"), ("invite.bulk_revoke", "communes")],
                     [(0, 1)] * 3, 0)


async def test_heads_are_invited_by_group_and_the_one_unit_forms_still_work(
    database_url: str, province_file: str
) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin, hung = fake.add_user("Quản trị"), fake.add_user("Hùng")
    async with running_bot(fake, database_url, admin_ids=(admin.id,),
                           clock=SimulatedClock(MONDAY), bot_province_file=province_file) as bot:
        rows, _pdf, _summary = await invite_group(fake, admin, "departments", "--role", "head")
        welcome = await registers(fake, admin, hung, token_of(rows["stc"]))
        [single] = await ask(fake, admin, "invite", "xacl")
        [listed] = await ask(fake, admin, "invites")
        heads = await bot.deps.database.run(lambda s: s.scalars(select(Membership.is_head)).all())
    assert list(rows) == ["vpubnd", "stc"]
    assert rows["stc"][3] == "lãnh đạo đơn vị"
    assert welcome.startswith("✅ Đăng ký thành công. Từ nay anh/chị là lãnh đạo Sở Tài chính.")
    assert single.text is not None and single.text.startswith(
        "Đã tạo đường dẫn đăng ký #3 cho cán bộ phụ trách báo cáo của Xã Càng Long")
    assert listed.text is not None and "#1 — lãnh đạo Văn phòng Ủy ban nhân dân tỉnh" in listed.text
    assert list(heads) == [True]


async def test_the_office_hears_of_units_without_an_officer_once_a_week_until_none_is_left(
    database_url: str, province_file: str
) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin, hanh = fake.add_user("Quản trị"), fake.add_user("Hạnh")
    clock = SimulatedClock(MONDAY)
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=clock,
                           bot_province_file=province_file) as bot:
        await register(bot, fake, admin, hanh, "office")
        runner = await digest_runner(bot)
        clock.set(local(2025, 7, 7, 7, 59))
        early = (await runner.run_due()).notes_sent
        clock.set(local(2025, 7, 7, 8))
        on_time = (await runner.run_due()).notes_sent
        [note] = await fake.wait_for_bot_messages(hanh)
        clock.set(local(2025, 7, 7, 10))
        again = (await runner.run_due()).notes_sent
    clock.set(local(2025, 7, 7, 11))
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=clock,
                           bot_province_file=province_file) as bot:
        after_restart = (await (await digest_runner(bot)).run_due()).notes_sent
        clock.set(local(2025, 7, 8, 8))
        tuesday = (await (await digest_runner(bot)).run_due()).notes_sent
        clock.set(local(2025, 7, 14, 8))
        assert bot.application is not None and bot.application.job_queue is not None
        second_worker = build_digest_runner(bot.deps, bot.application.job_queue,
                                            bot.application.bot)
        first_worker = await digest_runner(bot)
        both = await asyncio.gather(first_worker.run_due(), second_worker.run_due())
        next_week = sum(report.notes_sent for report in both)
        [second_note] = await fake.wait_for_bot_messages(hanh)
        await register_every_unit(fake, admin)
        clock.set(local(2025, 7, 21, 8))
        all_registered = (await (await digest_runner(bot)).run_due()).notes_sent
    assert (early, on_time, again, after_restart, tuesday, next_week, all_registered) == (
        0, 1, 0, 0, 0, 1, 0)
    assert note.text is not None and note.text.split("\n")[:10] == [
        "📋 Đơn vị chưa có cán bộ đăng ký nhận nhắc hạn",
        "Cập nhật ngày 07/07/2025: 5/5 đơn vị chưa có cán bộ phụ trách báo cáo, nên chưa ai "
        "nhận nhắc hạn báo cáo của các đơn vị này.",
        "", "Sở, ban, ngành", "• Văn phòng Ủy ban nhân dân tỉnh (vpubnd)",
        "• Sở Tài chính (stc)", "", "UBND cấp xã", "• Xã An Bình (xaanbinh)",
        "• Xã Càng Long (xacl)"]
    assert "Cập nhật ngày 14/07/2025" in (second_note.text or "")
    assert [m.text for m in fake.bot_messages(hanh)].count(note.text) == 1
    assert fake.bot_messages(hanh)[-1] == second_note  # nothing on 21/07


async def register_every_unit(fake: FakeTelegram, admin: FakeUser) -> None:
    """`/invite all`, and one new officer per unit with its link from the workbook."""
    rows, _pdf, _summary = await invite_group(fake, admin, "all")
    for code, row in rows.items():
        person = fake.add_user(f"Cán bộ {code}")
        assert (await registers(fake, admin, person, token_of(row))).startswith("✅")


UNIT_IN_SECTION = re.compile(r'<section id="(\w+)">(.*?)</section>', re.DOTALL)


def sections(page: str) -> dict[str, list[str]]:
    """The unit codes each list of the registration page names, by the list's id."""
    return {key: re.findall(r'data-unit="([a-z0-9]+)"', body)
            for key, body in UNIT_IN_SECTION.findall(page)}


async def test_the_office_reads_the_units_still_to_register_on_a_phone_sized_page(
    database_url: str, province_file: str
) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin, hanh, an = fake.add_user("Quản trị"), fake.add_user("Hạnh"), fake.add_user("An")
    async with running_bot(fake, database_url, admin_ids=(admin.id,),
                           clock=SimulatedClock(MONDAY), bot_province_file=province_file,
                           web_socket=loopback_socket()) as bot:
        await register(bot, fake, admin, hanh, "office")
        await register(bot, fake, admin, an, "xaanbinh")
        async with browser(fake, hanh) as client:
            page = await client.get("/registration")
            english = await client.get("/registration", params={"lang": "en"})
        async with browser(fake, an) as client:
            refused = await client.get("/registration")
    assert page.status_code == 200
    assert sections(page.text) == {"no_officer": ["vpubnd", "stc", "xacl", "phuonglc"],
                                   "no_head": ["vpubnd", "stc", "xaanbinh", "xacl", "phuonglc"]}
    words = page_text(page.text)
    assert "5 đơn vị đang theo dõi: 4 chưa có cán bộ phụ trách báo cáo, 5 chưa có lãnh đạo " \
           "đăng ký." in words
    assert "Chưa có cán bộ phụ trách (4)" in words and "UBND cấp xã" in words
    assert 'name="viewport"' in page.text and "style=" not in page.text  # the policy's way
    assert "No reporting officer (4)" in page_text(english.text)
    assert refused.status_code == 403
    assert "Trang này chỉ dành cho Văn phòng UBND tỉnh và quản trị viên." in page_text(
        refused.text)
