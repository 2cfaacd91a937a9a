"""The office's dashboard end to end: /web in chat gives a link, the browser (httpx) opens it
and reads the 2020 matrix from the bot's own server, as /export counts it."""

from __future__ import annotations

import contextlib
import re
from collections.abc import AsyncIterator
from datetime import timedelta
from io import BytesIO

import httpx
from openpyxl import load_workbook

from tests.e2e.harness import RunningBot, running_bot
from tests.e2e.test_export import SHEETS, TODAY, ask, office_with_answers
from tests.e2e.webhook_harness import loopback_socket, running_webhook_bot
from tests.fake_telegram import FakeTelegram, FakeUser, RateLimits
from tests.support.clock import SimulatedClock
from tests.support.html_table import page_text, table_rows
from tests.support.mini_app import signed_init_data

LINK = re.compile(r"(http://127\.0\.0\.1:\d+)(/login/[A-Za-z0-9_-]+)")
QUARTERS = ["quy Quý I/2020 10/03/2020", "quy Quý II/2020 10/06/2020",
            "quy Quý III/2020 10/09/2020", "quy Quý IV/2020 10/12/2020"]


@contextlib.asynccontextmanager
async def dashboard_bot(database_url: str, clock: SimulatedClock
                        ) -> AsyncIterator[tuple[RunningBot, FakeTelegram, FakeUser]]:
    fake = FakeTelegram(rate_limits=RateLimits.off())
    admin = fake.add_user("Admin")
    async with running_bot(fake, database_url, admin_ids=(admin.id,), clock=clock,
                           web_socket=loopback_socket()) as bot:
        yield bot, fake, admin


async def login_link(fake: FakeTelegram, user: FakeUser) -> tuple[str, str]:
    """The server's address and the link's path, from the bot's answer to /web."""
    answer = await ask(fake, user, "web")
    found = LINK.search(answer.text)
    assert found is not None, answer.text
    return found.group(1), found.group(2)


@contextlib.asynccontextmanager
async def browser(fake: FakeTelegram, user: FakeUser) -> AsyncIterator[httpx.AsyncClient]:
    """A browser signed in through the link /web sent to `user`."""
    base_url, path = await login_link(fake, user)
    async with httpx.AsyncClient(base_url=base_url, trust_env=False) as client:
        opened = await client.get(path)
        assert opened.status_code == 303, opened.text
        yield client


async def test_the_admin_signs_in_with_the_link_from_chat_and_reads_the_2020_matrix(
    database_url: str
) -> None:
    async with dashboard_bot(database_url, SimulatedClock(TODAY)) as (bot, fake, admin):
        await office_with_answers(bot, fake, admin)
        base_url, path = await login_link(fake, admin)
        async with httpx.AsyncClient(base_url=base_url, trust_env=False) as client:
            before = await client.get("/?year=2020")
            opened = await client.get(path)
            page = await client.get(opened.headers["location"], params={"year": "2020"})
            again = await client.get(path)
    [link_call] = [c for c in fake.calls("sendMessage") if "/login/" in c.params["text"]]
    assert link_call.json_param("link_preview_options") == {"is_disabled": True}
    assert before.status_code == 401
    assert "gửi lệnh /web cho bot" in page_text(before.text)
    assert opened.status_code == 303 and opened.headers["location"] == "/"
    cookie = opened.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Max-Age=28800" in cookie
    assert "Secure" not in cookie  # WEB_BASE_URL is plain http here
    assert page.status_code == 200
    assert page.headers["cache-control"] == "no-store"
    header, rows = table_rows(page.text, "matrix")
    assert header == ["Đơn vị", "trienkhai Năm 2020 20/01/2020", *QUARTERS]
    assert len(rows) == 38
    assert rows["snv"] == ["Sở Nội vụ", "Đúng hạn", "Đúng hạn", "Chưa gửi", "Chưa gửi",
                           "Chưa gửi"]
    assert rows["syt"][1:3] == ["Quá hạn", "Trễ hạn"]
    assert [rows[code][2] for code in ("sxd", "sct", "stc", "skhdt")] == [
        "Vướng mắc", "Xin gia hạn", "Đang làm", "Quá hạn"]
    assert "Tình hình thực hiện chế độ báo cáo năm 2020" in page_text(page.text)
    assert again.status_code == 410
    assert "đã được sử dụng" in page_text(again.text)


async def test_the_office_filters_the_matrix_and_opens_one_report(database_url: str) -> None:
    async with dashboard_bot(database_url, SimulatedClock(TODAY)) as (bot, fake, admin):
        hanh, _lan = await office_with_answers(bot, fake, admin)
        async with browser(fake, hanh) as client:
            blocked = await client.get("/", params={"year": "2020", "deadline": "quy",
                                                    "standing": "blocked"})
            districts = await client.get("/", params={"year": "2020", "group": "district"})
            bad = await client.get("/", params={"year": "2020", "standing": "late<script>"})
            detail = await client.get("/report/quy/2020-03-10", params={"year": "2020"})
            missing = await client.get("/report/quy/2020-03-11", params={"year": "2020"})
            workbook = await client.get("/xlsx", params={"year": "2020"})
            english = await client.get("/", params={"year": "2020", "lang": "en",
                                                    "deadline": "quy"})
    header, rows = table_rows(blocked.text, "matrix")
    assert header == ["Đơn vị", *QUARTERS]
    assert rows == {"sxd": ["Sở Xây dựng", "Vướng mắc", "Chưa gửi", "Chưa gửi", "Chưa gửi"]}
    assert "1 / 1 đơn vị" in page_text(blocked.text)
    _, district_rows = table_rows(districts.text, "matrix")
    assert list(district_rows) == ["tptv", "txdh", "canglong", "chauthanh", "cauke", "tieucan",
                                   "caungang", "tracu", "duyenhai"]
    # The typed value is not echoed as markup (the page's own Mini App script aside).
    assert bad.status_code == 400 and "late<script>" not in bad.text
    assert "Bộ lọc không hợp lệ" in page_text(bad.text)
    _, lines = table_rows(detail.text, "detail")
    assert lines["syt"] == ["Sở Y tế", "Đã gửi – trễ hạn", "12/03/2020", "2", "", "", "", "",
                            "Lan"]
    assert lines["sxd"][1:6] == ["Có khó khăn, vướng mắc", "", "",
                                 "Thiếu số liệu của các huyện",
                                 "Đề nghị Sở Kế hoạch và Đầu tư hỗ trợ"]
    assert lines["sct"][6] == "20/03/2020"
    assert lines["snv"][4] == "Văn bản số 15/BC-SNV"
    assert missing.status_code == 404
    assert "không có kỳ báo cáo “quy” hạn 2020-03-11" in page_text(missing.text)
    assert workbook.headers["content-disposition"] == (
        "attachment; filename*=UTF-8''tinh-hinh-bao-cao-2020.xlsx")
    assert load_workbook(BytesIO(workbook.content)).sheetnames == SHEETS
    assert "Reporting compliance in 2020" in page_text(english.text)
    assert table_rows(english.text, "matrix")[1]["snv"] == ["Sở Nội vụ", "On time", "Not sent",
                                                            "Not sent", "Not sent"]
    assert 'href="/report/quy/2020-03-10?year=2020&amp;lang=en"' in english.text


async def test_officers_see_their_own_unit_and_nobody_else_gets_in(database_url: str) -> None:
    clock = SimulatedClock(TODAY)
    async with dashboard_bot(database_url, clock) as (bot, fake, admin):
        _hanh, lan = await office_with_answers(bot, fake, admin)
        stranger = fake.add_user("Khách")
        refused = await ask(fake, stranger, "web")
        group = fake.add_group(members=[admin])
        fake.send_command(admin, "web", chat=group)
        [in_group] = await fake.wait_for_bot_messages(group, timeout=30)
        async with browser(fake, lan) as client:
            matrix = await client.get("/", params={"year": "2020"})
            detail = await client.get("/report/quy/2020-03-10", params={"year": "2020"})
            workbook = await client.get("/xlsx", params={"year": "2020"})
        base_url, path = await login_link(fake, admin)
        clock.advance(timedelta(minutes=10))
        async with httpx.AsyncClient(base_url=base_url, trust_env=False) as client:
            late = await client.get(path)
            token = fake.token
            now = clock()
            as_stranger = await client.get("/", headers={
                "X-Telegram-Init-Data": signed_init_data(token, stranger.id, now)})
            as_admin = await client.get("/?year=2020", headers={
                "X-Telegram-Init-Data": signed_init_data(token, admin.id, now)})
            forged = await client.get("/", headers={
                "X-Telegram-Init-Data": signed_init_data("1:" + "x" * 35, admin.id, now)})
            stale = await client.get("/", headers={"X-Telegram-Init-Data": signed_init_data(
                token, admin.id, now - timedelta(hours=1, minutes=1))})
    assert refused.text == ("Xin lỗi, lệnh /web chỉ dành cho cán bộ phụ trách báo cáo, quản trị "
                            "viên hoặc Văn phòng UBND tỉnh. Không có gì bị thay đổi.")
    assert in_group.text == ("Đường dẫn đăng nhập là của riêng từng người: anh/chị vui lòng gửi "
                             "/web trong cuộc trò chuyện riêng với bot.")
    assert "/login/" not in in_group.text
    assert list(table_rows(matrix.text, "matrix")[1]) == ["syt"]
    assert "các đơn vị mình phụ trách" in page_text(matrix.text)
    assert "Tải tệp Excel" not in page_text(matrix.text)
    assert list(table_rows(detail.text, "detail")[1]) == ["syt"]
    assert workbook.status_code == 403
    assert late.status_code == 410 and "đã hết hạn" in page_text(late.text)
    assert as_stranger.status_code == 403
    assert "chỉ dành cho cán bộ phụ trách báo cáo" in page_text(as_stranger.text)
    assert as_admin.status_code == 200 and len(table_rows(as_admin.text, "matrix")[1]) == 38
    assert (forged.status_code, stale.status_code) == (401, 401)
    assert "quá 1 giờ" in page_text(stale.text)


async def test_signing_out_needs_the_sessions_csrf_token(database_url: str) -> None:
    async with dashboard_bot(database_url, SimulatedClock(TODAY)) as (_bot, fake, admin), \
            browser(fake, admin) as client:
        page = await client.get("/?year=2020")
        csrf = re.search(r'name="csrf" value="([0-9a-f]{64})"', page.text)
        without = await client.post("/logout")
        forged = await client.post("/logout", data={"csrf": "0" * 64})
        still_in = await client.get("/?year=2020")
        assert csrf is not None
        old_cookie = client.cookies["deadline_bot_session"]
        signed_out = await client.post("/logout", data={"csrf": csrf.group(1)})
        cookie = client.cookies.get("deadline_bot_session")
        # The old cookie, sent again on purpose: the session itself has ended on the server.
        after = await client.get("/?year=2020",
                                 headers={"Cookie": f"deadline_bot_session={old_cookie}"})
    assert (without.status_code, forged.status_code, still_in.status_code) == (403, 403, 200)
    assert "Biểu mẫu đã cũ hoặc không hợp lệ" in page_text(without.text)
    assert signed_out.status_code == 200 and "đã đăng xuất" in page_text(signed_out.text)
    assert cookie is None
    assert after.status_code == 401


async def test_in_webhook_mode_the_dashboard_is_served_by_the_webhook_server(
    database_url: str
) -> None:
    fake = FakeTelegram()
    async with running_webhook_bot(
            fake, database_url, web_base_url="https://bot.example.gov.vn/dashboard") as bot:
        unsigned = await bot.client.get("/dashboard/")
        unknown = await bot.client.get("/dashboard/login/" + "A" * 43)
        outside = await bot.client.get("/login/" + "A" * 43)
        health = await bot.client.get("/healthz")
    assert unsigned.status_code == 401 and "gửi lệnh /web" in page_text(unsigned.text)
    assert unknown.status_code == 404
    assert "Đường dẫn đăng nhập không đúng" in page_text(unknown.text)
    assert outside.status_code == 404 and outside.text == "Not Found"  # Starlette's own
    assert health.text == "ok"
