"""/reorganize and /unit, end to end through the fake Bot API on both databases: the admin
previews an event, cancels it, applies it; /unit shows the lineage both ways; a second identical
command changes nothing; refusals change nothing; the preview survives a restart."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import AuditEntry, ChatFlow, Membership, Person, Reorganisation, Unit
from tests.e2e.harness import RunningBot, running_bot
from tests.e2e.test_unit_flows import FINISHED, refused_tap, say
from tests.e2e.test_units_admin import (
    admin_chat_telegram,
    ask,
    edited_to,
    fixed_clock,
    register_officer,
)
from tests.fake_telegram import FakeTelegram, FakeUser
from tests.fake_telegram.models import LoggedMessage

ABSORB = "Sáp nhập Sở Kế hoạch và Đầu tư (skhdt) vào Sở Tài chính (stc) từ 01/03/2025"
MERGE = ("Hợp nhất Ủy ban nhân dân huyện Càng Long (canglong), Ủy ban nhân dân huyện Cầu Kè "
         "(cauke) thành Xã Càng Long (xacl) từ 01/07/2025")
JULY_10 = datetime(2025, 7, 10, 2, 30, tzinfo=UTC)  # 09:30 in Trà Vinh
NOTHING_CHANGES = ": sự kiện này đã được áp dụng trước đó; không có gì thay đổi."


def july_clock() -> datetime:
    return JULY_10


@dataclass(frozen=True)
class Province:
    """What a reorganisation changes: units with their dates, who serves where, the events,
    the audit entries, and the flows left open."""

    units: tuple[tuple[str, str, str, date | None, date | None], ...]
    serving: tuple[tuple[str, str], ...]  # (person, unit code)
    events: int
    audited: int
    flows: int

    def unit(self, code: str) -> tuple[str, str, str, date | None, date | None] | None:
        return next((unit for unit in self.units if unit[0] == code), None)


async def province(bot: RunningBot) -> Province:
    def read(session: Session) -> Province:
        units = tuple((u.code, u.name, u.unit_group, u.active_from, u.active_until)
                      for u in session.scalars(select(Unit).order_by(Unit.id)))
        serving = tuple((name, code) for name, code in session.execute(
            select(Person.full_name, Unit.code).join(Membership, Membership.person_id == Person.id)
            .join(Unit, Unit.id == Membership.unit_id).order_by(Person.id, Unit.code)))
        def count(model: type[object]) -> int:
            return session.scalar(select(func.count()).select_from(model)) or 0
        return Province(units, serving, count(Reorganisation), count(AuditEntry), count(ChatFlow))
    return await bot.deps.database.run(read)


async def reorganize(fake: FakeTelegram, admin: FakeUser, typed: str) -> LoggedMessage:
    """The admin types `/reorganize <typed>`; the bot's one answer."""
    return await say(fake, admin, f"/reorganize {typed}")


async def notice_to(fake: FakeTelegram, user: FakeUser) -> LoggedMessage:
    """The reorganisation notice the running bot sends `user` after its next reminder pass."""
    def found() -> LoggedMessage | None:
        return next((message for message in fake.bot_messages(user)
                     if (message.text or "").startswith("🏛")), None)
    notice: LoggedMessage = await fake.wait_for(found, what="a reorganisation notice")
    return notice


async def apply(fake: FakeTelegram, admin: FakeUser, preview: LoggedMessage) -> LoggedMessage:
    fake.press_button(admin, preview.message_id, button_text="Áp dụng")
    return await edited_to(fake, admin, preview, "Đã áp dụng")


async def test_an_admin_previews_cancels_then_applies_an_absorption_seen_from_both_units(
    database_url: str
) -> None:
    fake = admin_chat_telegram()
    admin, lan = fake.add_user("Quản trị"), fake.add_user("Lan")
    typed = "sáp nhập skhdt stc 01/03/2025 theo 45/2025/NĐ-CP"
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=fixed_clock) as bot:
        await register_officer(bot, lan, "skhdt")
        before = await province(bot)
        first = await reorganize(fake, admin, typed)
        first_text, first_buttons = first.text, first.button_texts
        fake.press_button(admin, first.message_id, button_text="Hủy")
        cancelled = await edited_to(fake, admin, first, "Đã hủy")
        after_cancel = await province(bot)
        second = await reorganize(fake, admin, typed)
        apply_button = second.callback_data[0]
        done = await apply(fake, admin, second)
        notice = await notice_to(fake, lan)
        applied = await province(bot)
        old_unit, new_unit = await ask(fake, admin, "unit", "SKHĐT"), await ask(fake, admin,
                                                                               "unit", "stc")
        again = await reorganize(fake, admin, "absorb skhdt stc 01/03/2025")
        stale = await refused_tap(fake, admin, second.message_id, apply_button, force=True)
        after_again = await province(bot)
    assert first_text is not None
    assert first_text.startswith("Kế hoạch sắp xếp lại đơn vị: 1 sự kiện sẽ được áp dụng.\n\n"
                                 f"1. {ABSORB}\nCăn cứ: 45/2025/NĐ-CP\n")
    assert "• Lan: skhdt → stc" in first_text
    assert first_text.endswith(
        "Báo cáo đến hạn trước ngày 01/03/2025 mà đơn vị cũ chưa gửi: chuyển cho đơn vị kế "
        "thừa.\n\nBấm Áp dụng để thực hiện (một lần, có ghi nhật ký) hoặc Hủy.")
    assert first_buttons == ["Áp dụng", "Hủy"]
    assert cancelled.text == "Đã hủy /reorganize; chưa có gì được lưu."
    assert after_cancel == before
    assert done.text is not None and done.text.startswith(f"✅ Đã áp dụng: {ABSORB}.\n")
    assert "cán bộ chuyển đơn vị: 1" in done.text
    assert applied.unit("skhdt") == ("skhdt", "Sở Kế hoạch và Đầu tư", "department", None,
                                     date(2025, 2, 28))
    assert applied.unit("stc") == ("stc", "Sở Tài chính", "department", None, None)
    assert applied.serving == (("Lan", "stc"),)
    assert notice.text is not None and notice.text.startswith(
        "🏛 Thông báo sắp xếp lại đơn vị: từ ngày 01/03/2025, Sở Kế hoạch và Đầu tư (skhdt) "
        "được sáp nhập vào Sở Tài chính.")
    assert (applied.events, applied.audited, applied.flows) == (1, before.audited + 1, 0)
    assert old_unit.text == (
        "Sở Kế hoạch và Đầu tư (mã skhdt)\nNhóm: Sở, ban, ngành\n"
        "Thời gian hoạt động: đến hết 28/02/2025\n"
        "Trạng thái: đã kết thúc hoạt động từ 01/03/2025 do sắp xếp lại đơn vị\n"
        "Cán bộ đã đăng ký: 0; lãnh đạo: chưa có\n\n"
        f"Đơn vị kế thừa:\n• {ABSORB} (căn cứ 45/2025/NĐ-CP)")
    assert new_unit.text == (
        "Sở Tài chính (mã stc)\nNhóm: Sở, ban, ngành\nThời gian hoạt động: không giới hạn\n"
        "Trạng thái: đang theo dõi\nCán bộ đã đăng ký: 1; lãnh đạo: chưa có\n\n"
        f"Tiếp nhận từ đơn vị tiền thân:\n• {ABSORB} (căn cứ 45/2025/NĐ-CP)")
    assert again.text == ABSORB + NOTHING_CHANGES
    assert again.button_texts == []
    assert stale == FINISHED
    assert after_again == applied


async def test_a_merger_a_rename_and_a_dissolution_close_and_create_units_on_their_date(
    database_url: str
) -> None:
    fake = admin_chat_telegram()
    admin = fake.add_user("Quản trị")
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=july_clock) as bot:
        merged = await apply(fake, admin, await reorganize(
            fake, admin, "merge canglong,cauke xacl 01/07/2025 xã Xã Càng Long "
            "theo 1687/NQ-UBTVQH15 ngày 16/06/2025"))
        await apply(fake, admin, await reorganize(
            fake, admin, "đổi tên sxd sxdm 01/03/2025 Sở Xây dựng (mới)"))
        await apply(fake, admin, await reorganize(
            fake, admin, "rename sxdm sxd2 01/06/2025 Sở Xây dựng tỉnh Vĩnh Long"))
        dissolved = await apply(fake, admin, await reorganize(
            fake, admin, "giải thể duyenhai 01/08/2025 theo 1687/NQ-UBTVQH15"))
        state = await province(bot)
        pages = [(await ask(fake, admin, "unit", code)).text
                 for code in ("xacl", "canglong", "sxd", "duyenhai")]
    assert merged.text is not None and merged.text.startswith(f"✅ Đã áp dụng: {MERGE}.\n")
    assert dissolved.text is not None and dissolved.text.startswith(
        "✅ Đã áp dụng: Giải thể Ủy ban nhân dân huyện Duyên Hải (duyenhai) từ 01/08/2025.\n")
    assert state.unit("xacl") == ("xacl", "Xã Càng Long", "commune", date(2025, 7, 1), None)
    assert state.unit("canglong") == ("canglong", "Ủy ban nhân dân huyện Càng Long", "district",
                                      None, date(2025, 6, 30))
    assert state.unit("cauke") is not None and state.unit("cauke")[4] == date(2025, 6, 30)
    assert state.unit("sxd2") == ("sxd2", "Sở Xây dựng tỉnh Vĩnh Long", "department",
                                  date(2025, 6, 1), None)
    assert state.unit("duyenhai") is not None and state.unit("duyenhai")[4] == date(2025, 7, 31)
    assert state.events == 4
    xacl, canglong, sxd, duyenhai = pages
    assert xacl is not None and "Thời gian hoạt động: từ 01/07/2025\n" in xacl
    assert xacl.endswith(f"Tiếp nhận từ đơn vị tiền thân:\n• {MERGE} "
                         "(căn cứ 1687/NQ-UBTVQH15 ngày 16/06/2025)")
    assert canglong is not None and canglong.endswith(
        f"Đơn vị kế thừa:\n• {MERGE} (căn cứ 1687/NQ-UBTVQH15 ngày 16/06/2025)")
    assert sxd is not None and sxd.endswith(
        "Đơn vị kế thừa:\n• Đổi tên Sở Xây dựng (sxd) thành Sở Xây dựng (mới) (sxdm) từ "
        "01/03/2025\nHiện nay nhiệm vụ của đơn vị do Sở Xây dựng tỉnh Vĩnh Long (sxd2) đảm "
        "nhận.")
    assert duyenhai is not None
    assert ("Trạng thái: đang theo dõi; sẽ kết thúc hoạt động từ 01/08/2025 do sắp xếp lại "
            "đơn vị") in duyenhai
    assert duyenhai.endswith("• Giải thể Ủy ban nhân dân huyện Duyên Hải (duyenhai) từ "
                             "01/08/2025 (căn cứ 1687/NQ-UBTVQH15)")


async def test_a_previewed_event_is_applied_after_the_bot_restarts(database_url: str) -> None:
    fake = admin_chat_telegram()
    admin = fake.add_user("Quản trị")
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=july_clock):
        preview = await reorganize(fake, admin, "dissolve duyenhai 01/07/2025")
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=july_clock) as bot:
        done = await apply(fake, admin, preview)
        state = await province(bot)
    assert done.text is not None
    assert done.text.startswith("✅ Đã áp dụng: Giải thể Ủy ban nhân dân huyện Duyên Hải")
    assert state.unit("duyenhai") is not None and state.unit("duyenhai")[4] == date(2025, 6, 30)
    assert (state.events, state.flows) == (1, 0)


async def test_refused_commands_and_buttons_change_nothing_and_say_why(
    database_url: str
) -> None:
    fake = admin_chat_telegram()
    admin, lan, office = fake.add_user("Quản trị"), fake.add_user("Lan"), fake.add_user("VP")
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=july_clock) as bot:
        await register_officer(bot, lan, "skhdt")
        await bot.deps.database.run(lambda s: _make_office(s, office))
        before = await province(bot)
        answers = {typed: (await reorganize(fake, admin, typed)).text for typed in (
            "absorb skhdtt stc 01/03/2025", "absorb skhdt stc 30/02/2025",
            "merge canglong,cauke xacl 01/07/2025 commune", "merge canglong xacl 01/07/2025 xa X",
            "merge canglong,cauke stc 01/07/2025 xa Xã Càng Long", "split canglong a,b 1/7/2025",
            "rename sxd sxdm 01/07/2025", "absorb skhdt stc 01/03/2025 theo công văn")}
        preview = await reorganize(fake, admin, "absorb skhdt stc 01/03/2025")
        typed_meanwhile = (await say(fake, admin, "Áp dụng")).text
        forged = await refused_tap(fake, admin, preview.message_id, "fl:999.0badc0de:y",
                                   force=True)
        cancelled = (await say(fake, admin, "/cancel")).text
        officer_tries = [(await say(fake, lan, line)).text
                         for line in ("/reorganize absorb skhdt stc 01/03/2025", "/unit stc")]
        office_tries = [(await say(fake, office, line)).text
                        for line in ("/reorganize absorb skhdt stc 01/03/2025", "/unit stc")]
        after = await province(bot)
    assert str(answers["absorb skhdtt stc 01/03/2025"]).startswith(
        "Không tìm thấy đơn vị có mã “skhdtt”. Có phải anh/chị muốn nhập: skhdt")
    assert answers["absorb skhdt stc 30/02/2025"] is not None
    assert "30/02/2025" in answers["absorb skhdt stc 30/02/2025"]
    assert answers["merge canglong,cauke xacl 01/07/2025 commune"] == (
        "Lệnh chưa đúng cú pháp. Cách dùng: /reorganize merge <mã cũ>,<mã cũ>[,…] <mã mới> "
        "<ngày> <nhóm> <tên đơn vị mới> [chuyển|đóng] [theo <số văn bản> [ngày <ngày>]], ví dụ: "
        "/reorganize merge canglong,cauke xacl 01/07/2025 commune Xã Càng Long")
    assert str(answers["merge canglong xacl 01/07/2025 xa X"]).startswith(
        "Sự kiện sắp xếp lại chưa đúng dạng (merge: 1 đơn vị trước, 1 đơn vị sau)")
    assert answers["merge canglong,cauke stc 01/07/2025 xa Xã Càng Long"] == (
        "Mã “stc” đã được dùng. Anh/chị vui lòng chọn mã khác.")
    assert str(answers["split canglong a,b 1/7/2025"]).startswith("Chia tách tạo ra nhiều")
    assert str(answers["rename sxd sxdm 01/07/2025"]).startswith(
        "Lệnh chưa đúng cú pháp. Cách dùng: /reorganize rename")
    assert str(answers["absorb skhdt stc 01/03/2025 theo công văn"]).startswith(
        "Lệnh chưa đúng cú pháp. Cách dùng: /reorganize absorb")
    assert typed_meanwhile == ("Ở bước này anh/chị vui lòng bấm một nút bên dưới câu hỏi "
                               "(hoặc gõ /cancel để hủy).")
    assert forged == FINISHED
    assert cancelled == "Đã hủy /reorganize; chưa có gì được lưu."
    assert officer_tries == [
        "Xin lỗi, lệnh /reorganize chỉ dành cho quản trị viên. Không có gì bị thay đổi.",
        "Xin lỗi, lệnh /unit chỉ dành cho quản trị viên hoặc Văn phòng UBND tỉnh. Không có gì "
        "bị thay đổi."]
    assert office_tries[0] == officer_tries[0]
    assert office_tries[1] is not None and office_tries[1].startswith("Sở Tài chính (mã stc)")
    assert after == before


def _make_office(session: Session, user: FakeUser) -> None:
    session.add(Person(telegram_user_id=user.id, full_name=user.first_name, is_office=True,
                       created_at=JULY_10))
