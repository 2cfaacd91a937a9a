"""The office acts from the dashboard as from the digest's buttons: it approves an extension or
sends a 'đôn đốc' with a form, the unit is told exactly as in chat, the action is audited, and
forged forms, officers and second tries change nothing. A unit's history, the on-time chart in
the page, and the Mini App's menu button for the office and admins."""

from __future__ import annotations

import contextlib
import re
from collections.abc import AsyncIterator

import httpx
from loguru import logger
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import AuditEntry, Extension, OfficeFollowUp
from tests.e2e.harness import RunningBot, running_bot
from tests.e2e.test_dashboard import browser
from tests.e2e.test_export import TODAY, ask, office_with_answers
from tests.e2e.test_office_actions import ask_for_an_extension, people
from tests.e2e.test_reminders import register
from tests.e2e.test_status_replies import first_reminder
from tests.e2e.webhook_harness import loopback_socket
from tests.fake_telegram import FakeTelegram, FakeUser, RateLimits
from tests.support.clock import SimulatedClock, local
from tests.support.html_table import page_text, table_rows
from tests.support.mini_app import signed_init_data

REPORT = "/report/trienkhai/2020-01-20"
APPROVED_TO_LAN = (
    "✅ Văn phòng UBND tỉnh đồng ý gia hạn\nVăn phòng UBND tỉnh đồng ý gia hạn báo cáo Ban hành "
    "văn bản triển khai thực hiện Kế hoạch hành động của UBND tỉnh, xác định rõ mục tiêu, nhiệm "
    "vụ, tiến độ thực hiện (Năm 2020) của Sở Y tế đến ngày 31/01/2020 (hạn trước đây: "
    "20/01/2020).")
FOLLOW_UP_TO_MAI = (
    "📣 Văn phòng UBND tỉnh đôn đốc\nVăn phòng UBND tỉnh đề nghị Sở Tư pháp khẩn trương gửi "
    "báo cáo: Ban hành văn bản triển khai thực hiện Kế hoạch hành động của UBND tỉnh, xác "
    "định rõ mục tiêu, nhiệm vụ, tiến độ thực hiện (Năm 2020).\nHạn gửi: 20/01/2020 — đã "
    "quá hạn 2 ngày làm việc\nBấm một nút bên dưới để cập nhật tình hình.")
CSRF = re.compile(r'name="csrf" value="([0-9a-f]{64})"')


@contextlib.asynccontextmanager
async def office_bot(database_url: str, clock: SimulatedClock, **settings: object
                     ) -> AsyncIterator[tuple[RunningBot, FakeTelegram, FakeUser]]:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin = fake.add_user("Admin")
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=clock,
                           web_socket=loopback_socket(), **settings) as bot:
        yield bot, fake, admin


async def sent_reminders(bot: RunningBot, fake: FakeTelegram, clock: SimulatedClock,
                         admin: FakeUser) -> tuple[FakeUser, FakeUser, FakeUser, FakeUser]:
    """Hạnh (office), Lan and Hùng (Sở Y tế) and Mai (Sở Tư pháp); Lan asks for more time
    until 31/01/2020 for the launch documents due 20/01/2020."""
    hanh, lan, hung, mai = await people(bot, fake, admin)
    reminder = await first_reminder(bot, fake, clock, lan)
    await fake.wait_for_bot_messages(mai)
    await ask_for_an_extension(fake, lan, reminder, "31/01/2020")
    return hanh, lan, hung, mai


async def csrf_of(client: httpx.AsyncClient, path: str = REPORT) -> str:
    page = await client.get(path, params={"year": "2020"})
    found = CSRF.search(page.text)
    assert found is not None, page.text
    return found.group(1)


async def changes(bot: RunningBot) -> tuple[int, int, list[str]]:
    """Extensions granted, follow-ups recorded, and the office actions audited."""
    def read(session: Session) -> tuple[int, int, list[str]]:
        return (session.scalar(select(func.count()).select_from(Extension)) or 0,
                session.scalar(select(func.count()).select_from(OfficeFollowUp)) or 0,
                [a for a in session.scalars(select(AuditEntry.action).order_by(AuditEntry.id))
                 if a.startswith(("extension.", "report."))])
    return await bot.deps.database.run(read)


async def test_the_office_approves_an_extension_from_the_page_as_with_the_button(
    database_url: str
) -> None:
    clock = SimulatedClock(local(2020, 1, 8, 9))
    async with office_bot(database_url, clock) as (bot, fake, admin):
        hanh, lan, hung, _mai = await sent_reminders(bot, fake, clock, admin)
        clock.set(local(2020, 1, 21, 9))
        async with browser(fake, hanh) as client:
            before = await client.get(REPORT, params={"year": "2020"})
            csrf = await csrf_of(client)
            approved = await client.post(f"{REPORT}/giahan", params={"year": "2020"},
                                         data={"csrf": csrf, "unit": "syt"})
            [to_lan] = await fake.wait_for_bot_messages(lan)
            [to_hung] = await fake.wait_for_bot_messages(hung)
            await bot.reminders.idle()  # the replan the approval asked for, and its sends
            [replanned] = await fake.wait_for_bot_messages(lan)
            after = await client.get(approved.headers["location"])
            twice = await client.post(f"{REPORT}/giahan", params={"year": "2020"},
                                      data={"csrf": csrf, "unit": "syt"})
            unknown = await client.post(f"{REPORT}/giahan", params={"year": "2020"},
                                        data={"csrf": csrf, "unit": "zz"})
            not_asking = await client.post(f"{REPORT}/giahan", params={"year": "2020"},
                                           data={"csrf": csrf, "unit": "stp"})
        changed = await changes(bot)
    actions = table_rows(before.text, "actions")[1]
    assert actions["syt"] == ["Sở Y tế", "Đề nghị gia hạn — xin đến 31/01/2020", "Duyệt gia hạn"]
    assert actions["stp"][2] == "Đôn đốc" and len(actions) == 38
    assert approved.status_code == 303
    assert approved.headers["location"] == (
        f"{REPORT}?year=2020&done=giahan&unit=syt&told=2")
    assert to_lan.text == APPROVED_TO_LAN and to_hung.text == APPROVED_TO_LAN
    assert "Hạn đã được gia hạn đến 31/01/2020" in replanned.text
    assert "Đã duyệt gia hạn cho Sở Y tế. Đã báo cho 2 người/nhóm của đơn vị." in page_text(
        after.text)
    assert table_rows(after.text, "detail")[1]["syt"][7] == "31/01/2020"  # granted until
    assert "syt" not in table_rows(after.text, "actions")[1]
    assert twice.status_code == 400
    assert page_text(twice.text).endswith(
        "Đề nghị gia hạn của Sở Y tế đã được duyệt đến ngày 31/01/2020; không có gì thay đổi.")
    assert unknown.status_code == 404
    assert "Không tìm thấy đơn vị có mã “zz”." in page_text(unknown.text)
    assert not_asking.status_code == 400
    assert "Sở Tư pháp" in page_text(not_asking.text)
    assert changed == (1, 0, ["extension.approve"])


async def test_forged_forms_and_officers_change_nothing(database_url: str) -> None:
    clock = SimulatedClock(local(2020, 1, 8, 9))
    async with office_bot(database_url, clock) as (bot, fake, admin):
        hanh, lan, _hung, mai = await sent_reminders(bot, fake, clock, admin)
        clock.set(local(2020, 1, 21, 9))
        messages_before = len(fake.bot_messages(lan)), len(fake.bot_messages(mai))
        async with browser(fake, hanh) as client:
            without = await client.post(f"{REPORT}/giahan", data={"unit": "syt"})
            forged = await client.post(f"{REPORT}/giahan",
                                       data={"csrf": "0" * 64, "unit": "syt"})
            other_session = await csrf_of(client)
        async with browser(fake, hanh) as client:
            stale = await client.post(f"{REPORT}/dondoc",
                                      data={"csrf": other_session, "unit": "stp"})
            init_data = signed_init_data(fake.token, hanh.id, clock())
            mini_app_without = await client.post(f"{REPORT}/dondoc", data={"unit": "stp"},
                                                 headers={"X-Telegram-Init-Data": init_data})
        async with browser(fake, lan) as client:
            officer_page = await client.get(REPORT, params={"year": "2020"})
            officer_csrf = CSRF.search(officer_page.text)
            assert officer_csrf is not None
            officer = await client.post(f"{REPORT}/giahan",
                                        data={"csrf": officer_csrf.group(1), "unit": "syt"})
        changed = await changes(bot)
        messages_after = len(fake.bot_messages(lan)), len(fake.bot_messages(mai))
    for refused in (without, forged, stale, mini_app_without):
        assert refused.status_code == 403
        assert "Biểu mẫu đã cũ hoặc không hợp lệ; không có gì bị thay đổi" in page_text(
            refused.text)
    assert 'id="actions"' not in officer_page.text
    assert officer.status_code == 403
    assert "lệnh /giahan chỉ dành cho Văn phòng UBND tỉnh hoặc quản trị viên" in page_text(
        officer.text)
    assert changed == (0, 0, [])
    # Lan got only her /web link; Mai nothing.
    assert messages_after == (messages_before[0] + 1, messages_before[1])


async def test_the_office_follows_up_from_the_page_once_a_day(database_url: str) -> None:
    clock = SimulatedClock(local(2020, 1, 8, 9))
    async with office_bot(database_url, clock) as (bot, fake, admin):
        hanh, _lan, _hung, mai = await sent_reminders(bot, fake, clock, admin)
        clock.set(local(2020, 1, 22, 9))
        async with browser(fake, hanh) as client:
            csrf = await csrf_of(client)
            sent = await client.post(f"{REPORT}/dondoc", params={"year": "2020"},
                                     data={"csrf": csrf, "unit": "stp"})
            [follow_up] = await fake.wait_for_bot_messages(mai)
            page = await client.get(sent.headers["location"])
            again = await client.post(f"{REPORT}/dondoc", params={"year": "2020"},
                                      data={"csrf": csrf, "unit": "stp"})
            init_data = signed_init_data(fake.token, hanh.id, clock())
            mini_app_page = await client.get(REPORT, params={"year": "2020"}, headers={
                "X-Telegram-Init-Data": init_data})
            mini_app_csrf = CSRF.search(mini_app_page.text)
            assert mini_app_csrf is not None
            # Without the browser's cookie: only the Mini App's data signs the post in.
            client.cookies.clear()
            from_mini_app = await client.post(
                f"{REPORT}/dondoc", data={"csrf": mini_app_csrf.group(1), "unit": "sxd"},
                headers={"X-Telegram-Init-Data": init_data})
        changed = await changes(bot)
    assert sent.status_code == 303
    assert follow_up.text == FOLLOW_UP_TO_MAI
    assert list(follow_up.button_texts) == ["Đã gửi báo cáo", "Đang thực hiện",
                                            "Có khó khăn, vướng mắc", "Đề nghị gia hạn"]
    assert "📣 Đã đôn đốc Sở Tư pháp. Đã nhắn 1 người/nhóm của đơn vị." in page_text(page.text)
    assert again.status_code == 400
    assert page_text(again.text).endswith(
        "Văn phòng đã đôn đốc Sở Tư pháp về báo cáo này trong ngày 22/01/2020; mỗi ngày chỉ "
        "đôn đốc một lần. Không có gì thay đổi.")
    assert "Đăng xuất" not in page_text(mini_app_page.text)  # no session to end in the Mini App
    assert from_mini_app.status_code == 303
    assert "done=dondoc&unit=sxd&told=0" in from_mini_app.headers["location"]
    assert changed == (0, 2, ["report.follow_up", "report.follow_up"])


async def test_a_units_history_shows_its_year_and_its_on_time_rate(database_url: str) -> None:
    async with office_bot(database_url, SimulatedClock(TODAY)) as (bot, fake, admin):
        hanh, lan = await office_with_answers(bot, fake, admin)
        async with browser(fake, hanh) as client:
            syt = await client.get("/unit/syt", params={"year": "2020"})
            snv = await client.get("/unit/SNV", params={"year": "2020", "lang": "en"})
            unknown = await client.get("/unit/xyz", params={"year": "2020"})
        async with browser(fake, lan) as client:
            own = await client.get("/unit/syt", params={"year": "2020"})
            other = await client.get("/unit/snv", params={"year": "2020"})
    _header, rows = table_rows(syt.text, "history")
    assert rows == {
        "trienkhai 2020-01-20": ["trienkhai", "Năm 2020", "20/01/2020", "Quá hạn – chưa gửi",
                                 "", "", ""],
        "quy 2020-03-10": ["quy", "Quý I/2020", "10/03/2020", "Đã gửi – trễ hạn",
                           "12/03/2020", "2", ""],
        "quy 2020-06-10": ["quy", "Quý II/2020", "10/06/2020", "Chưa gửi", "", "", ""],
        "quy 2020-09-10": ["quy", "Quý III/2020", "10/09/2020", "Chưa gửi", "", "", ""],
        "quy 2020-12-10": ["quy", "Quý IV/2020", "10/12/2020", "Chưa gửi", "", "", ""],
    }
    assert "Tình hình gửi báo cáo của Sở Y tế năm 2020" in page_text(syt.text)
    assert "Tỷ lệ gửi đúng hạn: 0% (0/2 báo cáo đã hết hạn)." in page_text(syt.text)
    assert "Sent on time: 100% (2 of 2 reports past their due date)." in page_text(snv.text)
    assert table_rows(snv.text, "history")[1]["quy 2020-03-10"][6] == "Document no. 15/BC-SNV"
    assert unknown.status_code == 404
    assert "Không tìm thấy đơn vị có mã “xyz”." in page_text(unknown.text)
    assert own.status_code == 200 and len(table_rows(own.text, "history")[1]) == 5
    assert other.status_code == 403
    assert "chỉ xem được lịch sử báo cáo của các đơn vị mình phụ trách" in page_text(other.text)


async def test_the_chart_page_draws_the_figures_of_chart(database_url: str) -> None:
    async with office_bot(database_url, SimulatedClock(TODAY)) as (bot, fake, admin):
        hanh, lan = await office_with_answers(bot, fake, admin)
        in_chat = await ask(fake, hanh, "chart", "2020")
        async with browser(fake, hanh) as client:
            matrix = await client.get("/", params={"year": "2020"})
            page = await client.get("/chart", params={"year": "2020"})
        async with browser(fake, lan) as client:
            officer = await client.get("/chart", params={"year": "2020"})
    text = page_text(page.text)
    assert 'href="/chart?year=2020"' in matrix.text
    assert in_chat.message["caption"] in text  # the photo's caption, word for word
    best, worst = table_rows(page.text, "chart-units")[1], table_rows(page.text, "chart-worst")[1]
    assert len(best) == len(worst) == 10  # 38 units: the best ten and the worst ten, as drawn
    assert next(iter(best)) == "snv" and best["snv"] == ["Sở Nội vụ", "", "100% (2/2)"]
    others = [row[2] for code, row in [*best.items(), *worst.items()] if code != "snv"]
    assert others == ["0% (0/2)"] * 19  # sent late, in progress, blocked or silent
    quarters = table_rows(page.text, "chart-quarters")[1]
    assert quarters == {"I": ["Quý I", "", "3% (2/76)"], "II": ["Quý II", "", "chưa có"],
                        "III": ["Quý III", "", "chưa có"], "IV": ["Quý IV", "", "chưa có"]}
    assert "Tính trên 2 kỳ báo cáo đã hết hạn đến ngày 16/03/2020" in text
    assert officer.status_code == 403
    assert "lệnh /chart chỉ dành cho Văn phòng UBND tỉnh hoặc quản trị viên" in page_text(
        officer.text)


async def test_the_office_and_admins_get_the_mini_app_menu_button_with_https(
    database_url: str
) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin = fake.add_user("Admin")
    async with running_bot(fake, database_url, admin_ids=(admin.id,),
                           web_base_url="https://bot.example.gov.vn/dashboard") as bot:
        hanh, lan = fake.add_user("Hạnh"), fake.add_user("Lan")
        await register(bot, fake, admin, hanh, "office")
        await register(bot, fake, admin, lan, "syt")
    mini_app = {"type": "web_app", "text": "Theo dõi báo cáo",
                "web_app": {"url": "https://bot.example.gov.vn/dashboard/"}}
    assert [fake.menu_button(user) for user in (admin, hanh, lan)] == [
        mini_app, mini_app, {"type": "default"}]
    assert fake.menu_button() is None  # the bot's default button is left alone


async def test_without_https_no_menu_button_is_set_and_the_log_says_why_once(
    database_url: str
) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin = fake.add_user("Admin")
    said: list[str] = []
    sink = logger.add(lambda message: said.append(str(message).strip()), level="INFO",
                      format="{message}", filter=lambda record: "Mini App" in record["message"])
    try:
        async with running_bot(fake, database_url, admin_ids=(admin.id,),
                               web_base_url="http://127.0.0.1:8081") as bot:
            await register(bot, fake, admin, fake.add_user("Hạnh"), "office")
    finally:
        logger.remove(sink)
    assert fake.calls("setChatMenuButton") == []
    assert fake.commands({"type": "chat", "chat_id": admin.id})  # the menus were published
    assert said == ["No Mini App menu button: WEB_BASE_URL http://127.0.0.1:8081 is not https, "
                    "which Telegram requires"]


async def test_the_office_gets_the_button_at_the_first_start_with_https(
    database_url: str
) -> None:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin = fake.add_user("Admin")
    async with running_bot(fake, database_url, admin_ids=(admin.id,)) as bot:
        hanh, lan = fake.add_user("Hạnh"), fake.add_user("Lan")
        await register(bot, fake, admin, hanh, "office")
        await register(bot, fake, admin, lan, "syt")
    before = [fake.menu_button(user) for user in (admin, hanh)]
    async with running_bot(fake, database_url, admin_ids=(admin.id,),
                           web_base_url="https://bot.example.gov.vn/dashboard"):
        pass
    assert before == [None, None]
    assert [(fake.menu_button(user) or {}).get("type") for user in (admin, hanh, lan)] == [
        "web_app", "web_app", None]  # officers keep Telegram's own button, untouched
